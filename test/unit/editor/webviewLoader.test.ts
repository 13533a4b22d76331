// The webview loader in a real DOM (jsdom, which runs its inline script and loads resources through a loader we
// control): a bundle whose first loads fail (VS Code's 408 under load) still runs, the style sheet comes first, and
// when every try fails the view says so with a working Try again, never a blank page.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { JSDOM, ResourceLoader, VirtualConsole, type FetchOptions } from 'jsdom';
import { webviewLoadAttempts, webviewLoaderScript } from '../../../src/extension/editor/webviewLoader';

/** What the test reads of the page: the root type check has no DOM types. */
interface PageElement { textContent: string | null; nonce?: string; click(): void; querySelector(selector: string): PageElement | null }
interface PageWindow {
  bundleRuns?: number;
  close(): void;
  document: { getElementById(id: string): PageElement | null; querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement> };
}

const scriptUri = 'https://file.vscode-resource.test/dist/webview/training.js';
const styleUri = 'https://file.vscode-resource.test/dist/webview/training.css';

/** Fails the first `failures[url]` fetches of a URL, then serves it; records every fetch in order. */
class FlakyLoader extends ResourceLoader {
  readonly fetched: string[] = [];
  constructor(private readonly failures: Map<string, number>) { super(); }
  override fetch(url: string, _options: FetchOptions): Promise<Buffer> {
    this.fetched.push(url);
    const left = this.failures.get(url) ?? 0;
    if (left > 0) {
      this.failures.set(url, left - 1);
      return Promise.reject(new Error('408 Request Timeout'));
    }
    const body = url === scriptUri ? 'window.bundleRuns = (window.bundleRuns || 0) + 1; document.getElementById("root").textContent = "view drawn";' : 'body { color: red; }';
    return Promise.resolve(Buffer.from(body));
  }
}

function page(loader: FlakyLoader, nonce = 'n0nce+/='): PageWindow {
  const script = webviewLoaderScript({ scriptUri, styleUri, nonce, title: 'Training', retryBaseMs: 5 });
  const dom = new JSDOM(`<!DOCTYPE html><html><head></head><body><div id="root"></div><script>${script}</script></body></html>`, {
    runScripts: 'dangerously', resources: loader,
    // The failed loads are expected here; jsdom would print each one.
    virtualConsole: new VirtualConsole(),
  });
  return dom.window as PageWindow;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(check(), what);
}

test('a bundle whose first two loads time out runs once, after the style sheet, with the nonce', async () => {
  const loader = new FlakyLoader(new Map([[scriptUri, 2]]));
  const window = page(loader);
  await until(() => window.bundleRuns === 1, 'the bundle ran');
  assert.equal(window.document.getElementById('root')?.textContent, 'view drawn');
  assert.deepEqual(loader.fetched, [styleUri, scriptUri, scriptUri, scriptUri], 'style first, then the script three times');
  const scripts = Array.from(window.document.querySelectorAll('script[src]'));
  assert.equal(scripts.length, 1, 'failed script elements are removed');
  assert.equal(scripts[0]?.nonce, 'n0nce+/=');
  assert.equal(window.document.querySelector('[role="alert"]'), null, 'no failure shown');
  window.close();
});

test('a style sheet that keeps failing is reported, and the script still loads', async () => {
  const loader = new FlakyLoader(new Map([[styleUri, webviewLoadAttempts]]));
  const window = page(loader);
  await until(() => window.bundleRuns === 1, 'the bundle ran');
  const alert = window.document.querySelector('[role="alert"]');
  assert.match(alert?.textContent ?? '', /could not load the Training view: its style sheet did not arrive after 5 tries/);
  window.close();
});

test('a script that never arrives leaves a message with Try again, which loads it', async () => {
  const loader = new FlakyLoader(new Map([[scriptUri, webviewLoadAttempts]]));
  const window = page(loader);
  const document = window.document;
  await until(() => document.querySelector('[role="alert"]') !== null, 'the failure is shown');
  assert.equal(loader.fetched.filter((url) => url === scriptUri).length, webviewLoadAttempts);
  assert.match(document.querySelector('[role="alert"]')?.textContent ?? '', /its script did not arrive after 5 tries.*Nothing is lost/);
  const retry = document.querySelector('[role="alert"] button');
  assert.equal(retry?.textContent, 'Try again');
  retry?.click();
  await until(() => window.bundleRuns === 1, 'the bundle ran after Try again');
  assert.equal(document.querySelector('[role="alert"]'), null, 'the message is gone');
  window.close();
});

test('the URIs and nonce are data in the script, never markup that could end it', () => {
  const script = webviewLoaderScript({ scriptUri: 'https://x/</script><script>alert(1)</script>.js', nonce: 'a"b', title: '</script>' });
  assert.ok(!script.includes('</script>'), 'no closing tag inside the inline script');
  assert.ok(!script.includes('<script>'));
});
