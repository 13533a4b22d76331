// Restricted Mode: the tutorial edits and saves as usual, while Export and Train refuse with a "Manage Workspace Trust" action (Export writes nothing); the action
// opens the trust editor, where the folder can be trusted, and Export then works without a reload.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, withVsCode } from './harness';
import { grantTrustFromRefusal, nodeOnCanvas, openGraph, setNumberField } from './editorSupport';

test('in an untrusted workspace Export and Train offer Manage Workspace Trust, which opens the trust editor where trust is granted', async (t) => {
  await withVsCode(t, { trust: true }, async (vscode) => {
    // Editing needs no trust: the graph editor changes the text document, which saves as any file does.
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await nodeOnCanvas(view, 'hidden').click();
    await setNumberField(view, 'units', '12');
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'hidden').innerText(), /units 12/));
    await vscode.execute('workbench.action.files.save');
    await eventually(async () => assert.match(await vscode.readFile('tutorial.nngraph'), /"units": 12/));

    await vscode.runCommand('NN Graph: Export…');
    const exportRefusal = vscode.page.locator('.notification-list-item').filter({ hasText: /exports only in a trusted workspace/ });
    await eventually(async () => {
      assert.ok(await exportRefusal.getByRole('button', { name: 'Manage Workspace Trust' }).isVisible(), `notifications: ${(await vscode.notifications()).join(' | ')}`);
    }, 30_000);
    assert.equal(await vscode.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: 'PyTorch script' }).count(), 0, 'no target was offered');
    for (const name of ['tutorial.py', 'tutorial.data.csv', 'tutorial.onnx']) assert.ok(!existsSync(join(vscode.workspaceDir, name)), `${name} was not written`);

    await vscode.runCommand('NN Graph: Train');
    await grantTrustFromRefusal(vscode, /trains only in a trusted workspace/);

    // Trusted now, without a reload: Export goes on to ask what to export.
    await vscode.openFile('tutorial.nngraph');
    await vscode.runCommand('NN Graph: Export…');
    await eventually(async () => {
      assert.ok(await vscode.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: 'PyTorch script' }).first().isVisible(), 'Export offers its targets');
    }, 30_000);
    await vscode.page.keyboard.press('Escape');
  });
});
