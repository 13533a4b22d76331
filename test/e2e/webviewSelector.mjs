// A Playwright selector engine, `nngraph-webview=<title>`, that finds the outer iframe of a visible webview by the
// title of what shows it. VS Code draws webviews in overlays laid over their editor or view, not inside them, so
// the iframe is matched to what lies under its centre (document.elementsFromPoint): an editor group (title: its
// active tab's label) or a view pane and its part (titles: the pane's and the part's). An empty title means the
// webview of the active editor group first, then any other visible one. The engine runs inside the page, so it is
// self-contained plain JavaScript kept as text: the
// TypeScript program has no DOM types, and tsx would add helpers (__name) to a function's toString().

const ENGINE_SOURCE = String.raw`
function createWebviewSelectorEngine() {
  function text(element) {
    return ((element && (element.getAttribute('aria-label') || element.textContent)) || '').trim();
  }

  function describe(frame) {
    const overlay = frame.parentElement;
    if (!overlay || getComputedStyle(overlay).visibility !== 'visible') return null;
    const rect = frame.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return null;
    const stack = frame.ownerDocument.elementsFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const titles = [];
    const group = stack.find((element) => element.classList.contains('editor-group-container'));
    if (group) titles.push(text(group.querySelector('.tab.active')));
    const pane = stack.find((element) => element.classList.contains('pane'));
    if (pane) titles.push(text(pane.querySelector('.pane-header .title')));
    const part = stack.find((element) => element.classList.contains('part') && !element.classList.contains('editor'));
    if (part) {
      titles.push(text(part.querySelector('.composite.title .title-label h2')));
      titles.push(text(part.querySelector('.composite-bar .action-item.checked .action-label')));
    }
    return {
      frame,
      titles: titles.filter((title) => title !== ''),
      inActiveEditorGroup: group ? group.classList.contains('active') : false,
    };
  }

  function matches(candidate, wanted) {
    const lower = wanted.toLowerCase();
    return candidate.titles.some((title) => title === wanted || title.startsWith(wanted + ',') ||
      title.toLowerCase() === lower);
  }

  function queryAll(root, selector) {
    const document = root.ownerDocument || root;
    const wanted = selector.trim();
    const candidates = Array.from(document.querySelectorAll('iframe.webview.ready'))
      .map(describe)
      .filter((candidate) => candidate !== null);
    if (wanted !== '') return candidates.filter((candidate) => matches(candidate, wanted)).map((c) => c.frame);
    const active = candidates.filter((candidate) => candidate.inActiveEditorGroup);
    const others = candidates.filter((candidate) => !candidate.inActiveEditorGroup);
    return [...active, ...others].map((candidate) => candidate.frame);
  }

  return { queryAll, query: (root, selector) => queryAll(root, selector)[0] || null };
}
`;

/** The engine as source text for `selectors.register` (it is evaluated inside the page). */
export const WEBVIEW_SELECTOR_ENGINE = { content: `(${ENGINE_SOURCE})()` };
