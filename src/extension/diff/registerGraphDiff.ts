// NN Graph: Show Graph Diff: shows the two versions of the .nngraph diff in front (Source Control, Timeline,
// "Compare with…") as graphs, with what was added, removed and changed highlighted.
import * as vscode from 'vscode';
import { activeDiffSides } from './diffSides';
import { openGraphDiffPanel } from './graphDiffPanel';

export const SHOW_GRAPH_DIFF_COMMAND = 'nngraph.showGraphDiff';

export function registerGraphDiff(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_GRAPH_DIFF_COMMAND, () => {
    const sides = activeDiffSides();
    if (!sides) {
      void vscode.window.showInformationMessage(
        'Open the changes of a .nngraph file first (from Source Control, the Timeline or "Compare with…"), then run Show Graph Diff.');
      return;
    }
    openGraphDiffPanel(context.extensionUri, sides, log);
  }));
}
