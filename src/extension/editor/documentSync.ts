// Applies one edit intent from the graph editor to the TextDocument as ONE WorkspaceEdit of minimal replacements, so
// VS Code's undo/redo, dirty state, save and hot exit work as for any file.
import * as vscode from 'vscode';
import { applyEdit, computeTextEdits, type EditIntent, readEditableGraph } from '../../graph/index';

export type SyncResult = { ok: true; changed: boolean; selectNodeIds?: string[] } | { ok: false; message: string };

export async function applyIntentToDocument(document: vscode.TextDocument, intent: EditIntent): Promise<SyncResult> {
  const text = document.getText();
  const read = readEditableGraph(text);
  if (!read.ok) return { ok: false, message: `The graph cannot be edited: ${read.reason}` };
  const result = applyEdit(read.value, intent);
  if (!result.ok) return result;
  const textEdits = computeTextEdits(text, result.value);
  if (textEdits.length === 0) return { ok: true, changed: false, ...(result.selectNodeIds ? { selectNodeIds: result.selectNodeIds } : {}) };
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of textEdits) {
    const range = new vscode.Range(document.positionAt(textEdit.offset), document.positionAt(textEdit.offset + textEdit.length));
    edit.replace(document.uri, range, textEdit.content);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return { ok: false, message: 'VS Code did not accept the edit (is the file read-only?).' };
  return { ok: true, changed: true, ...(result.selectNodeIds ? { selectNodeIds: result.selectNodeIds } : {}) };
}
