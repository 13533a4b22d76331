// Rough edges of the graph editor at 1400×900, second round (issue 16, items 3, 4, 5, 10 and 12), each measured where a
// person sees it, in the webview frame: node text readable at the first view of every example (whole graph when it
// fits), Auto Layout that keeps grown nodes apart and refits, a graph still in view after the panel is maximised and
// restored, a one-row toolbar and a tall canvas beside a text editor, and the toolbar's groups, Undo/Redo and Stop.
// Screenshots of the first view and of the narrow editor in a light and a dark theme.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { eventually, withVsCode, type VsCodeSession } from './harness';
import { boxOf, nodeOnCanvas, openGraph, openTextBesideGraph, overlaps, viewportSettled, type Box } from './editorSupport';

/** The smallest body text of a node on screen (type, id, parameters: 12 px at zoom 1), and the fit's lowest zoom. */
const MIN_TEXT_PX = 11;

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5
    && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

/** Every node's id and screen rectangle, read in one pass. */
async function nodeBoxes(view: FrameLocator): Promise<Map<string, Box>> {
  const boxes = new Map<string, Box>();
  for (const node of await view.locator('.react-flow__node').all()) boxes.set(await node.getAttribute('data-id') ?? '?', await boxOf(node));
  return boxes;
}

/** The rendered size (CSS px on screen) of each body-text line of a node: its font size times the canvas zoom. */
async function renderedTextSizes(node: Locator): Promise<number[]> {
  return node.evaluate((element) => {
    const el = element as unknown as { getBoundingClientRect(): { width: number }; offsetWidth: number; querySelectorAll(s: string): ArrayLike<unknown> };
    const scale = el.getBoundingClientRect().width / el.offsetWidth;
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
    return Array.from(el.querySelectorAll('.graph-node__type, .graph-node__id, .graph-node__params'))
      .map((line) => Number.parseFloat(view.getComputedStyle(line).fontSize) * scale);
  });
}

/**
 * The first view of a graph: every node that shows in the canvas has its text at MIN_TEXT_PX or more; either the whole
 * graph is inside the canvas, or it did not fit at the readable zoom and the view starts at the input node.
 */
async function assertReadableFirstView(view: FrameLocator, file: string): Promise<string> {
  await viewportSettled(view);
  const canvas = await boxOf(view.locator('.react-flow'));
  const boxes = await nodeBoxes(view);
  const shown = [...boxes].filter(([, box]) => overlaps(box, canvas));
  assert.ok(shown.length > 0, `${file}: no node in view`);
  let smallest = Infinity;
  for (const [nodeId] of shown) {
    const sizes = await renderedTextSizes(nodeOnCanvas(view, nodeId));
    smallest = Math.min(smallest, ...sizes);
    for (const size of sizes) assert.ok(size >= MIN_TEXT_PX - 0.01, `${file}: text of ${nodeId} is ${size.toFixed(2)} px on screen`);
  }
  const outside = [...boxes].filter(([, box]) => !inside(box, canvas)).map(([id]) => id);
  if (outside.length > 0) {
    // Not all in view: only because the graph is larger than the canvas at the readable zoom, shown from its input.
    const span = { left: Math.min(...[...boxes.values()].map((b) => b.x)), right: Math.max(...[...boxes.values()].map((b) => b.x + b.width)) };
    assert.ok(span.right - span.left > canvas.width - 48, `${file}: ${outside.join(', ')} outside the canvas though the graph would fit`);
    assert.ok(inside(boxes.get('data') as Box, canvas), `${file}: the input node is not in view`);
    assert.ok(smallest < MIN_TEXT_PX * 1.01, `${file}: the graph does not fit, yet the view is zoomed in above the readable zoom`);
  }
  return `${file}: ${shown.length}/${boxes.size} nodes in view, smallest text ${smallest.toFixed(2)} px${outside.length === 0 ? ', whole graph' : ''}`;
}

/** The graph editor's toolbar is one row: every button's top edge within a few pixels, and one button tall. */
async function assertToolbarOneRow(view: FrameLocator): Promise<{ toolbar: Box; buttons: number }> {
  const toolbar = await boxOf(view.getByRole('toolbar', { name: 'Graph editor toolbar' }));
  const buttons = await view.getByRole('toolbar', { name: 'Graph editor toolbar' }).getByRole('button').all();
  const tops = await Promise.all(buttons.map(async (button) => (await boxOf(button)).y));
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `toolbar buttons on more than one row (tops ${tops.map((y) => y.toFixed(0)).join(', ')})`);
  assert.ok(toolbar.height <= 40, `the toolbar is ${toolbar.height.toFixed(0)} px tall`);
  for (const button of buttons) assert.ok(inside(await boxOf(button), toolbar), `${await button.getAttribute('aria-label')} is cut off by the toolbar's end`);
  const speed = view.getByRole('toolbar', { name: 'Graph editor toolbar' }).getByRole('combobox', { name: 'Training speed' });
  assert.ok(inside(await boxOf(speed), toolbar), 'the speed list is cut off by the toolbar\'s end');
  return { toolbar, buttons: buttons.length };
}

/** The graph beside a text editor: one-row toolbar, and a canvas that keeps most of the editor's height. */
async function assertNarrowEditor(view: FrameLocator): Promise<string> {
  const { toolbar, buttons } = await assertToolbarOneRow(view);
  const canvas = await boxOf(view.locator('.react-flow'));
  const page = await view.locator('body').evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { clientWidth: number; clientHeight: number } } }).document.documentElement;
    return { width: root.clientWidth, height: root.clientHeight };
  });
  assert.ok(canvas.height >= 0.6 * page.height, `canvas ${canvas.height.toFixed(0)} px of an editor ${page.height} px tall`);
  assert.ok(canvas.width >= 0.6 * page.width, `canvas ${canvas.width.toFixed(0)} px of an editor ${page.width} px wide`);
  // Every button still says what it does to a mouse (tooltip) and a screen reader (name), labels shown or not.
  for (const button of await view.getByRole('toolbar').getByRole('button').all()) {
    assert.ok((await button.getAttribute('title'))?.length, 'a toolbar button without a tooltip');
    assert.ok((await button.getAttribute('aria-label'))?.length, 'a toolbar button without a name');
  }
  return `editor ${page.width}×${page.height}: toolbar ${toolbar.width.toFixed(0)}×${toolbar.height.toFixed(0)} (${buttons} buttons), canvas ${canvas.width.toFixed(0)}×${canvas.height.toFixed(0)}`;
}

/** A small graph (input → dense, from the tutorial) that fits the canvas at the readable zoom. */
async function writeSmallGraph(vscode: VsCodeSession): Promise<void> {
  const tutorial = JSON.parse(await vscode.readFile('tutorial.nngraph')) as { nodes: Array<{ id: string }>; edges: Array<{ from: string; to: string }> };
  const kept = new Set(['data', 'hidden']);
  tutorial.nodes = tutorial.nodes.filter((node) => kept.has(node.id));
  tutorial.edges = tutorial.edges.filter((edge) => kept.has(edge.from.split('.')[0]) && kept.has(edge.to.split('.')[0]));
  writeFileSync(join(vscode.workspaceDir, 'small.nngraph'), JSON.stringify(tutorial, null, 2));
}

for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
  const themeName = theme.replace(/\s+/g, '-');
  test(`${theme}: every example opens readable; beside a text editor the toolbar is one row and the canvas stays tall`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      await writeSmallGraph(vscode);
      const reports: string[] = [];
      for (const [file, count] of [['digits.nngraph', 6], ['iris.nngraph', 6], ['spiral.nngraph', 8], ['xor.nngraph', 6], ['small.nngraph', 2], ['tutorial.nngraph', 6]] as const) {
        if (theme !== 'Default Light Modern' && file !== 'tutorial.nngraph') continue;
        const view = await openGraph(vscode, file, count);
        reports.push(await eventually(() => assertReadableFirstView(view, file)));
      }
      const view = vscode.webview('tutorial.nngraph');
      await assertToolbarOneRow(view);
      await vscode.screenshot(`first-view-tutorial-${themeName}`);

      await openTextBesideGraph(vscode, 6);
      const graph = vscode.webview('tutorial.nngraph');
      reports.push(await eventually(() => assertNarrowEditor(graph)));
      await nodeOnCanvas(graph, 'hidden').click();
      await eventually(async () => assert.equal(await graph.getByRole('textbox', { name: 'id', exact: true }).inputValue(), 'hidden'));
      await vscode.screenshot(`narrow-editor-${themeName}`);
      t.diagnostic(reports.join('\n'));
    });
  });
}

test('toolbar groups: Edit, Run, View, Model; Stop is enabled while a Step run is paused, and ends it', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    const toolbar = view.getByRole('toolbar', { name: 'Graph editor toolbar' });
    const groups: Record<string, string[]> = {
      Edit: ['Undo', 'Redo', 'Auto Layout', 'Fit View'], Run: ['Train', 'Step', 'Stop', 'Reset Weights', 'Continue from saved weights'],
      View: ['Show statistics', 'Explain one sample'], Model: ['Model Summary', 'Export', 'Open as Text'],
    };
    for (const [group, names] of Object.entries(groups)) {
      const shown = await toolbar.getByRole('group', { name: group, exact: true }).getByRole('button').evaluateAll(
        (buttons) => buttons.map((button) => (button as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label')),
      );
      assert.deepEqual(shown, names, `the ${group} group`);
    }
    const stop = toolbar.getByRole('button', { name: 'Stop', exact: true });
    assert.equal(await stop.isDisabled(), true, 'nothing to stop before a run');
    await toolbar.getByRole('button', { name: 'Step', exact: true }).click();
    // After the Step the run waits for the next one: Stop can end it.
    await eventually(async () => assert.equal(await stop.isEnabled(), true, 'Stop enabled while the Step run is paused'), 120_000, 200);
    // Between Steps the run is paused: the first button resumes it (Playground's play button).
    await eventually(async () => assert.equal(await toolbar.getByRole('button', { name: 'Resume', exact: true }).isEnabled(), true), 30_000);
    await vscode.screenshot('toolbar-paused-step');
    await stop.click();
    await eventually(async () => assert.equal(await stop.isDisabled(), true, 'Stop disabled once the run ended'), 30_000, 200);

    // Export and Model Summary run their commands on this graph.
    await toolbar.getByRole('button', { name: 'Export', exact: true }).click();
    const quickInput = vscode.page.locator('.quick-input-widget');
    await eventually(async () => assert.match(await quickInput.innerText(), /Export tutorial\.nngraph[\s\S]*PyTorch script/), 30_000);
    await vscode.page.keyboard.press('Escape');
    await toolbar.getByRole('button', { name: 'Model Summary', exact: true }).click();
    await eventually(async () => assert.match(await vscode.page.locator('.editor-group-container.active .view-lines').innerText(), /Total\sparams:\s41/), 30_000);
  });
});

test('Auto Layout keeps nodes with error text apart and fits them in view; Undo and Redo buttons; the graph stays in view after the panel is maximised and restored', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Dark Modern' } }, async (vscode) => {
    // No wires: every node lands in the first column, one above the other, and each shows its problems (a dense layer
    // with 0 units, nodes with nothing wired in), so they are taller than a plain node.
    const loose = JSON.parse(await vscode.readFile('tutorial.nngraph')) as { nodes: Array<{ id: string; params?: Record<string, unknown> }>; edges: unknown[] };
    loose.edges = [];
    for (const node of loose.nodes) if (node.id === 'hidden') node.params = { ...node.params, units: 0 };
    writeFileSync(join(vscode.workspaceDir, 'loose.nngraph'), JSON.stringify(loose, null, 2));
    const view = await openGraph(vscode, 'loose.nngraph', 6);
    await eventually(async () => assert.ok(await nodeOnCanvas(view, 'hidden').locator('.graph-node__problem').count() >= 1, 'the dense layer shows its error'));
    const before = await nodeBoxes(view);
    const columns = async () => new Set([...(await nodeBoxes(view)).values()].map((box) => Math.round(box.x))).size;
    assert.equal(await columns(), 6);

    const assertLaidOutInView = async () => {
      await viewportSettled(view);
      const canvas = await boxOf(view.locator('.react-flow'));
      const boxes = [...await nodeBoxes(view)];
      assert.equal(new Set(boxes.map(([, box]) => Math.round(box.x))).size, 1, 'laid out in one column');
      for (let i = 0; i < boxes.length; i++) {
        assert.ok(inside(boxes[i][1], canvas), `${boxes[i][0]} is outside the canvas after Auto Layout`);
        for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlaps(boxes[i][1], boxes[j][1]), `${boxes[i][0]} overlaps ${boxes[j][0]}`);
      }
    };
    const edit = view.getByRole('group', { name: 'Edit', exact: true });
    await edit.getByRole('button', { name: 'Auto Layout' }).click();
    await eventually(assertLaidOutInView, 30_000);
    await vscode.screenshot('auto-layout-errors');

    // Undo and Redo are VS Code's own, on the document: the layout is one step back and forth.
    await edit.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => assert.equal(await columns(), 6, 'Undo puts the nodes back in their row'), 30_000);
    await edit.getByRole('button', { name: 'Redo' }).click();
    await eventually(async () => assert.equal(await columns(), 1, 'Redo lays them out again'), 30_000);
    await edit.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => assert.equal(await columns(), 6), 30_000);
    assert.equal(before.size, 6);

    // The palette's Auto Layout goes through the editor too: same sizes, same refit.
    await vscode.execute('nngraph.autoLayout');
    await eventually(assertLaidOutInView, 30_000);

    // Maximise and restore the bottom panel: the editor is hidden and drawn again, smaller; the fitted graph is refitted.
    await vscode.setPanelMaximized(true);
    await vscode.setPanelMaximized(false);
    await eventually(async () => {
      await viewportSettled(view);
      const canvas = await boxOf(view.locator('.react-flow'));
      for (const [nodeId, box] of await nodeBoxes(view)) assert.ok(inside(box, canvas), `${nodeId} is off-screen after the panel was restored`);
    }, 30_000);
    await vscode.screenshot('panel-restored-fitted');

    // A view the person moved keeps its centre through the same, and never loses the graph.
    const pane = await boxOf(view.locator('.react-flow__pane'));
    await vscode.page.mouse.move(pane.x + pane.width - 20, pane.y + 20);
    await vscode.page.mouse.down();
    await vscode.page.mouse.move(pane.x + pane.width - 60, pane.y + 40, { steps: 5 });
    await vscode.page.mouse.up();
    await viewportSettled(view);
    await vscode.setPanelMaximized(true);
    await vscode.setPanelMaximized(false);
    await eventually(async () => {
      await viewportSettled(view);
      const canvas = await boxOf(view.locator('.react-flow'));
      const shown = [...(await nodeBoxes(view)).values()].filter((box) => overlaps(box, canvas));
      assert.ok(shown.length >= 3, `${shown.length} nodes in view after the panel was restored`);
    }, 30_000);
    await vscode.screenshot('panel-restored-moved');
  });
});
