// Finds and activates the extension under test; shared by the suites.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'nngraph.nngraph';

export async function activatedExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this extension host`);
  await extension.activate();
  return extension;
}

/** The commands contributed in package.json, read from the manifest so the list cannot drift from it. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}
