// Which two versions of a .nngraph the person is looking at. VS Code has no API for a custom diff editor, so this
// reads the active tab: a text diff (the file opened as text, or `workbench.editorAssociations` set so) names both
// sides in its tab input; a diff shown as two graph editors side by side has no tab input an extension can read,
// so its sides are the two graph editors visible in the active group, the old one being the one not on disk
// (`git:`) or, for two files on disk ("Compare Selected"), the one named first in the tab's label ("a ↔ b").
import * as vscode from 'vscode';
import { visibleSessions } from '../editor/editorSessions';

export interface DiffSides { original: vscode.Uri; modified: vscode.Uri }

function isGraph(uri: vscode.Uri): boolean {
  return uri.path.endsWith('.nngraph');
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

export function activeDiffSides(): DiffSides | undefined {
  const group = vscode.window.tabGroups.activeTabGroup;
  const tab = group.activeTab;
  if (!tab) return undefined;
  if (tab.input instanceof vscode.TabInputTextDiff) {
    const { original, modified } = tab.input;
    return isGraph(original) || isGraph(modified) ? { original, modified } : undefined;
  }
  const shown = visibleSessions().filter((session) => session.panel.viewColumn === group.viewColumn);
  const uris = [...new Map(shown.map((session) => [session.document.uri.toString(), session.document.uri])).values()];
  if (uris.length !== 2) return undefined;
  const [first, second] = uris;
  if (first.scheme !== second.scheme) return first.scheme === 'file' ? { original: second, modified: first } : { original: first, modified: second };
  const firstAt = labelPosition(first, tab.label);
  const secondAt = labelPosition(second, tab.label);
  return secondAt >= 0 && (firstAt < 0 || secondAt < firstAt) ? { original: second, modified: first } : { original: first, modified: second };
}

/** The git ref a `git:` URI of the git extension reads the file at ('' for other URIs). */
function gitRef(uri: vscode.Uri): string {
  if (uri.scheme !== 'git') return '';
  try {
    const query = JSON.parse(uri.query) as { ref?: unknown };
    return typeof query.ref === 'string' ? query.ref : '';
  } catch {
    // Not the git extension's query form.
    return '';
  }
}

/**
 * Where a version is named in a diff tab's label: two commits of one file (the Timeline) differ by their short ref
 * (`digits.nngraph (1a2b3c4d) ↔ digits.nngraph (5e6f7a8b)`), two files by their names.
 */
function labelPosition(uri: vscode.Uri, label: string): number {
  const ref = gitRef(uri);
  const shortRef = /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : '';
  const byRef = shortRef === '' ? -1 : label.indexOf(shortRef);
  return byRef >= 0 ? byRef : label.indexOf(baseName(uri));
}

/** `digits.nngraph (HEAD)`, `digits.nngraph (Index)`, `digits.nngraph (Working Tree)`. */
export function versionLabel(uri: vscode.Uri): string {
  const name = baseName(uri);
  if (uri.scheme === 'file') return `${name} (Working Tree)`;
  if (uri.scheme === 'git') {
    const ref = gitRef(uri);
    if (ref === '' || ref === '~') return `${name} (Index)`;
    return `${name} (${/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 8) : ref})`;
  }
  return `${name} (${uri.scheme})`;
}
