// The neuron view in a real VS Code: an xor run long enough to watch draws one heatmap per unit (2 inputs, 8 tanh
// units, 1 output) and a weight line per kernel entry, each unit named with its layer, index and range as a screen
// reader reads it, and the picture changes as the run goes; the spiral (layers of 32 units) says why it has none.
// Screenshots of the view mid-training at 1400×900 in a light and a dark theme (docs/screenshot-neurons*.png).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { openGraph } from './editorSupport';
import { eventually, withVsCode, type VsCodeSession } from './harness';

/** The xor example with epochs enough to train for minutes, so every check below sees it running. */
function writeLongXor(vscode: VsCodeSession): void {
  const graph = JSON.parse(readFileSync(join(vscode.workspaceDir, 'xor.nngraph'), 'utf8')) as { training: Record<string, unknown> };
  graph.training = { ...graph.training, epochs: 100_000 };
  writeFileSync(join(vscode.workspaceDir, 'xor-watch.nngraph'), `${JSON.stringify(graph, null, 2)}\n`);
}

async function runStatus(panel: FrameLocator): Promise<string> {
  return panel.getByRole('status', { name: 'Run status' }).innerText({ timeout: 2_000 });
}

/** The DOM as these tests touch it (the e2e files compile without the DOM library). */
type Attributed = { getAttribute(name: string): string | null };
type Scrollable = { scrollIntoView(options: { block: 'start' }): void };

/** One attribute of every element the locator matches (the name goes in as an argument: the function runs in the page). */
async function attributes(locator: Locator, name: string): Promise<string[]> {
  return locator.evaluateAll((nodes, attributeName) => nodes.map((node) => (node as unknown as Attributed).getAttribute(attributeName) ?? ''), name);
}

interface NeuronMoment { step: number; units: string[]; lineWidths: string[] }

/** What the neuron view shows now: its step, every unit's accessible name, every weight line's width. */
async function neuronMoment(panel: FrameLocator): Promise<NeuronMoment> {
  const region = panel.getByRole('region', { name: 'Neurons' });
  const caption = await region.locator('.neuron-step').innerText({ timeout: 2_000 });
  const step = Number(/after step ([\d,]+)/.exec(caption)?.[1].replaceAll(',', ''));
  const units = await attributes(region.getByRole('img', { name: /^(Input|Layer)/ }), 'aria-label');
  const lineWidths = await attributes(region.locator('.neuron-lines line'), 'stroke-width');
  return { step, units, lineWidths };
}

/** Opens the Training view and waits until it has drawn (a key can be lost to a webview still taking the focus). */
async function showTrainingView(vscode: VsCodeSession): Promise<FrameLocator> {
  const panel = vscode.webview('Training');
  await eventually(async () => {
    await vscode.execute('nngraph.trainingView.focus');
    await eventually(async () => assert.match(await panel.locator('body').innerText({ timeout: 2_000 }), /No training runs yet|Run \d/), 15_000, 250);
  }, 60_000, 0);
  return panel;
}

for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
  const dark = theme.includes('Dark');
  test(`xor draws a heatmap per unit and weight lines that change while it trains (${theme})`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      writeLongXor(vscode);
      await openGraph(vscode, 'xor-watch.nngraph', 6);
      const panel = await showTrainingView(vscode);
      await vscode.execute('nngraph.train');
      const region = panel.getByRole('region', { name: 'Neurons' });
      const first = await eventually(async () => {
        assert.match(await runStatus(panel), /running/);
        const moment = await neuronMoment(panel);
        assert.ok(moment.step > 0, `grids from a trained step (step ${moment.step})`);
        return moment;
      }, 90_000, 100);
      // 2 inputs, 8 hidden units, 1 output; 2 × 8 + 8 × 1 weight lines in two labelled groups.
      assert.equal(first.units.length, 11, first.units.join(' | '));
      assert.equal(first.units.filter((name) => name.startsWith('Input ')).length, 2);
      assert.equal(first.units.filter((name) => /^Layer 1 "hidden" \(tanh\) unit \d of 8: from -?[\d.e+-]+ to -?[\d.e+-]+$/.test(name)).length, 8);
      assert.match(first.units[first.units.length - 1], /^Layer 2 "out" \(sigmoid\) unit 1 of 1: from 0?\.?[\d.e-]* to /);
      assert.equal(first.lineWidths.length, 24);
      assert.deepEqual(
        await attributes(region.getByRole('img', { name: /^Weights into/ }), 'aria-label'),
        ['Weights into hidden: 16 lines', 'Weights into out: 8 lines'],
      );
      // A later moment of the same run: a later step, and the units' ranges or the weights have moved.
      const later = await eventually(async () => {
        const moment = await neuronMoment(panel);
        assert.ok(moment.step > first.step, `step ${first.step} → ${moment.step}`);
        assert.ok(
          moment.units.join('|') !== first.units.join('|') || moment.lineWidths.join('|') !== first.lineWidths.join('|'),
          'the picture changes as the run learns',
        );
        assert.match(await runStatus(panel), /running/);
        return moment;
      }, 60_000, 200);
      t.diagnostic(`neuron view: step ${first.step} → ${later.step}; first unit ${first.units[2]} → ${later.units[2]}`);

      // The screenshot mid-training: the run's progress toast first sent to the notification centre (Escape on the
      // focused toast; it would cover the view), then the panel maximized and the neuron view scrolled to its top.
      const toast = vscode.page.locator('.notification-toast:visible');
      await eventually(async () => {
        if (await toast.count() > 0) {
          await toast.first().locator('.notification-list-item-message').click({ timeout: 2_000 });
          await vscode.page.keyboard.press('Escape');
        }
        assert.equal(await toast.count(), 0, 'no toast over the view');
      }, 30_000, 250);
      await vscode.setPanelMaximized(true);
      await region.evaluate((element) => (element as unknown as Scrollable).scrollIntoView({ block: 'start' }));
      await eventually(async () => assert.ok((await neuronMoment(panel)).step > later.step), 60_000, 200);
      assert.equal(await toast.count(), 0, 'no toast came back');
      await vscode.screenshot(dark ? 'neurons-dark' : 'neurons-light');
      await vscode.setPanelMaximized(false);
      await vscode.execute('nngraph.stopTraining');
      await eventually(async () => assert.match(await runStatus(panel), /stopped/), 30_000, 100);
      // The final state after the run: the view stays, at the step the run stopped on.
      const final = await neuronMoment(panel);
      assert.ok(final.step >= later.step && final.units.length === 11);

      if (dark) return;
      // The spiral's hidden layers have 32 units: no heatmaps, and a note that says why.
      await openGraph(vscode, 'spiral.nngraph', 8);
      await vscode.execute('nngraph.train');
      await eventually(async () => {
        assert.match(await panel.getByRole('heading', { level: 2 }).innerText({ timeout: 2_000 }), /spiral/);
        assert.equal(
          await region.getByRole('note').innerText({ timeout: 2_000 }),
          'The neuron view draws dense layers of up to 16 units; "hidden1" has 32.',
        );
      }, 90_000, 250);
      assert.equal(await region.getByRole('img').count(), 0);
      await vscode.execute('nngraph.stopTraining');
      await eventually(async () => assert.match(await runStatus(panel), /stopped|completed/), 60_000, 100);
    });
  });
}
