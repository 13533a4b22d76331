// The toolbar's "Continue from saved weights", per file, for this window (runStart.ts says why it is not in the file):
// off unless the person turns it on, so a Train never quietly builds on an older run. Every graph editor of the file
// shows the same choice.
import type * as vscode from 'vscode';
import { sessionsFor } from '../editor/editorSessions';

const continuingFiles = new Set<string>();

export function continuesFromSaved(uri: vscode.Uri): boolean {
  return continuingFiles.has(uri.toString());
}

export function setContinueFromSaved(uri: vscode.Uri, continueFromSaved: boolean): void {
  if (continueFromSaved) continuingFiles.add(uri.toString());
  else continuingFiles.delete(uri.toString());
  for (const session of sessionsFor(uri)) session.post({ type: 'startChoice', continueFromSaved });
}
