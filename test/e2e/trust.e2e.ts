// Restricted Mode: Train refuses with a "Manage Workspace Trust" action that opens the trust editor, where the folder
// can be trusted.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { eventually, withVsCode } from './harness';

test('in an untrusted workspace Train offers Manage Workspace Trust, which opens the trust editor where trust is granted', async (t) => {
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
  });
});
