// Helpers for the graph editor's end-to-end tests: driving VS Code Elements controls by role and name, and a line diff.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { eventually, type VsCodeSession } from './harness';

/** Picks an option of a VS Code single-select found by its accessible name. */
export async function chooseOption(view: FrameLocator, comboName: string, optionText: string): Promise<void> {
  await view.getByRole('combobox', { name: comboName, exact: true }).click();
  await view.getByRole('option', { name: optionText, exact: true }).click();
}

/** Types into a number field found by its accessible name and commits it (change fires when the field is left). */
export async function setNumberField(view: FrameLocator, name: string, value: string): Promise<void> {
  const field = view.getByRole('spinbutton', { name, exact: true });
  await field.fill(value);
  await field.press('Enter');
  await field.press('Tab');
}

/** The node element with this id on the canvas. */
export function nodeOnCanvas(view: FrameLocator, nodeId: string) {
  return view.locator(`.react-flow__node[data-id="${nodeId}"]`);
}

/**
 * Shows the whole graph (the toolbar's Fit View): a graph wider than the canvas opens at a readable zoom with only its
 * beginning in view, and a node outside the canvas cannot be clicked.
 */
export async function showWholeGraph(view: FrameLocator): Promise<void> {
  await view.getByRole('button', { name: 'Fit View' }).click();
  await eventually(async () => {
    const canvas = await view.locator('.react-flow').boundingBox();
    assert.ok(canvas, 'the canvas is not on screen');
    for (const node of await view.locator('.react-flow__node').all()) {
      const box = await node.boundingBox();
      assert.ok(box && box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width
        && box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height, `node ${await node.getAttribute('data-id')} is outside the canvas`);
    }
  });
}

/**
 * Resolves once the canvas viewport has kept one transform for five animation frames in a row: a Fit View or zoom
 * animation runs a step every frame, so five still frames mean it ended, however slow the machine is.
 */
export async function viewportSettled(view: FrameLocator): Promise<void> {
  // A real function (a string that holds one is evaluated, not called, so it returned at once without waiting), with
  // no named inner function: tsx would wrap one in a `__name` helper that does not exist in the page.
  await view.locator('.react-flow__viewport').evaluate((element) => new Promise<void>((resolveSettled, rejectSettled) => {
    const style = (element as unknown as { style: { transform: string } }).style;
    const frames = globalThis as unknown as { requestAnimationFrame(callback: () => void): number };
    let last = style.transform;
    let stillFrames = 0;
    let waitingForFrame = false;
    const timer = setInterval(() => {
      if (waitingForFrame) return;
      waitingForFrame = true;
      frames.requestAnimationFrame(() => {
        waitingForFrame = false;
        const now = style.transform;
        stillFrames = now === last ? stillFrames + 1 : 0;
        last = now;
        if (stillFrames >= 5) {
          clearInterval(timer);
          clearTimeout(limit);
          resolveSettled();
        }
      });
    }, 0);
    // A hidden view draws no frames: fail with a reason rather than wait for ever.
    const limit = setTimeout(() => {
      clearInterval(timer);
      rejectSettled(new Error('the canvas view did not come to rest within 30 s (still moving, or hidden)'));
    }, 30_000);
  }));
}

/** Closes the active editor (through its keybinding) and waits until the tab of `fileName` is gone. */
export async function closeActiveEditor(vscode: VsCodeSession, fileName: string): Promise<void> {
  await vscode.execute('workbench.action.closeActiveEditor');
  await eventually(async () => assert.equal(
    await vscode.page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`).count(), 0, `${fileName} is still open`,
  ), 30_000, 100);
}

/** Lines only in `before` and lines only in `after`, by a longest-common-subsequence line diff. */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { i++; j++; }
    else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  return { removed, added };
}

/** Starts a palette command that asks something next (a quick pick), leaving that question open for the test. */
export async function startAskingCommand(vscode: VsCodeSession, title: string): Promise<void> {
  // runCommand returns once the palette has run the command, also when the command opens its own quick pick.
  await vscode.runCommand(title);
}

/** Opens a workspace .nngraph in the graph editor and waits until its canvas shows `expectedNodes` nodes (or more). */
export async function openGraph(vscode: VsCodeSession, file: string, expectedNodes: number, exactly = true): Promise<FrameLocator> {
  await vscode.openFile(file);
  const view = vscode.webview(file);
  await eventually(async () => {
    const count = await view.locator('.react-flow__node').count();
    if (exactly) assert.equal(count, expectedNodes);
    else assert.ok(count >= expectedNodes, `${count} nodes on the canvas`);
  }, 60_000);
  return view;
}

/**
 * Splits the open graph editor to the right and turns the new side into the text editor through that side's own
 * "Open as Text" button; returns the text editor, focused.
 */
export async function openTextBesideGraph(vscode: VsCodeSession, expectedNodes: number) {
  await vscode.execute('workbench.action.splitEditorRight');
  await eventually(async () => assert.equal(await vscode.page.locator('.editor-group-container').count(), 2), 30_000);
  await eventually(async () => assert.equal(await vscode.webview().locator('.react-flow__node').count(), expectedNodes), 60_000);
  await vscode.webview().getByRole('button', { name: 'Open as Text' }).click();
  const textEditor = vscode.page.locator('.editor-group-container.active .monaco-editor');
  await textEditor.waitFor();
  await textEditor.click();
  return textEditor;
}

/**
 * In Restricted Mode: waits for the refusal notification that matches, clicks its "Manage Workspace Trust", trusts the
 * folder in the Workspace Trust editor, and closes that editor again.
 */
export async function grantTrustFromRefusal(vscode: VsCodeSession, refusalText: RegExp): Promise<void> {
  const refusal = vscode.page.locator('.notification-list-item').filter({ hasText: refusalText });
  const manage = refusal.getByRole('button', { name: 'Manage Workspace Trust' });
  await eventually(async () => assert.ok(await manage.isVisible(), `notifications: ${(await vscode.notifications()).join(' | ')}`), 30_000);
  await manage.click();
  const trustEditor = vscode.page.locator('.workspace-trust-editor');
  await eventually(async () => assert.ok(await trustEditor.isVisible(), 'the Workspace Trust editor opened'), 20_000);
  await trustEditor.getByRole('button', { name: /^Trust/ }).first().click();
  await eventually(async () => assert.ok(await trustEditor.getByText('You trust this folder').isVisible(), 'trust granted'), 20_000);
  await vscode.execute('workbench.action.closeActiveEditor');
  await eventually(async () => assert.equal(await trustEditor.isVisible(), false, 'the trust editor is closed'), 20_000);
}

/** A rectangle on the page, in CSS pixels. */
export interface Box { x: number; y: number; width: number; height: number }

/** Where an element is on the page; fails when it is not on screen. */
export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  assert.ok(box, 'not on screen');
  return box;
}

/** Whether two rectangles share any area. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
