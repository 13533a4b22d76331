// Acceptance (issues 13 and 10): in Restricted Mode NN Graph: Import Model… refuses with "Manage Workspace Trust";
// once trust is granted (no reload) it imports an .onnx that PyTorch exported (made in the test by
// test/unit/import/torchModels.py) and opens the graph editor with the model's nodes and their shapes, the graph and
// its weights written beside the model; opening an .onnx file shows what it would become, and its Import as Graph…
// link imports it the same way.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { torchPython } from '../support/python';
import { eventually, withVsCode } from './harness';
import { grantTrustFromRefusal, nodeOnCanvas, showWholeGraph } from './editorSupport';
import { prepareWorkspace, removeDir } from './tools.mjs';

/**
 * Answers VS Code's own (simple) file dialog, a quick input holding a path: once its path matches `shown` (the dialog
 * is the one expected, not the one before it in the same widget), types `path` (when given) and accepts it.
 */
async function answerFileDialog(page: Page, shown: RegExp, path?: string): Promise<void> {
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await eventually(async () => assert.match(await box.inputValue(), shown), 30_000);
  if (path !== undefined) await box.fill(path);
  await box.press('Enter');
}

test('Import Model… refuses until the workspace is trusted, then opens a PyTorch .onnx as a graph with its nodes and shapes; an .onnx page offers the same', async (t) => {
  const made = mkdtempSync(join(tmpdir(), 'nngraph-e2e-models-'));
  const workspace = prepareWorkspace();
  try {
    const run = spawnSync(torchPython(), [join(__dirname, '..', 'unit', 'import', 'torchModels.py'), made], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    copyFileSync(join(made, 'cat.onnx'), join(workspace, 'model.onnx'));
    copyFileSync(join(made, 'plain.onnx'), join(workspace, 'plain.onnx'));

    await withVsCode(t, { workspace, trust: true }, async (vscode) => {
      await vscode.runCommand('NN Graph: Import Model…');
      await grantTrustFromRefusal(vscode, /imports models only in a trusted workspace/);

      await vscode.runCommand('NN Graph: Import Model…');
      await answerFileDialog(vscode.page, /nngraph-workspace-[^/]*\/$/, join(workspace, 'model.onnx')); // the open dialog, in the workspace
      await answerFileDialog(vscode.page, /\/model\.nngraph$/); // the save dialog proposes <model>.nngraph beside the model
      const view = vscode.webview('model.nngraph');
      await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 9), 60_000);
      await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 10));
      await showWholeGraph(view);
      await eventually(async () => assert.match(await nodeOnCanvas(view, 'data').innerText(), /features \(batch, 4\)/));
      await eventually(async () => assert.match(await nodeOnCanvas(view, 'Concat').innerText(), /out \(batch, 11\)/));
      await eventually(async () => assert.match(await nodeOnCanvas(view, 'gelu').innerText(), /gelu[^]*out \(batch, 5\)/));
      await eventually(async () => assert.match(await nodeOnCanvas(view, 'loss').innerText(), /categorical/));
      await eventually(async () => assert.match(await nodeOnCanvas(view, 'data').innerText(), /NG051/));
      assert.ok(existsSync(join(workspace, 'model.safetensors')), 'the weights are written beside the graph');
      await vscode.screenshot('imported-graph');

      await vscode.openFile('plain.onnx');
      const page = vscode.webview('plain.onnx');
      await eventually(async () => assert.match(await page.locator('body').innerText(), /5 features in, 4 layers/), 60_000);
      await page.getByRole('link', { name: 'Import as Graph…' }).click();
      await answerFileDialog(vscode.page, /\/plain\.nngraph$/);
      const plain = vscode.webview('plain.nngraph');
      await eventually(async () => assert.equal(await plain.locator('.react-flow__node').count(), 6), 60_000);
      await eventually(async () => assert.match(await nodeOnCanvas(plain, 'loss').innerText(), /binary/));
      await vscode.screenshot('imported-from-onnx-page');
    });
  } finally {
    removeDir(made);
    removeDir(workspace);
  }
});
