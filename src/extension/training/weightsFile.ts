// Where a graph's trained weights live (`<name>.safetensors` beside `<name>.nngraph`, see the format page) and the
// file operations on them, through vscode.workspace.fs so remote workspaces work too. Writing goes through
// weightsTarget.ts (atomic, never onto the graph or its data, never over another kind of file unasked).
import * as vscode from 'vscode';
import { weightsFileNameFor } from '../../graph/index';

export function weightsUriFor(graphUri: vscode.Uri): vscode.Uri {
  const fileName = graphUri.path.slice(graphUri.path.lastIndexOf('/') + 1);
  return vscode.Uri.joinPath(graphUri, '..', weightsFileNameFor(fileName));
}

/** The saved weights file's bytes, or undefined when there is none. */
export async function readSavedWeights(graphUri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(weightsUriFor(graphUri));
  } catch {
    return undefined;
  }
}

export async function weightsExist(graphUri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(weightsUriFor(graphUri));
    return true;
  } catch {
    return false;
  }
}

export async function deleteSavedWeights(graphUri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(weightsUriFor(graphUri), { useTrash: false });
}
