// Explain mode in a real VS Code (issue 15): on the spiral example, turn Explain on, pick a row, step forward and
// backward through the ops, read the sample's numbers on the wires and in the inspector (the formulas with numbers,
// the numerical checks, the note on the tutorial's formula), edit a weight by hand and see the prediction change.
// Screenshots at 1400×900 in the light, dark and high contrast themes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { nodeOnCanvas, openGraph, setNumberField, showWholeGraph, viewportSettled } from './editorSupport';
import { eventually, withVsCode } from './harness';

async function status(view: FrameLocator): Promise<string> {
  return view.locator('.explain-bar__status').innerText();
}

async function inspectorText(view: FrameLocator): Promise<string> {
  return view.getByRole('complementary', { name: 'Inspector' }).innerText();
}

/** The loss in the bar's status line ("… · loss 1.234 · …"). */
async function statusLoss(view: FrameLocator): Promise<string> {
  const match = /loss (\S+)/.exec(await status(view));
  assert.ok(match, 'no loss in the status line');
  return match[1];
}

async function turnOnExplain(view: FrameLocator): Promise<void> {
  await view.getByRole('button', { name: 'Explain one sample' }).click();
  await eventually(async () => assert.match(await status(view), /All values .* loss \S+ · the seed's initial weights \(seed 42\)/), 60_000);
}

test('explain mode walks one spiral sample forward and backward with its numbers on the wires and in the inspector', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'spiral.nngraph', 8);
    const toggle = view.getByRole('button', { name: 'Explain one sample' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await turnOnExplain(view);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await showWholeGraph(view);

    // Every wire carries the sample's value: the two features, the label, and 32-wide vectors with a colour strip.
    const features = view.locator('.react-flow__edge[aria-label^="wire from data.features"]');
    await eventually(async () => assert.match(await features.getAttribute('aria-label') ?? '', /, \[−?\d[\d.e+−]*, −?\d[\d.e+−]*\]$/));
    await eventually(async () => assert.equal(await view.locator('.explain-wire__label').count(), 8));
    assert.ok(await view.locator('.explain-wire__label .value-strip').count() >= 4, 'the 32-wide wires show a colour strip');
    assert.match(await nodeOnCanvas(view, 'hidden1').innerText(), /out \[.*\] \(32\)/);
    assert.match(await nodeOnCanvas(view, 'loss').innerText(), /L = \d/);

    // Pick a sample: the next row, then row 5 typed in; the loss changes with the row.
    const lossOfRow0 = await statusLoss(view);
    await view.getByRole('button', { name: 'Next row' }).click();
    await eventually(async () => assert.equal(await view.getByRole('spinbutton', { name: 'Row', exact: true }).inputValue(), '1'));
    await setNumberField(view, 'Row', '5');
    await eventually(async () => assert.notEqual(await statusLoss(view), lossOfRow0));

    // Step forward twice: data, then hidden1, which is highlighted; relu1's output is not computed yet.
    const stepForward = view.getByRole('button', { name: /^Step forward/ });
    await stepForward.click();
    await stepForward.click();
    await eventually(async () => assert.match(await status(view), /Forward pass: 2 of 8, hidden1/));
    assert.match(await nodeOnCanvas(view, 'hidden1').locator('.graph-node').getAttribute('class') ?? '', /graph-node--explain-current/);
    assert.doesNotMatch(await nodeOnCanvas(view, 'relu1').innerText(), /out \[/);
    // With nothing selected, the inspector follows the op being stepped: hidden1's forward with its numbers.
    await eventually(async () => assert.match(await inspectorText(view), /this sample at hidden1/i));

    // Step backward twice: the loss, then the softmax; the logits' wire now carries ŷ − y, a gradient.
    const stepBackward = view.getByRole('button', { name: /^Step backward/ });
    await stepBackward.click();
    await stepBackward.click();
    await eventually(async () => assert.match(await status(view), /Backward pass: 2 of 8, probs/));
    const logitsWire = view.locator('.react-flow__edge[aria-label^="wire from logits.out"]');
    assert.match(await logitsWire.getAttribute('aria-label') ?? '', /∂L \[/);
    assert.ok(await view.locator('.explain-wire__label--gradient').count() >= 2);

    // The loss node's inspector: −log p_y with the numbers, ŷ − y, and the note on −y/ŷ + 1 measured on this sample.
    // (The view followed the walk; show the whole graph again to reach any node.)
    await showWholeGraph(view);
    await nodeOnCanvas(view, 'loss').click();
    await eventually(async () => assert.match(await inspectorText(view), /the tutorial's −y\/ŷ \+ 1/i));
    const lossInspector = await inspectorText(view);
    assert.match(lossInspector, /the same as ŷ − y/);
    assert.ok(await view.getByRole('math', { name: /loss formula of loss/ }).count() >= 3);

    // A dense node: the chain rule written out, and beside it the numerical checks, agreeing to many digits.
    await nodeOnCanvas(view, 'logits').click();
    await eventually(async () => assert.match(await inspectorText(view), /numerical check/i));
    const rows = await view.locator('.explain-checks tbody tr').all();
    assert.ok(rows.length >= 3);
    for (const row of rows) {
      const [analytic, numeric] = (await row.locator('td').allInnerTexts()).map((text) => Number(text.replace('−', '-')));
      assert.ok(Math.abs(analytic - numeric) <= 1e-4 * Math.max(1e-3, Math.abs(analytic)), `${analytic} vs ${numeric}`);
    }
    await view.locator('.formula').first().evaluate('document.fonts.ready.then(() => true)');
    await vscode.screenshot('explain-spiral-logits');

    // Direct manipulation: set the bias of logits unit 0 by hand; the output and the loss change at once, marked.
    const logitsBefore = await nodeOnCanvas(view, 'logits').locator('.graph-node__explain-output').innerText();
    const lossBefore = await statusLoss(view);
    await setNumberField(view, 'input (0–31, −1 = bias)', '-1');
    const valueField = view.getByRole('spinbutton', { name: /^b\[0\] \(now / });
    await valueField.fill('4');
    await valueField.press('Enter');
    await eventually(async () => assert.match(await status(view), /1 weight\(s\) edited by hand \(not saved\)/));
    await eventually(async () => assert.notEqual(await statusLoss(view), lossBefore));
    assert.notEqual(await nodeOnCanvas(view, 'logits').locator('.graph-node__explain-output').innerText(), logitsBefore);
    assert.doesNotMatch(await vscode.readFile('spiral.nngraph'), /"value": 4/);
    await view.getByRole('button', { name: 'Undo every hand edit of the weights' }).click();
    await eventually(async () => assert.equal(await statusLoss(view), lossBefore));

    // Off again: the wires show shapes, not values.
    await view.getByRole('button', { name: 'Explain one sample' }).click();
    await eventually(async () => assert.equal(await view.locator('.explain-wire__label').count(), 0));
    assert.deepEqual(vscode.consoleLog().filter((line) => /Content Security Policy|Refused to|dropped a message/.test(line)), []);
  });
});

for (const [name, theme] of [['light', 'Default Light Modern'], ['dark', 'Default Dark Modern'], ['high-contrast', 'Default High Contrast']]) {
  test(`explain mode reads in the ${name} theme`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      const view = await openGraph(vscode, 'spiral.nngraph', 8);
      await turnOnExplain(view);
      await setNumberField(view, 'Row', '5');
      await eventually(async () => assert.match(await view.getByRole('spinbutton', { name: 'Row', exact: true }).inputValue(), /^5$/));
      // One step closer than the opening zoom, as someone reading the numbers would.
      await view.locator('.react-flow__controls-zoomin').click();
      await viewportSettled(view);
      const stepBackward = view.getByRole('button', { name: /^Step backward/ });
      for (let i = 0; i < 3; i++) await stepBackward.click();
      await eventually(async () => assert.match(await status(view), /Backward pass: 3 of 8, logits/));
      await eventually(async () => assert.match(await inspectorText(view), /numerical check/i));
      // The view follows the walk: the logits node is on screen, outlined, with its neighbours' wires readable.
      const canvas = await view.locator('.react-flow').boundingBox();
      await eventually(async () => {
        const logits = await nodeOnCanvas(view, 'logits').boundingBox();
        assert.ok(canvas && logits && logits.x >= canvas.x && logits.x + logits.width <= canvas.x + canvas.width, 'the stepped node is in view');
      });
      await viewportSettled(view);
      await view.locator('.formula').first().evaluate('document.fonts.ready.then(() => true)');
      await vscode.screenshot(`explain-spiral-${name}`);
    });
  });
}
