// Undo groups an operation: pasting or deleting several nodes in the graph editor is ONE step of VS Code's undo.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { eventually, withVsCode } from './harness';
import { nodeOnCanvas, openGraph, showWholeGraph } from './editorSupport';

const TUTORIAL_IDS = ['data', 'hidden', 'relu', 'out', 'prob', 'loss'];

/** The ids on the canvas, read in one pass: reading node by node races an undo that removes nodes meanwhile. */
async function canvasNodeIds(view: FrameLocator): Promise<string[]> {
  const ids = await view.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { getAttribute(name: string): string | null }).getAttribute('data-id') ?? ''));
  return ids.sort();
}

/** Clicks the first node, then adds the others with Ctrl+click, and waits until the inspector counts them. */
async function selectNodes(view: FrameLocator, ids: string[]): Promise<void> {
  await nodeOnCanvas(view, ids[0]).click();
  for (const id of ids.slice(1)) await nodeOnCanvas(view, id).click({ modifiers: ['Control'] });
  await eventually(async () => assert.match(await view.locator('#inspector').innerText(), new RegExp(`${ids.length} nodes selected`)));
}

test('paste three nodes, then one Ctrl+Z removes all three; Ctrl+Shift+Z brings all three back', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const original = await vscode.readFile('tutorial.nngraph');
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await showWholeGraph(view);
    await selectNodes(view, ['hidden', 'relu', 'out']);
    await vscode.page.keyboard.press('Control+c');
    await vscode.page.keyboard.press('Control+v');
    const pasted = ['activation_1', 'dense_1', 'dense_2'];
    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS, ...pasted].sort()));
    // The two wires between the copies came along.
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 8));
    await vscode.screenshot('undo-pasted-three');
    await vscode.page.keyboard.press('Control+z');
    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS].sort()));
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 6));
    await vscode.page.keyboard.press('Control+Shift+z');
    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS, ...pasted].sort()));
    await vscode.page.keyboard.press('Control+z');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6));
    // Back at the original text, byte for byte (VS Code in the browser saves after a delay by itself).
    await vscode.execute('workbench.action.files.save');
    await eventually(async () => assert.equal(await vscode.readFile('tutorial.nngraph'), original));
  });
});

test('deleting three selected nodes is undone in one Ctrl+Z, wires included', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await showWholeGraph(view);
    await selectNodes(view, ['relu', 'out', 'prob']);
    await vscode.page.keyboard.press('Delete');
    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), ['data', 'hidden', 'loss']));
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 2));
    await vscode.page.keyboard.press('Control+z');
    await eventually(async () => assert.deepEqual(await canvasNodeIds(view), [...TUTORIAL_IDS].sort()));
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 6));
  });
});
