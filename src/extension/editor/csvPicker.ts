// Choosing a CSV file as the dataset: the host's file dialog, a path relative to the .nngraph file that stays inside
// the workspace, and the last column as the label (the usual layout; the inspector can pick another).
import * as vscode from 'vscode';
import type { JsonObject } from '../../graph/index';
import { readCsvDetails } from './documentAnalysis';

/** A path from `fromDir` to `to`, both URI paths with `/`; `..` where needed. */
export function relativePath(fromDir: string, to: string): string {
  const fromParts = fromDir.split('/').filter((p) => p !== '');
  const toParts = to.split('/').filter((p) => p !== '');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

export async function pickCsvDataset(documentUri: vscode.Uri): Promise<JsonObject | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('NN Graph reads CSV datasets only in a trusted workspace.');
    return undefined;
  }
  const documentDir = vscode.Uri.joinPath(documentUri, '..');
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, defaultUri: documentDir, filters: { 'CSV files': ['csv'] }, openLabel: 'Use as Dataset', title: 'Choose a CSV dataset',
  });
  const fileUri = picked?.[0];
  if (!fileUri) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(fileUri);
  if (!folder || folder.uri.toString() !== vscode.workspace.getWorkspaceFolder(documentUri)?.uri.toString()) {
    void vscode.window.showErrorMessage(`${fileUri.fsPath} is outside this file's workspace folder; copy it into the workspace first.`);
    return undefined;
  }
  const path = relativePath(documentDir.path, fileUri.path);
  const details = await readCsvDetails(documentUri, path, '');
  const label = details.columns.at(-1);
  if (!label) {
    void vscode.window.showErrorMessage(`${path} has no header row; the first line must name the columns.`);
    return undefined;
  }
  return { csv: path, label };
}
