// The speed chosen for a graph (a way of watching, so never in the .nngraph file) is kept in the workspace's state: a
// window reload, as a person does it from the palette, finds the graph at the same speed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { openGraph } from './editorSupport';
import { eventually, withVsCode } from './harness';

test('the speed chosen for a graph is still its speed after the window reloads', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const editor = await openGraph(vscode, 'spiral.nngraph', 8);
    const speed = editor.getByRole('combobox', { name: 'Training speed' });
    assert.equal(await speed.inputValue(), 'auto');
    await speed.selectOption('slow');
    await eventually(async () => assert.equal(await speed.inputValue(), 'slow'));
    const reloaded = vscode.page.waitForEvent('load', { timeout: 60_000 });
    await vscode.runCommand('Developer: Reload Window');
    await reloaded;
    await vscode.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const reopened = await openGraph(vscode, 'spiral.nngraph', 8);
    await eventually(async () => assert.equal(await reopened.getByRole('combobox', { name: 'Training speed' }).inputValue(), 'slow'), 30_000);
  });
});
