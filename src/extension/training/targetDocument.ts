// Which .nngraph file a training command acts on: the Uri its caller passed (the graph editor's buttons pass their
// document), else the active tab's file when it is a graph (in the graph editor or as text).
import * as vscode from 'vscode';

function isGraphUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.nngraph');
}

/** The Uri of the active tab when it shows a .nngraph file. */
export function activeGraphUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    return isGraphUri(input.uri) ? input.uri : undefined;
  }
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  return editorUri !== undefined && isGraphUri(editorUri) ? editorUri : undefined;
}

/** The command's argument when it is a graph's Uri, else the active graph; undefined (with a message) otherwise. */
export function commandTarget(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri && isGraphUri(argument)) return argument;
  const active = activeGraphUri();
  if (active === undefined) {
    void vscode.window.showInformationMessage('NN Graph: open a .nngraph file first; training acts on the active graph.');
  }
  return active;
}

/** Whether any tab still shows this file (closing the last one stops its run). */
export function isOpenInAnyTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if ((input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.toString() === key) {
        return true;
      }
    }
  }
  return false;
}

/** The file's name without its folder, as messages name a graph ("spiral.nngraph"). */
export function fileNameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
