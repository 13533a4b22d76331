// Explain mode's plot in a real VS Code (issue 15): on the spiral example, pick a sample by clicking its point, step
// forward and backward and read the numbers, edit a weight and see the prediction and the boundary change, add a point
// by clicking and find it in the CSV on disk (the built-in set is first written beside the graph), undo it with Ctrl+Z
// on the plot, redo and undo with the buttons, remove a point and undo that, and then Ctrl+Z is the graph's undo again. In Restricted Mode a click adds nothing
// and offers Manage Workspace Trust; once trusted, the same click writes the point.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { compileText } from '../../src/graph/index';
import { featureExtent } from '../../src/extension/worker/boundaryGrid';
import { loadDataset } from '../../src/extension/worker/loadRun';
import { grantTrustFromRefusal, nodeOnCanvas, openGraph, setNumberField, showWholeGraph } from './editorSupport';
import { eventually, withVsCode } from './harness';

/** Where each spiral row's point is drawn, as fractions of the plot (0,0 top left), computed here from the core. */
async function spiralPointPlaces(): Promise<{ u: number[]; v: number[] }> {
  const text = readFileSync(join(__dirname, '..', '..', 'examples', 'spiral.nngraph'), 'utf8');
  const compiled = compileText(text, undefined, {});
  assert.ok(compiled.ok);
  const dataset = await loadDataset({ ref: compiled.dataset, csvFile: undefined, normalize: compiled.normalize }, compiled.training.seed);
  const extent = featureExtent(dataset.features, dataset.sampleCount);
  const u: number[] = [];
  const v: number[] = [];
  for (let row = 0; row < dataset.sampleCount; row++) {
    u.push((dataset.features[2 * row] - extent.xMin) / (extent.xMax - extent.xMin));
    v.push(1 - (dataset.features[2 * row + 1] - extent.yMin) / (extent.yMax - extent.yMin));
  }
  return { u, v };
}

/** The row whose point lies farthest from every other, so a click on it cannot land on a neighbour. */
function loneRow(places: { u: number[]; v: number[] }): number {
  let best = 0;
  let bestGap = -1;
  for (let i = 0; i < places.u.length; i++) {
    let gap = Infinity;
    for (let j = 0; j < places.u.length; j++) {
      if (j !== i) gap = Math.min(gap, (places.u[i] - places.u[j]) ** 2 + (places.v[i] - places.v[j]) ** 2);
    }
    if (gap > bestGap) { bestGap = gap; best = i; }
  }
  return best;
}

const plot = (view: FrameLocator) => view.getByRole('img', { name: /^Decision boundary of the weights in use/ });

/** Clicks the plot at a place given as fractions of its picture. */
async function clickPlot(view: FrameLocator, u: number, v: number): Promise<void> {
  const canvas = plot(view);
  const size = await canvas.evaluate((element) => {
    const box = element as unknown as { clientWidth: number; clientHeight: number };
    return { width: box.clientWidth, height: box.clientHeight };
  });
  await canvas.click({ position: { x: u * size.width, y: v * size.height } });
}

const pointStatus = (view: FrameLocator) => view.locator('.explain-plot__status').innerText();
const barStatus = (view: FrameLocator) => view.locator('.explain-bar__status').innerText();
const rowField = (view: FrameLocator) => view.getByRole('spinbutton', { name: 'Row', exact: true });
const picture = (view: FrameLocator) => plot(view).evaluate((element) => (element as unknown as { toDataURL(): string }).toDataURL());
const dataRows = (csv: string) => csv.trimEnd().split('\n').slice(1);

async function turnOnExplain(view: FrameLocator): Promise<void> {
  await view.getByRole('button', { name: 'Explain one sample' }).click();
  await eventually(async () => assert.match(await barStatus(view), /All values .* loss \S+/), 60_000);
  await eventually(async () => assert.ok(await plot(view).isVisible(), 'the plot is drawn'), 30_000);
}

test('on the spiral plot: pick a point, step, edit a weight, add a point into the CSV, undo, redo, remove', async (t) => {
  const places = await spiralPointPlaces();
  const row = loneRow(places);
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'spiral.nngraph', 8);
    await turnOnExplain(view);

    // Pick: a click on row `row`'s point explains that row.
    const lossOfRow0 = /loss (\S+)/.exec(await barStatus(view))?.[1];
    await clickPlot(view, places.u[row], places.v[row]);
    await eventually(async () => assert.equal(await rowField(view).inputValue(), String(row)));
    await eventually(async () => assert.notEqual(/loss (\S+)/.exec(await barStatus(view))?.[1], lossOfRow0));
    assert.match(await plot(view).getAttribute('aria-label') ?? '', new RegExp(`the sample \\(row ${row}\\) ringed`));

    // Step forward and backward: the op in the status, numbers on the wires and in the inspector.
    await view.getByRole('button', { name: /^Step forward/ }).click();
    await view.getByRole('button', { name: /^Step forward/ }).click();
    await eventually(async () => assert.match(await barStatus(view), /Forward pass: 2 of 8, hidden1/));
    await eventually(async () => assert.match(await view.getByRole('complementary', { name: 'Inspector' }).innerText(), /this sample at hidden1/i));
    await view.getByRole('button', { name: /^Step backward/ }).click();
    await eventually(async () => assert.match(await barStatus(view), /Backward pass: 1 of 8, loss/));
    await eventually(async () => assert.match(await view.locator('.react-flow__edge[aria-label^="wire from logits.out"]').getAttribute('aria-label') ?? '', /\[−?\d/));
    await view.getByRole('button', { name: 'Show all values' }).click();

    // Edit a weight by hand: the prediction (the softmax output) and the boundary change at once.
    await showWholeGraph(view);
    await nodeOnCanvas(view, 'logits').click();
    const probsBefore = await nodeOnCanvas(view, 'probs').locator('.graph-node__explain-output').innerText();
    const pictureBefore = await picture(view);
    await setNumberField(view, 'input (0–31, −1 = bias)', '-1');
    const bias = view.getByRole('spinbutton', { name: /^b\[0\] \(now / });
    await bias.fill('25');
    await bias.press('Enter');
    await eventually(async () => assert.match(await barStatus(view), /1 weight\(s\) edited by hand/));
    await eventually(async () => assert.notEqual(await nodeOnCanvas(view, 'probs').locator('.graph-node__explain-output').innerText(), probsBefore));
    await eventually(async () => assert.notEqual(await picture(view), pictureBefore, 'the boundary was redrawn'));
    await view.getByRole('button', { name: 'Undo every hand edit of the weights' }).click();
    await eventually(async () => assert.equal(await picture(view), pictureBefore));

    // Add a point of class 1 in the top left corner: the built-in set becomes spiral-points.csv with the point last.
    assert.ok(!existsSync(join(vscode.workspaceDir, 'spiral-points.csv')));
    await view.getByRole('button', { name: 'Add Points' }).click();
    await view.getByRole('button', { name: 'Class 1' }).click();
    assert.equal(await view.getByRole('button', { name: 'Add Points' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await view.getByRole('button', { name: 'Class 1' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await view.getByRole('button', { name: 'Pick', exact: true }).getAttribute('aria-pressed'), 'false');
    await clickPlot(view, 0.04, 0.04);
    await eventually(async () => assert.match(await pointStatus(view), /^Added row 900 \(label 1 at .*\) to spiral-points\.csv/), 30_000);
    const added = await vscode.readFile('spiral-points.csv');
    const addedRows = dataRows(added);
    assert.equal(addedRows.length, 901);
    assert.match(addedRows[900], /^-?[\d.]+,-?[\d.]+,1$/);
    await eventually(async () => assert.equal(await rowField(view).inputValue(), '900'), 30_000);
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'data').innerText(), /spiral-points\.csv → label/));
    await eventually(async () => assert.match(await barStatus(view), /Row 900|loss \S+/));

    // Undo with Ctrl+Z on the plot: the row is gone from the file on disk; Redo and Undo with the buttons.
    await plot(view).focus();
    await plot(view).press('Control+z');
    await eventually(async () => assert.equal(dataRows(await vscode.readFile('spiral-points.csv')).length, 900), 30_000);
    assert.ok(!dataRows(await vscode.readFile('spiral-points.csv')).includes(addedRows[900]));
    await eventually(async () => assert.match(await pointStatus(view), /^Undid: Added row 900/));
    await view.getByRole('button', { name: 'Redo the point edit' }).click();
    await eventually(async () => assert.equal(await vscode.readFile('spiral-points.csv'), added), 30_000);
    await view.getByRole('button', { name: 'Undo the last point edit' }).click();
    await eventually(async () => assert.equal(dataRows(await vscode.readFile('spiral-points.csv')).length, 900), 30_000);

    // Remove the lone point, then take the removal back.
    const before = await vscode.readFile('spiral-points.csv');
    await view.getByRole('button', { name: 'Remove Points' }).click();
    await clickPlot(view, places.u[row], places.v[row]);
    await eventually(async () => assert.match(await pointStatus(view), new RegExp(`^Removed row ${row} from spiral-points\\.csv`)), 30_000);
    const removed = dataRows(await vscode.readFile('spiral-points.csv'));
    assert.equal(removed.length, 899);
    assert.deepEqual(removed, dataRows(before).filter((_, index) => index !== row));
    await view.getByRole('button', { name: 'Undo the last point edit' }).click();
    await eventually(async () => assert.equal(await vscode.readFile('spiral-points.csv'), before), 30_000);

    // Nothing of the plot's own is left to undo: Ctrl+Z on the plot is the graph's undo, which switches back to the
    // built-in set (the CSV stays on disk).
    await eventually(async () => assert.match(await pointStatus(view), new RegExp(`^Undid: Removed row ${row}`)));
    await plot(view).focus();
    await plot(view).press('Control+z');
    await eventually(async () => assert.doesNotMatch(await nodeOnCanvas(view, 'data').innerText(), /points/), 30_000);
    assert.match(await nodeOnCanvas(view, 'data').innerText(), /spiral/);
    assert.deepEqual(vscode.consoleLog().filter((line) => /Content Security Policy|Refused to|dropped a message/.test(line)), []);
  });
});

test('in Restricted Mode a click on the plot adds no point and offers Manage Workspace Trust; trusted, the click adds it', async (t) => {
  await withVsCode(t, { trust: true }, async (vscode) => {
    const view = await openGraph(vscode, 'spiral.nngraph', 8);
    await turnOnExplain(view);
    await view.getByRole('button', { name: 'Add Points' }).click();
    await clickPlot(view, 0.5, 0.04);
    await eventually(async () => assert.match(await pointStatus(view), /only in a trusted workspace/), 30_000);
    assert.ok(!existsSync(join(vscode.workspaceDir, 'spiral-points.csv')), 'nothing was written');
    await grantTrustFromRefusal(vscode, /adds and removes data points only in a trusted workspace/);
    // The graph editor came back from behind the trust editor; a webview shown again starts anew, explain off.
    const shown = await openGraph(vscode, 'spiral.nngraph', 8);
    if (await shown.getByRole('button', { name: 'Explain one sample' }).getAttribute('aria-pressed') !== 'true') await turnOnExplain(shown);
    await shown.getByRole('button', { name: 'Add Points' }).click();
    await clickPlot(shown, 0.5, 0.04);
    await eventually(async () => assert.match(await pointStatus(shown), /^Added row 900/), 30_000);
    assert.equal(dataRows(await vscode.readFile('spiral-points.csv')).length, 901);
  });
});
