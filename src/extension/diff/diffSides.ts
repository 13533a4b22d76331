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
  const firstAt = tab.label.indexOf(baseName(first));
  const secondAt = tab.label.indexOf(baseName(second));
  return secondAt >= 0 && (firstAt < 0 || secondAt < firstAt) ? { original: second, modified: first } : { original: first, modified: second };
}

/** `digits.nngraph (HEAD)`, `digits.nngraph (Index)`, `digits.nngraph (Working Tree)`. */
export function versionLabel(uri: vscode.Uri): string {
  const name = baseName(uri);
  if (uri.scheme === 'file') return `${name} (Working Tree)`;
  if (uri.scheme === 'git') {
    let ref = '';
    try {
      const query = JSON.parse(uri.query) as { ref?: unknown };
      ref = typeof query.ref === 'string' ? query.ref : '';
    } catch {
      // Not the git extension's query form; the scheme alone names the version.
    }
    if (ref === '' || ref === '~') return `${name} (Index)`;
    return `${name} (${/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 8) : ref})`;
  }
  return `${name} (${uri.scheme})`;
}
