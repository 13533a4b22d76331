// Looks at the graph editor: the tutorial graph drawn with its six nodes and shape labels, and the inspector.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { nodeOnCanvas, setNumberField, showWholeGraph, viewportSettled } from './editorSupport';
import { eventually, withVsCode } from './harness';

/** The canvas's viewport (pan in pixels, zoom), read from React Flow's viewport transform. */
async function canvasViewport(view: FrameLocator): Promise<{ x: number; y: number; zoom: number }> {
  const style = await view.locator('.react-flow__viewport').getAttribute('style') ?? '';
  const parts = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(style);
  assert.ok(parts, `no translate and scale in the viewport style "${style}"`);
  return { x: Number(parts[1]), y: Number(parts[2]), zoom: Number(parts[3]) };
}

async function canvasZoom(view: FrameLocator): Promise<number> {
  return (await canvasViewport(view)).zoom;
}

/** The flow point shown at the middle of the canvas. */
async function flowCentre(view: FrameLocator): Promise<{ x: number; y: number }> {
  const canvas = await boxOf(view, '.react-flow');
  const viewport = await canvasViewport(view);
  return { x: (canvas.width / 2 - viewport.x) / viewport.zoom, y: (canvas.height / 2 - viewport.y) / viewport.zoom };
}

interface Box { x: number; y: number; width: number; height: number }

async function boxOf(view: FrameLocator, selector: string): Promise<Box> {
  const box = await view.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is not on screen`);
  return box;
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The input node is fully in the canvas, readable, and no node lies under the minimap (when there is one). */
async function assertReadableStart(view: FrameLocator): Promise<void> {
  assert.ok(await canvasZoom(view) >= 0.7, 'the graph opens at a zoom where its text can be read');
  const canvas = await boxOf(view, '.react-flow');
  assert.ok(inside(await boxOf(view, '.react-flow__node[data-id="data"]'), canvas), 'the input node is in view');
  assert.ok((await boxOf(view, '.react-flow__node[data-id="data"] .graph-node__type')).height >= 10, 'the node title is at least 10 px tall');
  if (await view.locator('.react-flow__minimap').count() === 0) return;
  const minimap = await boxOf(view, '.react-flow__minimap');
  for (const node of await view.locator('.react-flow__node').all()) {
    const box = await node.boundingBox();
    if (box && inside(box, canvas)) assert.ok(!overlaps(box, minimap), `the minimap covers node ${await node.getAttribute('data-id')}`);
  }
}

test('the tutorial graph shows its six nodes, shapes on the wires and the inspector', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    const view = vscode.webview('tutorial.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    await eventually(() => assertReadableStart(view));
    await vscode.screenshot('tutorial-graph');
    await view.locator('.react-flow__node[data-id="hidden"]').click();
    await eventually(async () => assert.match(await view.getByRole('complementary', { name: 'Inspector' }).innerText(), /units/));
    await vscode.screenshot('tutorial-inspector');
    // Keys typed in the inspector's controls stay there: Backspace in a drop-down does not delete the node.
    await view.getByRole('combobox', { name: 'init', exact: true }).press('Backspace');
    await view.getByRole('spinbutton', { name: 'units', exact: true }).press('Delete');
    // A point after which a deletion would have shown: an edit sent after the keys comes back from the host after
    // anything they sent, since messages and document edits keep their order.
    await setNumberField(view, 'units', '11');
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'hidden').innerText(), /units 11/));
    assert.equal(await view.locator('.react-flow__node').count(), 6);
    // The strict policy must not block anything the editor needs (styles, fonts, scripts).
    assert.deepEqual(vscode.consoleLog().filter((line) => /Content Security Policy|Refused to/.test(line)), []);

    // A panel opening below the editor shrinks the canvas: the untouched view is fitted again, not left in a corner.
    await vscode.setPanelVisible(true);
    await eventually(async () => assert.ok((await boxOf(view, '.react-flow')).height < 600));
    await eventually(() => assertReadableStart(view));
    await vscode.screenshot('tutorial-with-panel');

    // Once the person has zoomed, a resize keeps what they were looking at in the middle, at their zoom.
    await view.locator('.react-flow__controls-zoomin').click();
    await eventually(async () => assert.ok(await canvasZoom(view) > 0.8));
    await viewportSettled(view);
    const zoomed = await canvasViewport(view);
    const centre = await flowCentre(view);
    const heightWithPanel = (await boxOf(view, '.react-flow')).height;
    await vscode.setPanelVisible(false);
    await eventually(async () => assert.ok((await boxOf(view, '.react-flow')).height > heightWithPanel + 100));
    await eventually(async () => {
      const after = await flowCentre(view);
      assert.ok(Math.abs(after.x - centre.x) < 2 && Math.abs(after.y - centre.y) < 2, `centre moved from ${JSON.stringify(centre)} to ${JSON.stringify(after)}`);
    });
    assert.equal(await canvasZoom(view), zoomed.zoom);
    await vscode.screenshot('tutorial-zoomed-panel-closed');
  });
});

for (const theme of ['Default Dark Modern', 'Default High Contrast']) {
  test(`the graph editor follows the ${theme} theme`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      await vscode.openFile('spiral.nngraph');
      const view = vscode.webview('spiral.nngraph');
      await eventually(async () => assert.ok(await view.locator('.react-flow__node').count() > 5), 60_000);
      await eventually(async () => assert.match(await view.locator('.react-flow').getAttribute('class') ?? '', /\bdark\b/));
      // The spiral is wider than the canvas at the readable zoom it opens with: show it whole to reach its end.
      await showWholeGraph(view);
      await view.locator('.react-flow__node[data-id="logits"]').click();
      // Screenshots show the formulas only once KaTeX's fonts have loaded.
      await view.locator('.formula').first().evaluate('document.fonts.ready.then(() => true)');
      await vscode.screenshot(`spiral-${theme.replace(/\s+/g, '-')}`);
    });
  });
}
