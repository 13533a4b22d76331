// From a problem or a text cursor to the node in the graph: a quick fix "Show node in Graph Editor" on each
// problem that belongs to a node, and the cursor in a .nngraph text editor selects its node in open graph editors.
import * as vscode from 'vscode';
import { nodeIdAtOffset } from '../../graph/index';
import { REVEAL_NODE_COMMAND } from './commands';
import { isGraphDocument, nodeIdOfDiagnostic } from './diagnostics';
import { selectNodesInEditors } from './editorSessions';

class ShowNodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const nodeId = nodeIdOfDiagnostic(diagnostic) ?? nodeIdAtOffset(document.getText(), document.offsetAt(diagnostic.range.start));
      if (diagnostic.source !== 'nngraph' || nodeId === undefined || seen.has(nodeId)) continue;
      seen.add(nodeId);
      const action = new vscode.CodeAction(`Show node '${nodeId}' in Graph Editor`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { title: action.title, command: REVEAL_NODE_COMMAND, arguments: [document.uri, nodeId] };
      actions.push(action);
    }
    return actions;
  }
}

export function registerProblemLinks(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.nngraph' }, new ShowNodeActions(), {
      providedCodeActionKinds: ShowNodeActions.kinds,
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      const document = event.textEditor.document;
      if (!isGraphDocument(document) || event.selections.length === 0) return;
      const nodeId = nodeIdAtOffset(document.getText(), document.offsetAt(event.selections[0].active));
      if (nodeId !== undefined) selectNodesInEditors(document.uri, [nodeId]);
    }),
  );
}
