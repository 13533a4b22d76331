// The only place HTML is built for the extension's webviews: a strict Content-Security-Policy with a fresh nonce,
// and resources only from dist/webview. Shared by the graph editor and the training panel, and (static pages with no
// script at all) the page an .onnx file opens in.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewLoaderScript } from './webviewLoader';

export interface WebviewHtmlOptions {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  /** File name of the script bundle inside dist/webview, e.g. `editor.js`. */
  script: string;
  /** File name of the style sheet inside dist/webview, e.g. `editor.css`; omitted when the bundle has none. */
  style?: string;
  title: string;
  /** A fresh nonce for this load; one is made when omitted. */
  nonce?: string;
}

/** 128 random bits, base64: a CSP nonce that a page cannot guess. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The webview options that go with buildWebviewHtml: scripts on, local files from dist/webview only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function buildWebviewHtml({ webview, extensionUri, script, style, title, nonce = makeNonce() }: WebviewHtmlOptions): string {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Style sheets come only from the extension; React Flow and KaTeX set element styles through the DOM, which the
    // policy allows without 'unsafe-inline'.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  // The bundle and its style sheet are loaded by a small inline script that tries again when a load fails
  // (webviewLoader.ts says why), rather than by plain tags that leave the view blank for good.
  const loader = webviewLoaderScript({ scriptUri: asset(script), styleUri: style ? asset(style) : undefined, nonce, title });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}">${loader}</script>
</body>
</html>`;
}

/** A page without a script: a heading, paragraphs, a list, and at most one action that runs one of our commands. */
export interface StaticPage {
  title: string;
  paragraphs: readonly string[];
  items?: readonly string[];
  /** A link that runs `command` with `args`; the webview allows that command's URIs and no other. */
  action?: { label: string; command: string; args: readonly unknown[] };
}

/** No scripts, no local files; command links only for the one command the page offers (nothing else is allowed). */
export function staticPageOptions(page: StaticPage): vscode.WebviewOptions {
  return { enableScripts: false, enableCommandUris: page.action ? [page.action.command] : false, localResourceRoots: [] };
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every string of the page is text (names from a file included): escaped, never markup. */
export function buildStaticPageHtml(page: StaticPage, nonce = makeNonce()): string {
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`].join('; ');
  const paragraphs = page.paragraphs.map((text) => `<p>${escapeText(text)}</p>`).join('\n');
  const items = page.items && page.items.length > 0 ? `<ol>${page.items.map((item) => `<li><code>${escapeText(item)}</code></li>`).join('')}</ol>` : '';
  const action = page.action
    ? `<p><a class="action" href="${escapeAttribute(`command:${page.action.command}?${encodeURIComponent(JSON.stringify(page.action.args))}`)}">${escapeText(page.action.label)}</a></p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<title>${escapeText(page.title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 24px; max-width: 60em; }
code { font-family: var(--vscode-editor-font-family); }
a.action { display: inline-block; padding: 6px 14px; background: var(--vscode-button-background); color: var(--vscode-button-foreground); text-decoration: none; border-radius: 2px; }
a.action:hover { background: var(--vscode-button-hoverBackground); }
</style>
</head>
<body>
<h1>${escapeText(page.title)}</h1>
${paragraphs}
${items}
${action}
</body>
</html>`;
}
