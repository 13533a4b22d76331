// The Graph Diff panel: a webview that shows two versions of a .nngraph as graphs. The host only reads the two texts
// (and again when either changes); the webview diffs them with the pure graph code.
import * as vscode from 'vscode';
import { assertNever } from '../../graph/index';
import { receiveDiffToHost, type HostToDiffMessage } from '../../protocol/diffMessages';
import { buildWebviewHtml, webviewOptions } from '../editor/webviewHtml';
import { baseName, versionLabel, type DiffSides } from './diffSides';

export const GRAPH_DIFF_VIEW_TYPE = 'nngraph.graphDiff';

async function readText(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

export function openGraphDiffPanel(extensionUri: vscode.Uri, sides: DiffSides, log: vscode.LogOutputChannel): void {
  const title = `Graph Diff: ${baseName(sides.modified)}`;
  const panel = vscode.window.createWebviewPanel(GRAPH_DIFF_VIEW_TYPE, title, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  panel.webview.html = buildWebviewHtml({ webview: panel.webview, extensionUri, script: 'diff.js', style: 'diff.css', title });
  let ready = false;
  const send = async (): Promise<void> => {
    try {
      const [before, after] = await Promise.all([readText(sides.original), readText(sides.modified)]);
      const message: HostToDiffMessage = {
        type: 'versions',
        before: { label: versionLabel(sides.original), text: before },
        after: { label: versionLabel(sides.modified), text: after },
      };
      void panel.webview.postMessage(message);
    } catch (error) {
      void vscode.window.showErrorMessage(`NN Graph: could not read both versions for the graph diff: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const watched = new Set([sides.original.toString(), sides.modified.toString()]);
  const subscriptions: vscode.Disposable[] = [
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const received = receiveDiffToHost(raw);
      if (!received.ok) {
        log.warn(`Dropped a message from the graph diff of ${baseName(sides.modified)}: ${received.reason}`);
        return;
      }
      switch (received.message.type) {
        case 'ready':
          ready = true;
          void send();
          return;
        default: assertNever(received.message.type);
      }
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (ready && event.contentChanges.length > 0 && watched.has(event.document.uri.toString())) void send();
    }),
  ];
  panel.onDidDispose(() => { for (const subscription of subscriptions) subscription.dispose(); });
}
