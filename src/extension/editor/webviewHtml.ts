// The only place HTML is built for the extension's webviews: a strict Content-Security-Policy with a fresh nonce,
// and resources only from dist/webview. Shared by the graph editor and the training panel.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

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
  const styleLink = style ? `<link rel="stylesheet" href="${escapeAttribute(asset(style))}" nonce="${nonce}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(title)}</title>
${styleLink}
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${escapeAttribute(asset(script))}"></script>
</body>
</html>`;
}
