// Guidance a newcomer gets in the graph editor at 1400×900, in a light and a dark theme: New Graph…'s blank graph is
// unfinished, not red (no errors in Problems, the guide on its empty canvas); A adds the first node and the selected
// node offers the usual next one ("Next: Dense", quick-add opened on it); a refused wire says why beside the pointer
// and the note goes with the next edit. Screenshots of the guide and of the note in both themes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { eventually, type VsCodeSession, withVsCode } from './harness';
import { chooseOption, nodeOnCanvas, openGraph, showWholeGraph, startAskingCommand, viewportSettled } from './editorSupport';

interface Box { x: number; y: number; width: number; height: number }

async function boxOf(view: FrameLocator, selector: string): Promise<Box> {
  const box = await view.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is not on screen`);
  return box;
}

/** The distance from a point to the nearest point of a box (0 inside it). */
function distanceTo(box: Box, point: { x: number; y: number }): number {
  const dx = Math.max(box.x - point.x, 0, point.x - (box.x + box.width));
  const dy = Math.max(box.y - point.y, 0, point.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

/** New Graph… → Blank graph, named `name`; returns its editor once the empty canvas is drawn. */
async function newBlankGraph(vscode: VsCodeSession, name: string): Promise<FrameLocator> {
  await startAskingCommand(vscode, 'NN Graph: New Graph…');
  const quickInput = vscode.page.locator('.quick-input-widget');
  await quickInput.getByRole('option', { name: /Blank graph/ }).click();
  const nameBox = quickInput.getByRole('textbox');
  await eventually(async () => assert.equal(await nameBox.inputValue(), 'untitled.nngraph'));
  await nameBox.fill(name);
  await nameBox.press('Enter');
  const view = vscode.webview(`${name}.nngraph`);
  await eventually(async () => assert.equal(await view.locator('.react-flow').count(), 1), 60_000);
  return view;
}

/**
 * Drags a wire from an output port and lets it go on an input port; returns where it was let go. Repeated (as a person
 * would) until the refusal note shows: on a busy machine the pointer can outrun the canvas.
 */
async function dragWire(vscode: VsCodeSession, view: FrameLocator, from: [string, string], to: [string, string]): Promise<{ x: number; y: number }> {
  let drop = { x: 0, y: 0 };
  await eventually(async () => {
    await viewportSettled(view);
    const start = await boxOf(view, `.react-flow__handle[data-nodeid="${from[0]}"][data-handleid="${from[1]}"]`);
    const end = await boxOf(view, `.react-flow__handle[data-nodeid="${to[0]}"][data-handleid="${to[1]}"]`);
    drop = { x: end.x + end.width / 2, y: end.y + end.height / 2 };
    await vscode.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await vscode.page.mouse.down();
    await vscode.page.mouse.move(drop.x, drop.y, { steps: 12 });
    await vscode.page.mouse.up();
    await eventually(async () => assert.equal(await view.getByRole('alert').filter({ hasText: 'Wire not connected' }).count(), 1), 10_000);
  }, 90_000, 0);
  return drop;
}

/** Without the side bar the canvas is wide enough to show the tutorial at a readable size. */
async function hideSideBar(vscode: VsCodeSession): Promise<void> {
  // Clicking the shown view's icon in the activity bar hides the side bar.
  await vscode.page.locator('.part.activitybar').getByRole('tab', { name: /^Explorer/ }).click();
  await eventually(async () => assert.equal(await vscode.page.locator('.part.sidebar').isVisible(), false, 'the side bar is hidden'));
}

for (const theme of ['light', 'dark'] as const) {
  const colorTheme = theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern';

  test(`a blank graph is unfinished, not red; its guide and A add the first node, Next offers the second (${theme})`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': colorTheme } }, async (vscode) => {
      const view = await newBlankGraph(vscode, `fresh-${theme}`);
      const guide = view.getByRole('region', { name: 'An empty graph' });
      await eventually(async () => assert.equal(await guide.isVisible(), true));
      // An empty graph costs nothing worth a line: no "0 params · 0 FLOPs".
      assert.equal(await view.locator('.status-bar__cost').count(), 0);
      // No errors: the missing input and loss are warnings, in the editor and in VS Code's Problems panel.
      const problemsSummary = view.locator('.status-bar__problems summary');
      await eventually(async () => assert.equal(await problemsSummary.innerText(), '0 errors, 2 warnings'));
      await eventually(async () => {
        const problems = await vscode.problems();
        assert.ok(problems.some((p) => /no input node/.test(p)), `problems: ${problems.join(' | ')}`);
        assert.ok(!problems.some((p) => /^Error/i.test(p)), `an error in Problems: ${problems.join(' | ')}`);
      });
      // The guide is whole, in the middle of the canvas, and says how to start.
      const canvas = await boxOf(view, '.canvas');
      const guideBox = await boxOf(view, '.canvas-guide');
      assert.ok(guideBox.x >= canvas.x && guideBox.y >= canvas.y && guideBox.x + guideBox.width <= canvas.x + canvas.width
        && guideBox.y + guideBox.height <= canvas.y + canvas.height, `guide ${JSON.stringify(guideBox)} outside canvas ${JSON.stringify(canvas)}`);
      assert.match(await guide.innerText(), /Add an Input node, the data: drag it from the palette, or press A/);
      await vscode.screenshot(`empty-canvas-guide-${theme}`);

      // Keyboard only: the guide's button is reachable with Tab; A adds the input node as well.
      const addInput = guide.getByRole('button', { name: 'Add an Input node' });
      await addInput.focus();
      await vscode.page.keyboard.press('a');
      await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 1));
      await eventually(async () => assert.equal(await guide.count(), 0), 10_000);
      const input = view.locator('.react-flow__node').first();
      const inputId = await input.getAttribute('data-id');
      assert.ok(inputId);
      // The new node is selected (the host says so) and offers the usual next node.
      const next = nodeOnCanvas(view, inputId).getByRole('button', { name: /^Add the next node after/ });
      await eventually(async () => assert.equal(await next.innerText(), 'Next: Dense →'));
      await next.click();
      const combo = view.getByRole('combobox', { name: `Search nodes that take ${inputId}.features` });
      await eventually(async () => assert.equal(await combo.isVisible(), true));
      const activeId = await combo.getAttribute('aria-activedescendant');
      assert.ok(activeId);
      assert.match(await view.locator(`[id="${activeId}"]`).getAttribute('aria-label') ?? '', /^Dense · 16 units/);
      await combo.press('Enter');
      await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 2));
      await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 1));
      // The dense node, selected now, suggests an activation; the input, wired, suggests nothing.
      const denseNext = view.locator('.graph-node__next');
      await eventually(async () => assert.equal(await denseNext.innerText(), 'Next: Activation →'));
      assert.equal(await nodeOnCanvas(view, inputId).locator('.graph-node__next').count(), 0);
      await vscode.screenshot(`next-node-${theme}`);
      // Its Next opens quick-add on the suggestion (the second entry, after Dense): Enter would add it.
      await denseNext.click();
      const denseCombo = view.getByRole('combobox', { name: /^Search nodes that take dense_\d+\.out$/ });
      await eventually(async () => assert.equal(await denseCombo.isVisible(), true));
      const suggested = await denseCombo.getAttribute('aria-activedescendant');
      assert.match(await view.locator(`[id="${suggested}"]`).getAttribute('aria-label') ?? '', /^Activation · relu, makes \[batch, 16\]/);
      await denseCombo.press('Escape');
      await eventually(async () => assert.equal(await denseCombo.count(), 0));
      // Still no errors: an unfinished chain (no loss yet) is warnings.
      await eventually(async () => assert.match(await problemsSummary.innerText(), /^0 errors, \d+ warnings$/));
    });
  });

  test(`a refused wire says why beside the pointer, and the note goes with the next edit (${theme})`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': colorTheme } }, async (vscode) => {
      const view = await openGraph(vscode, 'tutorial.nngraph', 6);
      await hideSideBar(vscode);
      await showWholeGraph(view);
      // Closer in, so the nodes and the note read at their size in the screenshot (relu and out stay in the middle).
      await viewportSettled(view);
      for (let i = 0; i < 2; i++) await view.getByRole('button', { name: 'Zoom In' }).click();
      // out.out into relu.in: relu.in is fed already (a rule checked while the wire is dragged).
      const drop = await dragWire(vscode, view, ['out', 'out'], ['relu', 'in']);
      const note = view.getByRole('alert').filter({ hasText: 'Wire not connected' });
      assert.match(await note.innerText(), /relu\.in is already fed by hidden\.out/);
      const noteBox = await boxOf(view, '.wire-refusal');
      const distance = distanceTo(noteBox, drop);
      assert.ok(distance <= 100, `the note is ${distance.toFixed(0)} px from where the wire was let go`);
      // Not in the status line far below any more.
      assert.doesNotMatch(await view.locator('.status-bar__message').innerText(), /already fed/);
      await vscode.screenshot(`refused-wire-${theme}`);

      // Something valid happens (a node is added): the document changes and the note is gone.
      await view.getByRole('button', { name: 'Add Add node' }).click();
      await eventually(async () => assert.equal(await view.getByRole('textbox', { name: 'id', exact: true }).inputValue(), 'add_1'));
      await eventually(async () => assert.equal(await note.count(), 0));

      // A wire whose shapes do not fit, refused when it is let go: hidden's [batch, 10] is in add_1.a, out's
      // [batch, 1] cannot join it at add_1.b. Its note is beside the pointer too.
      await chooseOption(view, 'a from', 'hidden.out');
      await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 7));
      await showWholeGraph(view);
      const shapeDrop = await dragWire(vscode, view, ['out', 'out'], ['add_1', 'b']);
      assert.match(await note.innerText(), /Shapes do not fit at add_1/);
      const shapeDistance = distanceTo(await boxOf(view, '.wire-refusal'), shapeDrop);
      assert.ok(shapeDistance <= 100, `the shape note is ${shapeDistance.toFixed(0)} px from where the wire was let go`);
      assert.equal(await view.locator('.react-flow__edge').count(), 7, 'the refused wire was not added');
      // Fixed the right way (relu's [batch, 10] into add_1.b): the note goes.
      await chooseOption(view, 'b from', 'relu.out');
      await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 8));
      await eventually(async () => assert.equal(await note.count(), 0));
    });
  });
}
