// The small inline script that loads a webview's bundle and style sheet, and loads them again when a load fails.
// Why: VS Code serves a webview's files through a service worker that answers 408 when the workbench has not
// delivered a file within 30 s. On a busy machine that happens (seen in code-server: a Training view that stayed blank
// for good after two 408s while PyTorch started), and a plain <script src> never tries again. This loader retries
// with growing pauses and, if every try fails, says so in the view with a button to try again: never a blank view.
// Plain ES5 kept as text, since it runs before (and instead of) the bundle; no vscode import, so it is unit-tested.

export interface WebviewLoaderOptions {
  /** The bundle's webview URI. */
  scriptUri: string;
  /** The style sheet's webview URI, when the bundle has one. */
  styleUri?: string;
  /** The page's CSP nonce: the script element made here must carry it. */
  nonce: string;
  /** What the view is called in the failure message ("Training"). */
  title: string;
  /** The first pause before a retry; it doubles each time. Tests shorten it. */
  retryBaseMs?: number;
}

/** Loads before giving up: the pauses between them grow (1, 2, 4, 8 s), so a busy spell of a minute or two passes. */
export const webviewLoadAttempts = 5;
export const webviewRetryBaseMs = 1000;

/** A JSON literal that is also safe inside <script> (no `</script>`, no HTML comment openers). */
function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function webviewLoaderScript({ scriptUri, styleUri, nonce, title, retryBaseMs = webviewRetryBaseMs }: WebviewLoaderOptions): string {
  const config = { script: scriptUri, style: styleUri ?? null, nonce, title, attempts: webviewLoadAttempts, baseMs: retryBaseMs };
  return `(function () {
  var config = ${scriptLiteral(config)};
  var failureBox = null;
  function showFailure(what, retry) {
    if (failureBox) return;
    failureBox = document.createElement('div');
    failureBox.className = 'nngraph-load-failure';
    failureBox.setAttribute('role', 'alert');
    failureBox.style.cssText = 'margin:16px;padding:12px;border:1px solid var(--vscode-inputValidation-errorBorder, #be1100);font-family:var(--vscode-font-family);color:var(--vscode-foreground);';
    var text = document.createElement('p');
    text.textContent = 'NN Graph could not load the ' + config.title + ' view: its ' + what + ' did not arrive after ' + config.attempts +
      ' tries (VS Code gives up on a webview file after 30 s when the machine is busy). Nothing is lost; try again when the machine is less busy.';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Try again';
    button.addEventListener('click', function () {
      failureBox.remove();
      failureBox = null;
      retry();
    });
    failureBox.appendChild(text);
    failureBox.appendChild(button);
    document.body.appendChild(failureBox);
  }
  // Calls then() once the element loaded, or once every try failed (the failure is then on screen).
  function load(make, what, attempt, then) {
    var element = make();
    element.addEventListener('load', function () { then(); });
    element.addEventListener('error', function () {
      element.remove();
      if (attempt + 1 < config.attempts) {
        setTimeout(function () { load(make, what, attempt + 1, then); }, config.baseMs * Math.pow(2, attempt));
      } else {
        showFailure(what, function () { load(make, what, 0, function () {}); });
        then();
      }
    });
  }
  function makeStyle() {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.nonce = config.nonce;
    link.href = config.style;
    document.head.appendChild(link);
    return link;
  }
  function makeScript() {
    var script = document.createElement('script');
    script.nonce = config.nonce;
    script.src = config.script;
    document.body.appendChild(script);
    return script;
  }
  // The style sheet first, as a <link> in the head would be: the views measure their elements when they mount.
  function loadScript() { load(makeScript, 'script', 0, function () {}); }
  if (config.style !== null) load(makeStyle, 'style sheet', 0, loadScript);
  else loadScript();
})();`;
}
