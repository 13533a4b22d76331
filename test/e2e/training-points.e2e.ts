// The data points of a run in a real VS Code: train the tutorial (moons, a fifth held out), hover a point on the
// decision boundary and read its probabilities and loss, walk the points with the keyboard, show the validation rows,
// discretize the boundary, and find the worst-predicted list (whose rows ring their point on the plot) and the loss
// histogram beside the confusion matrix. The readout's loss is checked against −log of the probability it shows for
// the true class. Light and dark screenshots.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { openGraph } from './editorSupport';
import { eventually, resultsRoot, withVsCode, type VsCodeSession } from './harness';

interface Readout { row: number; split: string; trueClass: string; probabilities: Map<string, number>; pTrue: number; loss: number; text: string }

function readoutOf(text: string): Readout | undefined {
  const title = /Row (\d+) · (training|validation)/.exec(text);
  const truth = /True class (\S+)/.exec(text);
  const loss = /Loss −log p\(true\)\s*= −log ([-\d.e+]+) = ([-\d.e+]+)/.exec(text);
  if (title === null || truth === null || loss === null) return undefined;
  const probabilities = new Map<string, number>();
  for (const match of text.matchAll(/p\(([^)\s]+)\) = ([-\d.e+]+)/g)) if (match[1] !== 'true') probabilities.set(match[1], Number(match[2]));
  return {
    row: Number(title[1]), split: title[2], trueClass: truth[1], probabilities, pTrue: Number(loss[1]), loss: Number(loss[2]), text,
  };
}

/** Half a unit in the last place shown: "0.8765" → 5e-5, "1.23e-5" → 5e-8. */
function halfUlp(shown: number): number {
  const text = shown < 0.001 && shown > 0 ? shown.toExponential(2) : shown.toFixed(4);
  const exponent = /e([-+]\d+)$/.exec(text);
  return exponent !== null ? 0.005 * 10 ** Number(exponent[1]) : 5e-5;
}

/** The readout agrees with itself: the probabilities sum to 1, p(true) is the true class's, loss = −log p(true). */
function checkReadout(readout: Readout): void {
  const { probabilities, pTrue, loss, trueClass } = readout;
  assert.equal(probabilities.size, 2, `two classes: ${readout.text}`);
  const sum = [...probabilities.values()].reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) <= 2e-4, `probabilities sum to ${sum}`);
  assert.equal(probabilities.get(trueClass), pTrue, 'the loss uses the true class\'s probability');
  // Each number is rounded for display: allow the rounding of p (through d(−log p) = dp / p) and of the loss.
  const tolerance = halfUlp(pTrue) / pTrue + halfUlp(loss) + 1e-9;
  assert.ok(Math.abs(-Math.log(pTrue) - loss) <= tolerance, `loss ${loss} is −log ${pTrue} = ${-Math.log(pTrue)} (±${tolerance})`);
}

async function readout(panel: FrameLocator): Promise<string> {
  return panel.getByRole('status', { name: 'Data point readout' }).innerText({ timeout: 2_000 });
}

/** Offsets from the centre, nearest first, 16 px apart, out to ±144 px. */
function searchOffsets(): [number, number][] {
  const offsets: [number, number][] = [];
  for (let dy = -144; dy <= 144; dy += 16) for (let dx = -144; dx <= 144; dx += 16) offsets.push([dx, dy]);
  return offsets.sort((a, b) => Math.hypot(...a) - Math.hypot(...b));
}

/**
 * Moves the mouse over the plot from its centre outwards until the readout names a point: the points are wherever the
 * seeded data put them, so the test looks for one as a person would.
 */
async function hoverSomePoint(panel: FrameLocator, plot: Locator): Promise<Readout> {
  const box = await plot.boundingBox();
  assert.ok(box !== null);
  for (const [dx, dy] of searchOffsets()) {
    await plot.hover({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
    const found = readoutOf(await readout(panel));
    if (found !== undefined) return found;
  }
  assert.fail('no data point under the mouse anywhere on the plot');
}

async function worstLosses(panel: FrameLocator): Promise<number[]> {
  const cells = panel.getByRole('region', { name: 'Worst-predicted samples' }).locator('tbody tr td:last-child');
  return (await cells.allInnerTexts()).map(Number);
}

async function trainTutorial(vscode: VsCodeSession): Promise<FrameLocator> {
  await openGraph(vscode, 'tutorial.nngraph', 6);
  await vscode.execute('nngraph.train');
  const panel = vscode.webview('Training');
  await eventually(async () => {
    assert.match(await panel.getByRole('heading', { level: 2 }).innerText({ timeout: 2_000 }), /tutorial\.nngraph/);
    assert.match(await panel.getByRole('status', { name: 'Run status' }).innerText({ timeout: 2_000 }), /completed/);
  }, 180_000, 250);
  return panel;
}

for (const [name, theme] of [['light', 'Default Light Modern'], ['dark', 'Default Dark Modern']]) {
  test(`hovering a data point reads its probabilities and loss; the worst-predicted list is there (${name} theme)`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      const panel = await trainTutorial(vscode);
      await vscode.setPanelMaximized(true);
      const plot = panel.getByRole('img', { name: /Decision boundary after step/ });
      await plot.scrollIntoViewIfNeeded();
      assert.match(await readout(panel), /Hover a point/);

      // The mouse: a training point (validation rows are hidden until shown), read out and consistent.
      const hovered = await hoverSomePoint(panel, plot);
      checkReadout(hovered);
      assert.equal(hovered.split, 'training');
      t.diagnostic(`hovered row ${hovered.row}: true ${hovered.trueClass}, p(true) ${hovered.pTrue}, loss ${hovered.loss}`);

      // The worst-predicted list: ten rows, largest loss first, none below the hovered point's unless it is in it.
      const worst = panel.getByRole('region', { name: 'Worst-predicted samples' });
      assert.ok(await worst.isVisible());
      const losses = await worstLosses(panel);
      assert.equal(losses.length, 10);
      assert.deepEqual(losses, [...losses].sort((a, b) => b - a), `sorted, largest first: ${losses.join(', ')}`);
      assert.ok(losses[0] >= hovered.loss, `the worst loss ${losses[0]} ≥ the hovered point's ${hovered.loss}`);
      const histogram = panel.getByRole('img', { name: /Per-sample loss of \d+ rows in 20 bins/ });
      assert.ok(await histogram.isVisible());

      // Pointing at the worst row's number rings its point on the plot and reads it out there, with the list's loss
      // (shown even when it is a validation row and those are hidden: it was asked for).
      const worstRow = worst.getByRole('button', { name: /^Row \d+: show on the decision boundary$/ }).first();
      const worstRowNumber = Number(/^Row (\d+)/.exec(await worstRow.getAttribute('aria-label') ?? '')?.[1]);
      await worstRow.hover();
      const shown = await eventually(async () => {
        const read = readoutOf(await readout(panel));
        assert.ok(read !== undefined && read.row === worstRowNumber, `the readout names row ${worstRowNumber}: ${read?.text ?? ''}`);
        return read;
      });
      assert.equal(shown.loss, losses[0]);
      checkReadout(shown);
      assert.equal(await worstRow.getAttribute('aria-pressed'), 'true');
      t.diagnostic(`worst row ${worstRowNumber} (${shown.split}): loss ${shown.loss}`);
      await vscode.screenshot(`hover-readout-${name}`);

      const folder = join(resultsRoot, 'training-points');
      mkdirSync(folder, { recursive: true });

      // The keyboard: focus the plot, walk to the next point, and the readout follows.
      await plot.focus();
      await plot.press('Home');
      const first = await eventually(async () => {
        const read = readoutOf(await readout(panel));
        assert.ok(read !== undefined, 'focusing the plot reads out its leftmost point');
        return read;
      });
      await plot.press('ArrowRight');
      const second = await eventually(async () => {
        const read = readoutOf(await readout(panel));
        assert.ok(read !== undefined && read.row !== first.row, 'the right arrow moves to another point');
        return read;
      });
      checkReadout(first);
      checkReadout(second);

      // Show validation data: the held-out rows join the walk and read as validation.
      await panel.getByRole('checkbox', { name: 'Show validation data' }).check();
      await eventually(async () => assert.match((await plot.getAttribute('aria-label')) ?? '', /validation rows, shown as squares/));
      let validation: Readout | undefined;
      for (let presses = 0; presses < 100 && validation === undefined; presses++) {
        await plot.press('ArrowRight');
        const read = readoutOf(await readout(panel));
        if (read?.split === 'validation') validation = read;
      }
      assert.ok(validation !== undefined, 'a validation row is reached with the arrow keys once shown');
      checkReadout(validation);

      // The discretized boundary is a view setting: the plot stays, with its readout.
      await panel.getByRole('checkbox', { name: 'Discretize' }).check();
      await eventually(async () => assert.ok(await panel.getByRole('checkbox', { name: 'Discretize' }).isChecked()));
      await plot.focus();
      await eventually(async () => assert.ok(readoutOf(await readout(panel)) !== undefined));
      await vscode.screenshot(`keyboard-validation-discrete-${name}`);
      await panel.locator('.details').screenshot({ path: join(folder, `details-${name}.png`) });
      assert.deepEqual(vscode.consoleLog().filter((line) => /Content Security Policy|Refused to|dropped a message/.test(line)), []);
    });
  });
}
