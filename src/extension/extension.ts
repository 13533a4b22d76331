// Entry point of the extension host bundle (dist/extension.js). activate() only wires the feature areas into
// VS Code; everything they own (providers, commands, views, listeners) is registered and disposed by them through
// `context.subscriptions`, so there is nothing to undo in deactivate().
import type * as vscode from 'vscode';
import { registerGraphEditor } from './editor/registerGraphEditor';
import { registerExport } from './export/registerExport';
import { registerImport } from './import/registerImport';
import { registerTraining } from './training/registerTraining';

export function activate(context: vscode.ExtensionContext): void {
  registerGraphEditor(context);
  registerTraining(context);
  registerExport(context);
  registerImport(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
