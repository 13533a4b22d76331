// Restricted Mode: Train refuses with a "Manage Workspace Trust" action that opens the trust editor; once the folder
// is trusted there, the same command trains without a reload.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { eventually, withVsCode } from './harness';

test('in an untrusted workspace Train offers Manage Workspace Trust, and trains once trust is granted', async (t) => {
  await withVsCode(t, { trust: true }, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    await vscode.runCommand('NN Graph: Train');
    const refusal = vscode.page.locator('.notification-list-item').filter({ hasText: /trains only in a trusted workspace/ });
    const manage = refusal.getByRole('button', { name: 'Manage Workspace Trust' });
    await eventually(async () => assert.ok(await manage.isVisible(), `notifications: ${(await vscode.notifications()).join(' | ')}`), 30_000);
    await manage.click();
    const trustEditor = vscode.page.locator('.workspace-trust-editor');
    await eventually(async () => assert.ok(await trustEditor.isVisible(), 'the Workspace Trust editor opened'), 20_000);
    await trustEditor.getByRole('button', { name: /^Trust/ }).first().click();
    await eventually(async () => assert.ok(await trustEditor.getByText('You trust this folder').isVisible(), 'trust granted'), 20_000);
    // The trust editor may open as a modal over the editors: close it so the graph is the active editor again.
    await vscode.page.keyboard.press('Escape');
    await eventually(async () => assert.ok(!(await trustEditor.isVisible()), 'the trust editor closed'), 20_000);
    await vscode.openFile('tutorial.nngraph');
    await vscode.runCommand('NN Graph: Train');
    await eventually(async () => {
      const saved = await vscode.readFile('tutorial.safetensors').then(() => true, () => false);
      assert.ok(saved, 'the run finished and saved its weights, without a reload');
    }, 120_000);
  });
});
