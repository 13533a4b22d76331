// Opening a .nngraph file with vscode.openWith shows our custom editor, not the text editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension } from './extensionUnderTest';

/** The example the suite opens: the tutorial graph if the workspace has it, else any .nngraph file. */
async function exampleGraph(): Promise<vscode.Uri> {
  const tutorial = await vscode.workspace.findFiles('**/tutorial.nngraph', '**/node_modules/**', 1);
  if (tutorial.length > 0) return tutorial[0];
  const any = await vscode.workspace.findFiles('**/*.nngraph', '**/node_modules/**', 1);
  assert.ok(any.length > 0, 'the test workspace holds no .nngraph file');
  return any[0];
}

/** Polls until the active tab satisfies the check (opening an editor resolves before the tab model updates). */
async function activeTabWhen(check: (tab: vscode.Tab | undefined) => boolean, timeoutMs = 10_000): Promise<vscode.Tab | undefined> {
  const deadline = Date.now() + timeoutMs;
  let tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  while (!check(tab) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  }
  return tab;
}

export function defineCustomEditorTests(): void {
  suite('custom editor', () => {
    teardown(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('vscode.openWith opens a .nngraph file in the nngraph.editor custom editor', async () => {
      await activatedExtension();
      const uri = await exampleGraph();
      await vscode.commands.executeCommand('vscode.openWith', uri, 'nngraph.editor');
      const tab = await activeTabWhen((t) => t?.input instanceof vscode.TabInputCustom);
      assert.ok(tab, 'no active tab after vscode.openWith');
      assert.ok(tab.input instanceof vscode.TabInputCustom, `active tab input is not a custom editor: ${describeInput(tab.input)}`);
      assert.equal(tab.input.viewType, 'nngraph.editor');
      assert.equal(tab.input.uri.toString(), uri.toString());
      assert.equal(tab.label, uri.path.split('/').pop());
    });

    test('nngraph.openAsText reopens the graph in the text editor', async () => {
      await activatedExtension();
      const uri = await exampleGraph();
      await vscode.commands.executeCommand('vscode.openWith', uri, 'nngraph.editor');
      await activeTabWhen((t) => t?.input instanceof vscode.TabInputCustom);
      await vscode.commands.executeCommand('nngraph.openAsText', uri);
      const tab = await activeTabWhen((t) => t?.input instanceof vscode.TabInputText);
      assert.ok(tab?.input instanceof vscode.TabInputText, `active tab is not a text editor: ${describeInput(tab?.input)}`);
      assert.equal(tab.input.uri.toString(), uri.toString());
    });
  });
}

function describeInput(input: unknown): string {
  if (input === undefined || input === null) return String(input);
  const name = (input as { constructor?: { name?: string } }).constructor?.name ?? typeof input;
  return `${name} ${JSON.stringify(input)}`;
}
