// Training from the graph editor's toolbar, and the live state drawn on the graph.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { eventually, withVsCode } from './harness';
import { nodeOnCanvas } from './editorSupport';

test('Train in the editor toolbar trains this file; the loss node shows the loss, statistics show on request', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    const view = vscode.webview('tutorial.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    await view.getByRole('button', { name: 'Show statistics' }).click();
    await view.getByRole('button', { name: 'Train', exact: true }).click();
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'loss').innerText(), /loss \d+\.\d{4}/), 120_000, 500);
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'hidden').innerText(), /μ .* σ .* zeros .*%/), 120_000, 500);
    await vscode.screenshot('trained');
  });
});
