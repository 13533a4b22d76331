// Applies one edit intent from the graph editor to the TextDocument as ONE WorkspaceEdit of minimal replacements, so
// VS Code's undo/redo, dirty state, save and hot exit work as for any file, and an operation on many nodes (paste,
// delete, duplicate, auto layout) is one undo step.
import * as vscode from 'vscode';
import { applyEdit, computeTextEdits, type EditIntent, readEditableGraph } from '../../graph/index';

export type SyncResult = { ok: true; changed: boolean; selectNodeIds?: string[] } | { ok: false; message: string };

/** The last edit queued per document: the next one waits for it (see applyIntentToDocument). */
const queuedEdits = new Map<string, Promise<unknown>>();

/**
 * Intents for one document are applied one after another: each is computed from the text the one before it left.
 * Started side by side, the second would be computed from the old text and VS Code would refuse it (the document
 * changed in between), so two quick pastes would lose one.
 */
export function applyIntentToDocument(document: vscode.TextDocument, intent: EditIntent): Promise<SyncResult> {
  const key = document.uri.toString();
  const previous = queuedEdits.get(key) ?? Promise.resolve();
  const result = previous.then(() => applyNow(document, intent));
  const settled = result.catch(() => undefined);
  queuedEdits.set(key, settled);
  void settled.then(() => { if (queuedEdits.get(key) === settled) queuedEdits.delete(key); });
  return result;
}

async function applyNow(document: vscode.TextDocument, intent: EditIntent): Promise<SyncResult> {
  const text = document.getText();
  const read = readEditableGraph(text);
  if (!read.ok) return { ok: false, message: `The graph cannot be edited: ${read.reason}` };
  const result = applyEdit(read.value, intent);
  if (!result.ok) return result;
  const textEdits = computeTextEdits(text, result.value);
  const selection = result.selectNodeIds ? { selectNodeIds: result.selectNodeIds } : {};
  if (textEdits.length === 0) return { ok: true, changed: false, ...selection };
  // All replacements in one WorkspaceEdit: VS Code records one WorkspaceEdit as one undo step.
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of textEdits) {
    const range = new vscode.Range(document.positionAt(textEdit.offset), document.positionAt(textEdit.offset + textEdit.length));
    edit.replace(document.uri, range, textEdit.content);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return { ok: false, message: 'VS Code did not accept the edit (is the file read-only?).' };
  return { ok: true, changed: true, ...selection };
}
