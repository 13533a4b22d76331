// Training from the editor in a real VS Code: NN Graph: Train from the palette on the tutorial graph, the live
// panel (curve gains points, loss falls, accuracy shows), Stop in the middle of a run, a spiral's decision boundary,
// and a learning rate that makes the numbers blow up. Everything is read from the training panel by role and
// accessible name, as a screen reader would.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openGraph } from './editorSupport';
import { eventually, resultsRoot, withVsCode, type VsCodeSession } from './harness';

/** Writes a copy of an example graph into the workspace with some training settings changed. */
function writeVariant(vscode: VsCodeSession, source: string, target: string, training: Record<string, unknown>): void {
  const graph = JSON.parse(readFileSync(join(vscode.workspaceDir, source), 'utf8')) as { training: Record<string, unknown> };
  graph.training = { ...graph.training, ...training };
  writeFileSync(join(vscode.workspaceDir, target), `${JSON.stringify(graph, null, 2)}\n`);
}

interface LossCaption { points: number; lastStep: number; epochFirst?: number; epochLast?: number }

async function lossCaption(panel: FrameLocator): Promise<LossCaption> {
  const text = await panel.getByRole('figure', { name: 'Loss chart' }).locator('figcaption').innerText({ timeout: 2_000 });
  const match = /(\d+) batch points? up to step (\d+), \d+ epoch points?(?: \(first ([-\d.e+]+), last ([-\d.e+]+)\))?/.exec(text);
  assert.ok(match, `unexpected loss caption: ${text}`);
  return {
    points: Number(match[1]), lastStep: Number(match[2]),
    epochFirst: match[3] !== undefined ? Number(match[3]) : undefined, epochLast: match[4] !== undefined ? Number(match[4]) : undefined,
  };
}

async function runStatus(panel: FrameLocator): Promise<string> {
  return panel.getByRole('status', { name: 'Run status' }).innerText({ timeout: 2_000 });
}

async function shownRun(panel: FrameLocator): Promise<string> {
  return panel.getByRole('heading', { level: 2 }).innerText({ timeout: 2_000 });
}

test('Train from the palette: the loss falls and accuracy shows; a long run grows live and Stop ends it', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    await vscode.runCommand('NN Graph: Train');
    const panel = vscode.webview('Training');
    await eventually(async () => {
      assert.match(await shownRun(panel), /tutorial\.nngraph/);
      assert.match(await runStatus(panel), /completed/);
    }, 120_000, 250);
    const tutorial = await lossCaption(panel);
    assert.ok(tutorial.epochFirst !== undefined && tutorial.epochLast !== undefined);
    assert.ok(tutorial.epochLast < tutorial.epochFirst, `final epoch loss ${tutorial.epochLast} below the first ${tutorial.epochFirst}`);
    const accuracy = await panel.getByRole('figure', { name: 'Accuracy chart' }).locator('figcaption').innerText();
    assert.match(accuracy, /Accuracy: \d+ batch points/);
    assert.ok(await panel.getByRole('region', { name: 'Confusion matrix' }).isVisible(), 'a classification run ends with its confusion matrix');
    await eventually(async () => assert.ok(
      (await vscode.readFile('tutorial.safetensors').catch(() => '')).length > 0, 'weights saved beside the graph',
    ), 20_000);
    await vscode.setPanelMaximized(true);
    await vscode.screenshot('tutorial-trained');
    await vscode.setPanelMaximized(false);

    // A run long enough to watch: the panel is loaded now, so it sees the run from its first steps.
    writeVariant(vscode, 'tutorial.nngraph', 'tutorial-endless.nngraph', { epochs: 100_000 });
    // The graph drawn first: a key pressed while its webview is still loading can be lost to it.
    await openGraph(vscode, 'tutorial-endless.nngraph', 6);
    await vscode.execute('nngraph.train');
    const early = await eventually(async () => {
      assert.match(await shownRun(panel), /tutorial-endless/);
      assert.match(await runStatus(panel), /running/);
      const caption = await lossCaption(panel);
      assert.ok(caption.points > 0);
      return caption;
    }, 60_000, 100);
    await eventually(async () => {
      const later = await lossCaption(panel);
      // Steps, not the point count: a long run's curve is thinned (every other point dropped) now and then.
      assert.ok(later.lastStep > early.lastStep, `the curve grows while training (to step ${early.lastStep} → ${later.lastStep})`);
      assert.match(await runStatus(panel), /running/);
    }, 30_000, 100);

    // Stop (through its keybinding); measured from the key press to the panel saying so.
    const stopAt = Date.now();
    await vscode.execute('nngraph.stopTraining');
    await eventually(async () => assert.match(await runStatus(panel), /stopped/), 30_000, 50);
    const stoppedMs = Date.now() - stopAt;
    const status = await runStatus(panel);
    t.diagnostic(`Stop → panel shows "stopped" after ${stoppedMs} ms (includes the UI round trip); status: ${status}`);
    assert.match(status, /Stopped \(\d+ steps?/);
    // Generous bound (the UI round trip is in it); the run's own figure is in the status line.
    assert.ok(stoppedMs < 15_000);

    // Closing the file stops its run.
    await vscode.execute('nngraph.train');
    await eventually(async () => {
      assert.match(await shownRun(panel), /Run 3: tutorial-endless/);
      assert.match(await runStatus(panel), /running/);
    }, 60_000, 100);
    await vscode.execute('workbench.action.closeAllEditors');
    await eventually(async () => assert.match(await runStatus(panel), /stopped/), 30_000, 100);
  });
});

test('a spiral run draws its decision boundary; a learning rate of 1e6 stops with the step where it diverged', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('spiral.nngraph');
    await vscode.runCommand('NN Graph: Train');
    const panel = vscode.webview('Training');
    const boundary = panel.getByRole('img', { name: /Decision boundary after step/ });
    await eventually(async () => assert.ok(await boundary.isVisible()), 60_000, 250);
    await eventually(async () => assert.match(await runStatus(panel), /completed/), 240_000, 500);
    const name = await boundary.getAttribute('aria-label');
    assert.match(name ?? '', /after step [1-9]\d*/);
    const folder = join(resultsRoot, 'training');
    mkdirSync(folder, { recursive: true });
    await vscode.setPanelMaximized(true);
    await boundary.scrollIntoViewIfNeeded();
    await boundary.screenshot({ path: join(folder, 'spiral-boundary.png') });
    await vscode.screenshot('spiral-trained');
    await vscode.setPanelMaximized(false);

    writeVariant(vscode, 'tutorial.nngraph', 'diverge.nngraph', { optimizer: { type: 'sgd', learningRate: 1e6 } });
    // The graph drawn first: a key pressed while its webview is still loading can be lost to it.
    await openGraph(vscode, 'diverge.nngraph', 6);
    await vscode.execute('nngraph.train');
    const alert = panel.getByRole('alert');
    await eventually(async () => {
      const text = await alert.innerText({ timeout: 2_000 });
      assert.match(text, /epoch \d+, step \d+/);
      assert.match(text, /lower learning rate/);
    }, 60_000, 250);
    assert.match(await runStatus(panel), /not a number/);
    await eventually(async () => {
      const messages = await vscode.notifications();
      assert.ok(messages.some((message) => /diverge\.nngraph.*step \d+/.test(message)), `notifications: ${messages.join(' | ')}`);
    }, 20_000);

    // Reset Weights deletes the spiral's saved weights without a modal question: this window trained them from the
    // seed, so a new run recreates them (training-pace.e2e.ts asks about weights from elsewhere).
    assert.ok((await vscode.readFile('spiral.safetensors')).length > 0);
    // Its tab is still open: activate it (Quick Open would leave the active tab as it is when the file is open).
    await vscode.page.locator('.tabs-container .tab[aria-label^="spiral.nngraph"]').first().click();
    await eventually(async () => assert.equal(
      await vscode.page.locator('.editor-group-container.active .tab.active').getAttribute('aria-label'), 'spiral.nngraph',
    ), 20_000);
    await vscode.execute('nngraph.resetWeights');
    await eventually(async () => {
      const gone = await vscode.readFile('spiral.safetensors').then(() => false, () => true);
      assert.ok(gone, 'spiral.safetensors deleted');
    }, 20_000);
  });
});

test('a graph with errors is not trained (count and first error named); an untrusted workspace does not train', async (t) => {
  await withVsCode(t, { trust: true }, async (vscode) => {
    const graph = JSON.parse(readFileSync(join(vscode.workspaceDir, 'tutorial.nngraph'), 'utf8')) as {
      nodes: { id: string; params: Record<string, unknown> }[];
    };
    const hidden = graph.nodes.find((node) => node.id === 'hidden');
    assert.ok(hidden !== undefined);
    hidden.params.units = 0;
    writeFileSync(join(vscode.workspaceDir, 'broken.nngraph'), `${JSON.stringify(graph, null, 2)}\n`);
    await vscode.openFile('broken.nngraph');
    // The workspace starts in restricted mode: training refuses and offers to manage trust.
    await vscode.runCommand('NN Graph: Train');
    await eventually(async () => {
      const messages = await vscode.notifications();
      assert.ok(messages.some((message) => /trusted workspace/.test(message)), `notifications: ${messages.join(' | ')}`);
    }, 30_000);
    assert.equal(await vscode.readFile('broken.safetensors').then(() => true, () => false), false);
  });
  await withVsCode(t, {}, async (vscode) => {
    const graph = JSON.parse(readFileSync(join(vscode.workspaceDir, 'tutorial.nngraph'), 'utf8')) as {
      nodes: { id: string; params: Record<string, unknown> }[];
    };
    const hidden = graph.nodes.find((node) => node.id === 'hidden');
    assert.ok(hidden !== undefined);
    hidden.params.units = 0;
    writeFileSync(join(vscode.workspaceDir, 'broken.nngraph'), `${JSON.stringify(graph, null, 2)}\n`);
    await vscode.openFile('broken.nngraph');
    await vscode.runCommand('NN Graph: Train');
    await eventually(async () => {
      const messages = await vscode.notifications();
      assert.ok(
        messages.some((message) => /broken\.nngraph was not trained: it has \d+ errors?; the first \(node 'hidden', params\.units/.test(message)),
        `notifications: ${messages.join(' | ')}`,
      );
    }, 30_000);
    // The Problems panel is shown, with the error in it.
    await eventually(async () => assert.ok(await vscode.page.locator('.markers-panel').first().isVisible()), 20_000);
  });
});
