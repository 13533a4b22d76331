// The open graph editors, by document, so that other parts of the extension (training, problems, commands) can reach
// the webviews that show a document.
import type * as vscode from 'vscode';
import type { HostToEditorMessage, TrainingOverlay } from '../../protocol/messages';

export interface EditorSession {
  readonly document: vscode.TextDocument;
  readonly panel: vscode.WebviewPanel;
  post(message: HostToEditorMessage): void;
}

const sessionsByUri = new Map<string, Set<EditorSession>>();
/** The last overlay per document, replayed to an editor that (re)opens while training runs. */
const overlaysByUri = new Map<string, TrainingOverlay>();

export function addSession(session: EditorSession): void {
  const key = session.document.uri.toString();
  const set = sessionsByUri.get(key) ?? new Set<EditorSession>();
  set.add(session);
  sessionsByUri.set(key, set);
}

export function removeSession(session: EditorSession): void {
  const key = session.document.uri.toString();
  const set = sessionsByUri.get(key);
  set?.delete(session);
  if (set && set.size === 0) sessionsByUri.delete(key);
}

export function sessionsFor(uri: vscode.Uri): EditorSession[] {
  return [...(sessionsByUri.get(uri.toString()) ?? [])];
}

/** The graph editor the user works in now, if the active editor is one. */
export function activeSession(): EditorSession | undefined {
  for (const set of sessionsByUri.values()) {
    for (const session of set) if (session.panel.active) return session;
  }
  return undefined;
}

export function lastOverlay(uri: vscode.Uri): TrainingOverlay | undefined {
  return overlaysByUri.get(uri.toString());
}

/**
 * Shows live training state in every graph editor of a document: the loss on the loss node, per-node statistics,
 * a failure outlined on its node. Called by the training part; a document with no open editor is fine.
 */
export function postTrainingUpdate(documentUri: vscode.Uri, update: TrainingOverlay): void {
  overlaysByUri.set(documentUri.toString(), update);
  for (const session of sessionsFor(documentUri)) session.post({ type: 'training', overlay: update });
}

/** Selects nodes in the graph editors of a document (e.g. the node of a chosen problem). */
export function selectNodesInEditors(documentUri: vscode.Uri, nodeIds: string[]): boolean {
  const sessions = sessionsFor(documentUri);
  for (const session of sessions) session.post({ type: 'select', nodeIds, reveal: true });
  return sessions.length > 0;
}

export type { TrainingOverlay };

/** The graph editors now on screen (both halves of a diff of two graph editors are). */
export function visibleSessions(): EditorSession[] {
  return [...sessionsByUri.values()].flatMap((set) => [...set]).filter((session) => session.panel.visible);
}
