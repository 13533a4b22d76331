// Shape-aware quick-add: a wire dropped on empty canvas opens a search box of the nodes that take its tensor; the
// chosen one is added and wired in one edit, so one Ctrl+Z takes both back.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { eventually, type VsCodeSession, withVsCode } from './harness';
import { nodeOnCanvas, openGraph, showWholeGraph, viewportSettled } from './editorSupport';
import { analyzeGraph, quickAddCandidates } from '../../src/graph/index';

/** How many node types the graph layer offers for the tutorial's `from` (the box must list exactly those). */
function offeredFor(from: string): number {
  const analysis = analyzeGraph(readFileSync(join(__dirname, '../../examples/tutorial.nngraph'), 'utf8'));
  assert.ok(analysis.graph);
  return quickAddCandidates(analysis.graph, analysis.shapes, from).length;
}

const TUTORIAL_IDS = ['data', 'hidden', 'relu', 'out', 'prob', 'loss'];

async function canvasNodeIds(view: FrameLocator): Promise<string[]> {
  const ids = await view.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { getAttribute(name: string): string | null }).getAttribute('data-id') ?? ''));
  return ids.sort();
}

/**
 * Drags a wire out of `nodeId`'s `port` and lets it go on empty canvas below the node, measured afresh on each try: a
 * drag is a gesture, and on a busy machine the pointer can outrun the canvas, so it is repeated (as a person would)
 * until the box opens.
 */
async function dropWireOnCanvas(vscode: VsCodeSession, view: FrameLocator, nodeId: string, port: string, t: { diagnostic(message: string): void }) {
  const combo = view.getByRole('combobox', { name: `Search nodes that take ${nodeId}.${port}` });
  let attempt = 0;
  await eventually(async () => {
    attempt += 1;
    if (attempt > 1) t.diagnostic(`drag from ${nodeId}.${port} again (attempt ${attempt})`);
    await viewportSettled(view);
    const start = await view.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${port}"]`).boundingBox();
    const node = await nodeOnCanvas(view, nodeId).boundingBox();
    const canvas = await view.locator('.react-flow').boundingBox();
    assert.ok(start && node && canvas);
    const drop = { x: node.x + node.width / 2, y: Math.min(node.y + node.height + 140, canvas.y + canvas.height - 40) };
    assert.ok(drop.y > node.y + node.height + 30, 'no room below the node to drop the wire');
    await vscode.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await vscode.page.mouse.down();
    await vscode.page.mouse.move(drop.x, drop.y, { steps: 12 });
    await vscode.page.mouse.up();
    await eventually(async () => assert.equal(await combo.isVisible(), true, 'the quick-add box is open'), 10_000);
  }, 90_000, 0);
  return combo;
}

/** Without the side bar the canvas is wide enough to show the whole tutorial at a readable size. */
async function hideSideBar(vscode: VsCodeSession): Promise<void> {
  // Clicking the shown view's icon in the activity bar hides the side bar.
  await vscode.page.locator('.part.activitybar').getByRole('tab', { name: /^Explorer/ }).click();
  await eventually(async () => assert.equal(await vscode.page.locator('.part.sidebar').isVisible(), false, 'the side bar is hidden'));
}

test('a wire dropped on empty canvas: pick tanh, get it wired with [batch, 10]; one Ctrl+Z removes node and wire', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Light Modern' } }, async (vscode) => {
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await hideSideBar(vscode);
    await showWholeGraph(view);
    const combo = await dropWireOnCanvas(vscode, view, 'relu', 'out', t);
    const list = view.getByRole('listbox', { name: 'Nodes that fit' });
    // Only what takes a [batch, 10] tensor, each with what it makes: 10 units rule out binary cross-entropy.
    await eventually(async () => assert.equal(await list.getByRole('option').count(), offeredFor('relu.out')));
    assert.equal(await list.getByRole('option', { name: 'Activation · tanh, makes [batch, 10]' }).count(), 1);
    assert.equal(await list.getByRole('option', { name: 'Dense · 16 units, makes [batch, 16]' }).count(), 1);
    assert.equal(await list.getByRole('option', { name: /binary/ }).count(), 0);
    assert.equal(await combo.evaluate((input) => input === (input as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), true, 'typing goes to the box');
    // Whole, inside the editor: nothing cut off at its edges.
    const box = await view.locator('.quick-add').boundingBox();
    const editor = await view.locator('.editor').boundingBox();
    assert.ok(box && editor && box.y >= editor.y && box.y + box.height <= editor.y + editor.height
      && box.x >= editor.x && box.x + box.width <= editor.x + editor.width, `box ${JSON.stringify(box)}, editor ${JSON.stringify(editor)}`);
    await vscode.screenshot('quick-add-open');
    await combo.pressSequentially('act ta');
    await eventually(async () => assert.equal(await list.getByRole('option').count(), 1));
    assert.equal(await list.getByRole('option', { name: 'Activation · tanh, makes [batch, 10]' }).getAttribute('aria-selected'), 'true');
    await combo.press('Enter');

    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS, 'activation_1'].sort()));
    const wire = view.locator('[data-testid="rf__edge-relu.out->activation_1.in"]');
    await eventually(async () => assert.equal(await wire.locator('.react-flow__edge-text').textContent(), '[batch, 10]'));
    assert.match(await nodeOnCanvas(view, 'activation_1').innerText(), /tanh/);
    // The new node is below where it came from, at the drop point, not on top of another node.
    const relu = await nodeOnCanvas(view, 'relu').boundingBox();
    const added = await nodeOnCanvas(view, 'activation_1').boundingBox();
    assert.ok(relu && added && added.y > relu.y + relu.height, `added at ${JSON.stringify(added)}, relu at ${JSON.stringify(relu)}`);
    await vscode.execute('workbench.action.files.save');
    await eventually(async () => {
      const saved = JSON.parse(await vscode.readFile('tutorial.nngraph')) as { nodes: Array<{ id: string; type: string; params: unknown }>; edges: Array<{ from: string; to: string }> };
      const node = saved.nodes.find((n) => n.id === 'activation_1');
      assert.deepEqual(node && [node.type, node.params], ['activation', { fn: 'tanh' }]);
      assert.deepEqual(saved.edges.filter((e) => e.to.startsWith('activation_1.')), [{ from: 'relu.out', to: 'activation_1.in' }]);
    });

    await vscode.page.keyboard.press('Control+z');
    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS].sort()));
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 6));
    assert.equal(await wire.count(), 0);
  });
});

test('A on a selected node opens the box for its output (dark theme); Escape closes it and changes nothing', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Dark Modern' } }, async (vscode) => {
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await hideSideBar(vscode);
    await showWholeGraph(view);
    await nodeOnCanvas(view, 'hidden').click();
    await eventually(async () => assert.equal(await view.getByRole('textbox', { name: 'id', exact: true }).inputValue(), 'hidden'));
    await vscode.page.keyboard.press('a');
    const combo = view.getByRole('combobox', { name: 'Search nodes that take hidden.out' });
    await eventually(async () => assert.equal(await combo.isVisible(), true));
    const options = view.getByRole('listbox', { name: 'Nodes that fit' }).getByRole('option');
    await eventually(async () => assert.equal(await options.count(), offeredFor('hidden.out')));
    // Arrows move the choice the screen reader announces.
    const active = async () => combo.getAttribute('aria-activedescendant');
    await vscode.screenshot('quick-add-dark');
    const first = await active();
    await combo.press('ArrowDown');
    await eventually(async () => assert.notEqual(await active(), first));
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    await combo.press('Escape');
    await eventually(async () => assert.equal(await combo.count(), 0));
    assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS].sort());
    // The keyboard is back on the node it started from.
    await eventually(async () => assert.equal(await nodeOnCanvas(view, 'hidden').evaluate((node) => node === (node as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), true));
  });
});
