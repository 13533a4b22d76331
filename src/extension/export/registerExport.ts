// The Export command's place in VS Code: `nngraph.export`, on the active graph or the Uri the editor's title button
// passes. A failure nobody foresaw still ends in a message, never silence.
import * as vscode from 'vscode';
import { showError, showInfo } from '../notify';
import { activeGraphUri } from '../training/targetDocument';
import { exportGraph } from './exportCommand';

export function registerExport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('nngraph.export', (argument?: unknown) => {
    const uri = argument instanceof vscode.Uri && argument.path.toLowerCase().endsWith('.nngraph') ? argument : activeGraphUri();
    if (uri === undefined) {
      void showInfo('NN Graph: open a .nngraph file first; Export acts on the active graph.');
      return;
    }
    exportGraph(uri).catch((error: unknown) => {
      void showError(`NN Graph: the export failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }));
}
