// Everything the graph editor contributes to VS Code: the custom editor, its commands, the Problems panel, and the
// links from problems to nodes. `postTrainingUpdate` is how the training part draws live state on the graph.
import * as vscode from 'vscode';
import { registerGraphDiff } from '../diff/registerGraphDiff';
import { registerEditorCommands } from './commands';
import { GraphDiagnostics } from './diagnostics';
import { GRAPH_EDITOR_VIEW_TYPE, GraphEditorProvider } from './graphEditorProvider';
import { registerProblemLinks } from './problemLinks';

export { postTrainingUpdate, type TrainingOverlay } from './editorSessions';
export { buildWebviewHtml, makeNonce, webviewOptions, type WebviewHtmlOptions } from './webviewHtml';

export function registerGraphEditor(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('NN Graph Editor', { log: true });
  context.subscriptions.push(
    log,
    vscode.window.registerCustomEditorProvider(GRAPH_EDITOR_VIEW_TYPE, new GraphEditorProvider(context.extensionUri, log), {
      // No retainContextWhenHidden: the webview keeps its viewport and selection through the state API instead.
      supportsMultipleEditorsPerDocument: true,
    }),
    new GraphDiagnostics(),
  );
  registerEditorCommands(context);
  registerProblemLinks(context);
  registerGraphDiff(context, log);
}
