// A jsdom window installed as the global DOM, for rendering webview components in unit tests. Imported before React
// so that react-dom finds a document when it loads. jsdom runs inline scripts here, so an injected one would run.
import { JSDOM } from 'jsdom';

export const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', { runScripts: 'dangerously', pretendToBeVisual: true });

const globals = globalThis as Record<string, unknown>;
const domWindow = dom.window as unknown as Record<string, unknown>;
for (const name of ['window', 'document', 'navigator', 'HTMLElement', 'Element', 'Node', 'Event', 'MouseEvent', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
  Object.defineProperty(globals, name, { value: domWindow[name], configurable: true, writable: true });
}
globals.IS_REACT_ACT_ENVIRONMENT = true;
