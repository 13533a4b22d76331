// Choosing a CSV file as the dataset: the host's file dialog, a path relative to the .nngraph file that stays inside
// the workspace (checked by the same rule as every CSV path), and the last column of its header as the label (the
// usual layout; the inspector can pick another).
import * as vscode from 'vscode';
import type { JsonObject } from '../../graph/index';
import { showError } from '../notify';
import { requireWorkspaceTrust } from '../workspaceTrust';
import { readPickedCsvHeader } from './csvDataset';
import { csvPlaceOf } from './documentAnalysis';

/** A path from `fromDir` to `to`, both URI paths with `/`; `..` where needed. */
export function relativePath(fromDir: string, to: string): string {
  const fromParts = fromDir.split('/').filter((p) => p !== '');
  const toParts = to.split('/').filter((p) => p !== '');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

export async function pickCsvDataset(documentUri: vscode.Uri): Promise<JsonObject | undefined> {
  if (!(await requireWorkspaceTrust('NN Graph reads CSV datasets only in a trusted workspace.'))) return undefined;
  const documentDir = vscode.Uri.joinPath(documentUri, '..');
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, defaultUri: documentDir, filters: { 'CSV files': ['csv'] }, openLabel: 'Use as Dataset', title: 'Choose a CSV dataset',
  });
  const fileUri = picked?.[0];
  if (!fileUri) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(fileUri);
  if (!folder || folder.uri.toString() !== vscode.workspace.getWorkspaceFolder(documentUri)?.uri.toString()) {
    void showError(`${fileUri.fsPath} is outside this file's workspace folder; copy it into the workspace first.`);
    return undefined;
  }
  const path = relativePath(documentDir.path, fileUri.path);
  const place = csvPlaceOf(documentUri);
  if (!place) {
    void showError('NN Graph reads CSV data sets only beside .nngraph files on this machine.');
    return undefined;
  }
  const header = await readPickedCsvHeader(path, place);
  if (!Array.isArray(header)) {
    void showError(header.message);
    return undefined;
  }
  const label = header.at(-1);
  if (!label) {
    void showError(`${path} has no header row; the first line must name the columns.`);
    return undefined;
  }
  return { csv: path, label };
}
