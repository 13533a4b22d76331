// Rough edges a newcomer hit in the graph editor at 1400×900, each checked where a person sees it: port dots level
// with their labels, the inspector after deleting selected nodes, full ids on the nodes, a minimap that covers no
// node, and formulas that fit the inspector. Ends with screenshots of the tutorial in a light and a dark theme.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { eventually, withVsCode } from './harness';
import { boxOf, nodeOnCanvas, openGraph, overlaps, showWholeGraph, viewportSettled } from './editorSupport';

/** Whether an element's content is wider than its box (cut off, or behind a scrollbar). */
async function overflowsX(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element as unknown as { scrollWidth: number; clientWidth: number };
    return box.scrollWidth > box.clientWidth + 1;
  });
}

/** The dot of a port is level with its label and centred on the node's left or right edge. */
async function assertDotBesideLabel(view: FrameLocator, nodeId: string, port: string, side: 'input' | 'output'): Promise<void> {
  const node = nodeOnCanvas(view, nodeId);
  const dot = await boxOf(node.getByLabel(`${side} ${port} of ${nodeId}`, { exact: true }));
  const label = await boxOf(node.locator(`.graph-node__port-label[data-port="${port}"]`));
  const nodeBox = await boxOf(node);
  const dotMiddle = dot.y + dot.height / 2;
  assert.ok(dotMiddle >= label.y && dotMiddle <= label.y + label.height,
    `${nodeId}.${port}: the dot's middle (y ${dotMiddle.toFixed(1)}) is outside its label (y ${label.y.toFixed(1)}–${(label.y + label.height).toFixed(1)})`);
  const edge = side === 'input' ? nodeBox.x : nodeBox.x + nodeBox.width;
  assert.ok(Math.abs(dot.x + dot.width / 2 - edge) <= 2, `${nodeId}.${port}: the dot is not on the node's ${side === 'input' ? 'left' : 'right'} edge`);
}

async function renameSelectedNode(view: FrameLocator, newId: string): Promise<void> {
  const field = view.getByRole('textbox', { name: 'id', exact: true });
  await field.fill(newId);
  // Enter commits; the inspector then shows the renamed node with a new field.
  await field.press('Enter');
}

test('port dots sit beside their labels; deleting selected nodes frees the inspector; long ids show whole', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await showWholeGraph(view);
    await viewportSettled(view);
    // Zoomed in on the two nodes with two ports on one side, so a few pixels of difference are measurable.
    await nodeOnCanvas(view, 'data').click();
    for (const [nodeId, ports, side] of [['data', ['features', 'labels'], 'output'], ['loss', ['predictions', 'labels'], 'input']] as const) {
      for (const port of ports) await eventually(() => assertDotBesideLabel(view, nodeId, port, side));
    }
    // features is the upper label and its dot the upper dot (the dot beside "features" used to be the labels port).
    const featuresDot = await boxOf(nodeOnCanvas(view, 'data').getByLabel('output features of data', { exact: true }));
    const labelsDot = await boxOf(nodeOnCanvas(view, 'data').getByLabel('output labels of data', { exact: true }));
    assert.ok(featuresDot.y < labelsDot.y);

    // Two selected nodes deleted: the inspector shows the graph's settings again, and a node can be edited at once.
    await nodeOnCanvas(view, 'relu').click();
    await nodeOnCanvas(view, 'out').click({ modifiers: ['Control'] });
    const inspector = view.getByRole('complementary', { name: 'Inspector' });
    await eventually(async () => assert.match(await inspector.innerText(), /2 nodes selected/));
    await vscode.page.keyboard.press('Delete');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 4));
    await eventually(async () => assert.doesNotMatch(await inspector.innerText(), /nodes selected/));
    await nodeOnCanvas(view, 'hidden').click();
    await eventually(async () => assert.equal(await view.getByRole('textbox', { name: 'id', exact: true }).inputValue(), 'hidden'));

    // A long id is shown whole on its node (wrapped, never "activati…"), and its node says so to a screen reader.
    const longId = 'hidden_activation_of_the_first_layer';
    await renameSelectedNode(view, longId);
    const renamed = nodeOnCanvas(view, longId);
    await eventually(async () => assert.equal(await renamed.count(), 1));
    // The renamed node stays selected (the host's select can come before the document that holds the new id).
    await eventually(async () => assert.equal(await view.getByRole('textbox', { name: 'id', exact: true }).inputValue(), longId));
    const idLabel = renamed.locator('.graph-node__id');
    assert.equal(await idLabel.innerText(), longId);
    assert.equal(await overflowsX(idLabel), false, 'the id is cut off');
    const idBox = await boxOf(idLabel);
    const nodeBox = await boxOf(renamed);
    assert.ok(idBox.x + idBox.width <= nodeBox.x + nodeBox.width + 0.5, 'the id runs past the node');
    await vscode.screenshot('rough-edges-long-id');
  });
});

test('Fit View keeps every node clear of the minimap, which can be hidden; formulas fit the inspector', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    // The tutorial's nodes spread over a rectangle of the canvas's own proportions: fitted whole, its bottom-right node
    // (the loss) lands in the canvas's bottom-right corner, where the minimap sits, unless the fit leaves it room.
    const tutorial = await openGraph(vscode, 'tutorial.nngraph', 6);
    const canvas = await boxOf(tutorial.locator('.react-flow'));
    const node = await boxOf(nodeOnCanvas(tutorial, 'hidden'));
    const spanX = 2000;
    const nodeHeight = node.height * (160 / node.width); // in flow units: a node is 160 wide
    const spanY = Math.round((spanX + 160) * (canvas.height / canvas.width) - nodeHeight);
    const graph = JSON.parse(await vscode.readFile('tutorial.nngraph')) as { nodes: Array<{ position: { x: number; y: number } }> };
    graph.nodes.forEach((graphNode, index) => { graphNode.position = { x: (index % 3) * (spanX / 2), y: index < 3 ? 0 : spanY }; });
    writeFileSync(join(vscode.workspaceDir, 'corners.nngraph'), JSON.stringify(graph, null, 2));
    const view = await openGraph(vscode, 'corners.nngraph', 6);
    await showWholeGraph(view);
    await viewportSettled(view);
    const minimap = view.locator('.react-flow__minimap');
    await eventually(async () => assert.equal(await minimap.count(), 1));
    const assertClearOfMinimap = async () => {
      const minimapBox = await boxOf(minimap);
      for (const node of await view.locator('.react-flow__node').all()) {
        assert.ok(!overlaps(await boxOf(node), minimapBox), `the minimap covers node ${await node.getAttribute('data-id')}`);
      }
    };
    await eventually(assertClearOfMinimap);
    await view.getByRole('button', { name: 'Hide minimap' }).click();
    await eventually(async () => assert.equal(await minimap.count(), 0));
    await view.getByRole('button', { name: 'Show minimap' }).click();
    await eventually(async () => assert.equal(await minimap.count(), 1));
    await viewportSettled(view);
    await eventually(assertClearOfMinimap);

    // Every formula of a dense layer and of the loss is drawn whole inside the inspector: no horizontal scrollbar.
    const inspector = view.getByRole('complementary', { name: 'Inspector' });
    for (const nodeId of ['hidden', 'loss']) {
      const node = nodeOnCanvas(view, nodeId);
      if (await node.count() === 0) continue;
      await node.click();
      await eventually(async () => assert.ok(await inspector.locator('.formula').count() >= 2));
      await eventually(async () => {
        for (const formula of await inspector.locator('.formula__line').all()) assert.equal(await overflowsX(formula), false, `a formula of ${nodeId} is clipped`);
        assert.equal(await overflowsX(inspector), false, `the inspector scrolls sideways for ${nodeId}`);
      });
    }
    await vscode.screenshot('rough-edges-formulas');
  });
});

for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
  test(`screenshot: the tutorial at 1400×900 in ${theme}`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      const view = await openGraph(vscode, 'tutorial.nngraph', 6);
      await viewportSettled(view);
      // The first view is readable; every node's cost line is there, and the heaviest are marked for screen readers.
      await eventually(async () => assert.match(await nodeOnCanvas(view, 'hidden').innerText(), /30 params · 50 FLOPs/));
      assert.match(await nodeOnCanvas(view, 'hidden').locator('.graph-node__cost').getAttribute('aria-label') ?? '', /one of the heaviest nodes: 61%/);
      assert.match(await view.locator('.status-bar__cost').innerText(), /41 params · 82 FLOPs per sample/);
      await vscode.screenshot(`tutorial-${theme.replace(/\s+/g, '-')}`);
      await showWholeGraph(view);
      await viewportSettled(view);
      await vscode.screenshot(`tutorial-fit-${theme.replace(/\s+/g, '-')}`);
      await nodeOnCanvas(view, 'hidden').click();
      await eventually(async () => assert.ok(await view.locator('#inspector .formula').count() >= 2));
      await vscode.screenshot(`tutorial-inspector-${theme.replace(/\s+/g, '-')}`);
    });
  });
}
