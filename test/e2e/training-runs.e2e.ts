// Runs a person can tell apart, in a real VS Code: an early-stopping run says where it stopped and whose weights it
// kept, and the saved file holds exactly those (its validation loss, measured here by the core, is the one the panel
// names); runs with different settings are labelled by what differs and start from the same initial weights (their
// fingerprints match) until "Continue from saved weights" is chosen on the toolbar; "Restart from same initial
// weights" starts from a shown run's own; Compare offers and draws only the same file's runs; a short panel puts the
// decision boundary beside the curves, and the legends show the latest values without hovering.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { createRun, loadBuiltinDataset } from '../../src/core/index';
import { createDataFileReader } from '../../src/core/node';
import { compileText } from '../../src/graph/index';
import { openGraph, setNumberField } from './editorSupport';
import { eventually, withVsCode, type VsCodeSession } from './harness';

const graphFile = 'moons-early.nngraph';

/** Moons with a learning rate high enough that the validation loss turns up within a few dozen epochs. */
function writeEarlyStoppingGraph(vscode: VsCodeSession): string {
  const at = (x: number) => ({ x, y: 100 });
  const graph = {
    format: 'nngraph', version: 1,
    nodes: [
      { id: 'data', type: 'input', position: at(0), params: { dataset: { builtin: 'moons', samples: 400, noise: 0.3 } } },
      { id: 'hidden', type: 'dense', position: at(220), params: { units: 16 } },
      { id: 'relu', type: 'activation', position: at(440), params: { fn: 'relu' } },
      { id: 'out', type: 'dense', position: at(660), params: { units: 1 } },
      { id: 'prob', type: 'activation', position: at(880), params: { fn: 'sigmoid' } },
      { id: 'loss', type: 'cross-entropy', position: at(1100), params: { mode: 'binary' } },
    ],
    edges: [
      { from: 'data.features', to: 'hidden.in' }, { from: 'hidden.out', to: 'relu.in' }, { from: 'relu.out', to: 'out.in' },
      { from: 'out.out', to: 'prob.in' }, { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: {
      optimizer: { type: 'adam', learningRate: 0.3 }, epochs: 200, batchSize: 32, seed: 42, validationSplit: 0.3,
      metrics: ['accuracy'], earlyStopping: { patience: 3, restoreBestWeights: true },
    },
  };
  const text = `${JSON.stringify(graph, null, 2)}\n`;
  writeFileSync(join(vscode.workspaceDir, graphFile), text);
  return text;
}

/** The validation loss of a weights file on the graph's validation rows, computed by the training core. */
function validationLossOf(graphText: string, weights: Uint8Array): number {
  const compiled = compileText(graphText);
  assert.ok(compiled.ok && compiled.dataset.kind === 'builtin');
  const dataset = loadBuiltinDataset(compiled.dataset.name, compiled.dataset.options, compiled.training.seed, createDataFileReader());
  const run = createRun({
    dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize,
    initialWeights: { bytes: weights, source: 'the saved weights' },
  });
  try {
    assert.equal(run.weights.kind, 'restored');
    return run.program.evaluate(run.data.validationFeatures, run.data.validationLabels, run.validationCount).loss;
  } finally {
    run.dispose();
  }
}

const runStatus = (panel: FrameLocator): Promise<string> => panel.getByRole('status', { name: 'Run status' }).innerText({ timeout: 2_000 });
const shownRun = (panel: FrameLocator): Promise<string> => panel.getByRole('heading', { level: 2 }).innerText({ timeout: 2_000 });
const runLabel = (panel: FrameLocator): Promise<string> => panel.getByLabel('Run label').innerText({ timeout: 2_000 });
const runRows = (panel: FrameLocator): Promise<string[]> => panel.getByRole('region', { name: 'Runs' }).getByRole('listitem').allInnerTexts();

/** The shown run's initial-weights fingerprint, from its configuration. */
async function fingerprint(panel: FrameLocator): Promise<string> {
  const config = await panel.getByRole('region', { name: 'Run configuration' }).innerText({ timeout: 2_000 });
  const match = /Initial weights\s+fingerprint ([0-9a-f]{8})/.exec(config);
  assert.ok(match, `no fingerprint in the configuration: ${config}`);
  return match[1];
}

async function showRun(panel: FrameLocator, runId: number): Promise<void> {
  await panel.getByRole('region', { name: 'Runs' }).getByRole('button', { name: new RegExp(`^Run ${runId}: `) }).click();
  await eventually(async () => assert.match(await shownRun(panel), new RegExp(`^Run ${runId}: `)), 10_000, 100);
}

/** Waits until run `runId` is shown and no longer training; returns its status line. */
async function finished(panel: FrameLocator, runId: number): Promise<string> {
  return eventually(async () => {
    assert.match(await shownRun(panel), new RegExp(`^Run ${runId}: `));
    const status = await runStatus(panel);
    assert.match(status, /^(Stopped early|completed)/);
    return status;
  }, 180_000, 250);
}

/** Waits until the run's progress notification has closed, so a screenshot shows the panel, not the toast over it. */
async function progressToastGone(vscode: VsCodeSession): Promise<void> {
  await eventually(async () => {
    const toasts = await vscode.notifications();
    assert.ok(!toasts.some((text) => /training .*epoch/.test(text)), `notifications: ${toasts.join(' | ')}`);
  }, 30_000, 250);
}

async function openPanel(vscode: VsCodeSession): Promise<FrameLocator> {
  const panel = vscode.webview('Training');
  await eventually(async () => {
    await vscode.execute('nngraph.trainingView.focus');
    await eventually(async () => assert.match(await panel.locator('body').innerText({ timeout: 2_000 }), /No training runs yet|Run \d+/), 15_000, 250);
  }, 60_000, 0);
  return panel;
}

/** The short panel's layout: the boundary to the right of the loss chart and beside it, not below it. */
async function assertBoundaryBesideCurves(panel: FrameLocator): Promise<void> {
  const chart = await panel.getByRole('figure', { name: 'Loss chart' }).boundingBox();
  const boundary = await panel.getByRole('img', { name: /Decision boundary after step/ }).boundingBox();
  assert.ok(chart !== null && boundary !== null, 'the loss chart and the boundary are on screen');
  assert.ok(boundary.x >= chart.x + chart.width, `boundary at x ${boundary.x}, loss chart ends at ${chart.x + chart.width}`);
  assert.ok(boundary.y < chart.y + chart.height, `boundary at y ${boundary.y}, below the loss chart (ends at ${chart.y + chart.height})`);
}

/** The loss legend shows numbers with the pointer away from the chart (uPlot alone shows "--" until hovered). */
async function assertLegendShowsLatest(vscode: VsCodeSession, panel: FrameLocator): Promise<void> {
  await vscode.page.mouse.move(5, 5);
  const legend = await panel.getByRole('figure', { name: 'Loss chart' }).locator('.u-legend').innerText({ timeout: 2_000 });
  assert.match(legend, /loss \(epoch\)\s*\d+\.\d{4}/, `legend: ${legend}`);
  assert.match(legend, /validation loss\s*\d+\.\d{4}/, `legend: ${legend}`);
  assert.doesNotMatch(legend, /--/, `legend: ${legend}`);
}

test('early stopping keeps the best epoch in the saved file; runs are labelled, share initial weights, restart and compare per file', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Light Modern' } }, async (vscode) => {
    const text = writeEarlyStoppingGraph(vscode);
    const editor = await openGraph(vscode, graphFile, 6);
    const panel = await openPanel(vscode);
    const continueBox = editor.getByRole('button', { name: 'Continue from saved weights' });
    assert.equal((await continueBox.getAttribute('aria-pressed')) === 'true', false, 'Train starts fresh unless the person chooses to continue');

    // Run 1: early stopping, best weights restored and saved.
    await vscode.execute('nngraph.train');
    const status = await finished(panel, 1);
    const stop = /^Stopped early at epoch (\d+) of 200 \(\d+ steps\) · kept epoch (\d+)'s weights \(validation loss ([\d.]+)\)$/.exec(status);
    assert.ok(stop, `status: ${status}`);
    const [stoppedEpoch, keptEpoch, shownLoss] = [Number(stop[1]), Number(stop[2]), Number(stop[3])];
    assert.ok(keptEpoch < stoppedEpoch, status);
    const saved = await eventually(() => {
      const bytes = readFileSync(join(vscode.workspaceDir, 'moons-early.safetensors'));
      assert.ok(bytes.length > 0);
      return new Uint8Array(bytes);
    }, 20_000);
    const savedLoss = validationLossOf(text, saved);
    t.diagnostic(`${status}; the saved file's validation loss, measured: ${savedLoss}`);
    assert.ok(Math.abs(savedLoss - shownLoss) <= 1e-4 * Math.max(1, shownLoss), `saved file ${savedLoss} vs the kept epoch ${shownLoss}`);
    assert.match((await runRows(panel))[0], /^Run 1: moons-early\.nngraph, .*, stopped early, loss \d.* · first run, fresh weights$/);
    assert.equal(await runLabel(panel), 'first run, fresh weights');
    const firstFingerprint = await fingerprint(panel);
    await assertLegendShowsLatest(vscode, panel);
    await assertBoundaryBesideCurves(panel);

    // Run 2: another learning rate, same seed: labelled by the change, from the same initial weights.
    await setNumberField(editor, 'learningRate', '0.1');
    await vscode.execute('nngraph.train');
    await finished(panel, 2);
    assert.equal(await runLabel(panel), 'lr 0.1, fresh weights');
    assert.equal(await fingerprint(panel), firstFingerprint, 'two runs with different settings start from the same weights');

    // Run 3: continued from run 2's saved weights, chosen on the toolbar.
    await continueBox.click({ force: true });
    await eventually(async () => assert.equal((await continueBox.getAttribute('aria-pressed')) === 'true', true), 10_000, 100);
    await vscode.execute('nngraph.train');
    await finished(panel, 3);
    assert.equal(await runLabel(panel), 'same settings as run 2, continued from run 2');
    assert.notEqual(await fingerprint(panel), firstFingerprint);
    assert.match(await panel.getByRole('region', { name: 'Run configuration' }).innerText(), /Weights\s+continued from run 2/);
    await vscode.screenshot('editor-continue-on');
    await continueBox.click({ force: true });
    await eventually(async () => assert.equal((await continueBox.getAttribute('aria-pressed')) === 'true', false), 10_000, 100);

    // Run 4: restart from run 1's initial weights, from the panel.
    await showRun(panel, 1);
    await panel.getByRole('button', { name: 'Restart from same initial weights' }).click();
    await eventually(async () => assert.equal((await runRows(panel)).length, 4), 60_000, 250);
    await showRun(panel, 4);
    await finished(panel, 4);
    assert.equal(await runLabel(panel), 'same settings as run 3, initial weights of run 1');
    assert.equal(await fingerprint(panel), firstFingerprint);
    assert.match(await panel.getByRole('region', { name: 'Run configuration' }).innerText(), /Weights\s+initial weights of run 1/);

    // Compare run 2 over run 4: drawn. A run of another graph is not offered, and a picked one is not drawn there.
    const rows = panel.getByRole('region', { name: 'Runs' }).getByRole('listitem');
    await rows.filter({ hasText: /^Run 2: / }).getByRole('checkbox', { name: 'Compare' }).check();
    await eventually(async () => assert.match(await panel.getByRole('figure', { name: 'Loss chart' }).locator('.u-legend').innerText(), /run 2 loss/), 10_000, 100);
    await progressToastGone(vscode);
    await panel.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
    await vscode.screenshot('runs-light');
    await vscode.setPanelMaximized(true);
    await panel.getByRole('button', { name: 'Clear finished runs' }).scrollIntoViewIfNeeded();
    await vscode.screenshot('runs-light-maximized');
    await vscode.setPanelMaximized(false);

    await openGraph(vscode, 'xor.nngraph', 1, false);
    await vscode.execute('nngraph.train');
    await eventually(async () => assert.equal((await runRows(panel)).length, 5), 60_000, 250);
    await showRun(panel, 5);
    await finished(panel, 5);
    assert.equal(await runLabel(panel), 'first run, fresh weights');
    assert.equal(await panel.getByRole('region', { name: 'Runs' }).getByRole('checkbox', { name: 'Compare' }).count(), 0,
      'no run of the moons graph is offered for comparison with the xor run');
    assert.doesNotMatch(await panel.getByRole('figure', { name: 'Loss chart' }).locator('.u-legend').innerText(), /run \d/);
    await showRun(panel, 4);
    assert.match(await panel.getByRole('figure', { name: 'Loss chart' }).locator('.u-legend').innerText(), /run 2 loss/);
    assert.equal(await panel.getByRole('region', { name: 'Runs' }).getByRole('checkbox', { name: 'Compare' }).count(), 3, 'runs 1–3 of the same graph');
  });
});

test('dark theme: continuing with no saved weights starts fresh and says so; the short panel puts the boundary beside the curves', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Dark Modern' } }, async (vscode) => {
    writeEarlyStoppingGraph(vscode);
    const editor = await openGraph(vscode, graphFile, 6);
    const panel = await openPanel(vscode);
    const continueBox = editor.getByRole('button', { name: 'Continue from saved weights' });
    await continueBox.click({ force: true });
    await eventually(async () => assert.equal((await continueBox.getAttribute('aria-pressed')) === 'true', true), 10_000, 100);
    await vscode.execute('nngraph.train');
    const status = await finished(panel, 1);
    assert.match(status, /^Stopped early at epoch \d+ of 200 .* · kept epoch \d+'s weights/);
    assert.equal(await runLabel(panel), 'first run, fresh weights (none saved to continue from)');
    await assertLegendShowsLatest(vscode, panel);
    await assertBoundaryBesideCurves(panel);
    // Run 2 continues from run 1's saved weights, which exist now.
    await vscode.execute('nngraph.train');
    await finished(panel, 2);
    assert.equal(await runLabel(panel), 'same settings as run 1, continued from run 1');
    await progressToastGone(vscode);
    await panel.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
    await vscode.screenshot('runs-dark');
    await vscode.setPanelMaximized(true);
    await panel.getByRole('button', { name: 'Clear finished runs' }).scrollIntoViewIfNeeded();
    await vscode.screenshot('runs-dark-maximized');
  });
});
