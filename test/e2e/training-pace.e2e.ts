// Watching a run learn in a real VS Code, on the spiral example at the default pace: the run takes seconds, and two
// looks at the decision boundary about a second apart (ten epochs at Normal) differ. Then, on a 400-epoch copy (so a
// busy machine has time to act): Pause holds the step counter and a Step while paused trains exactly one batch; a
// learning rate of 1e-30 set from the panel freezes the boundary while the epochs go on in the same run, and 0.01
// sets it moving again; the pace chosen on the panel is the editor toolbar's too; Reset deletes weights trained here
// without a question and asks about weights from elsewhere.
// Every wait is on a state the panel or the disk shows (epoch counters, status text, pixels, files), never a sleep.
// Screenshots at 1400×900 in the light and dark themes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openGraph } from './editorSupport';
import { eventually, withVsCode, type VsCodeSession } from './harness';

async function runStatus(panel: FrameLocator): Promise<string> {
  return panel.getByRole('status', { name: 'Run status' }).innerText({ timeout: 2_000 });
}

/** A progress fact's value ("Epoch" → "12 / 40"). */
async function fact(panel: FrameLocator, name: string): Promise<string> {
  const region = panel.getByRole('region', { name: 'Progress' });
  const names = (await region.getByRole('term').allInnerTexts()).map((text) => text.trim());
  const values = await region.getByRole('definition').allInnerTexts();
  const index = names.indexOf(name);
  assert.ok(index >= 0, `no ${name} in ${names.join(', ')}`);
  return values[index].trim();
}

async function epochNow(panel: FrameLocator): Promise<number> {
  return Number((await fact(panel, 'Epoch')).split('/')[0]);
}

/** The boundary canvas's pixels (as a data URL) and the step it was drawn after. */
async function boundaryNow(panel: FrameLocator): Promise<{ pixels: string; step: number }> {
  const canvas = panel.getByRole('img', { name: /Decision boundary after step/ });
  const label = await canvas.getAttribute('aria-label', { timeout: 2_000 }) ?? '';
  const pixels = await canvas.evaluate((element) => (element as unknown as { toDataURL(): string }).toDataURL(), undefined, { timeout: 2_000 });
  return { pixels, step: Number(/after step (\d+)/.exec(label)?.[1] ?? Number.NaN) };
}

/** Waits until the epoch counter reaches `epoch` while the run trains; returns the boundary then. */
async function boundaryAtEpoch(panel: FrameLocator, epoch: number): Promise<{ pixels: string; step: number; epoch: number }> {
  return eventually(async () => {
    const now = await epochNow(panel);
    assert.ok(now >= epoch, `epoch ${now}, waiting for ${epoch}`);
    assert.match(await runStatus(panel), /^running/);
    return { ...(await boundaryNow(panel)), epoch: now };
  }, 60_000, 50);
}

async function showPanel(vscode: VsCodeSession): Promise<FrameLocator> {
  const panel = vscode.webview('Training');
  await eventually(async () => {
    await vscode.execute('nngraph.trainingView.focus');
    await eventually(async () => assert.match(await panel.locator('body').innerText({ timeout: 2_000 }), /No training runs yet/), 15_000, 250);
  }, 60_000, 0);
  return panel;
}

/** spiral-long.nngraph: the spiral example at 400 epochs (40 s at Normal), long enough to act on while it trains. */
function writeLongSpiral(vscode: VsCodeSession): void {
  const graph = JSON.parse(readFileSync(join(vscode.workspaceDir, 'spiral.nngraph'), 'utf8')) as { training: Record<string, unknown> };
  graph.training.epochs = 400;
  writeFileSync(join(vscode.workspaceDir, 'spiral-long.nngraph'), `${JSON.stringify(graph, null, 2)}\n`);
}

async function setLearningRate(panel: FrameLocator, value: string): Promise<void> {
  const field = panel.getByRole('spinbutton', { name: 'Learning rate' });
  await field.fill(value);
  await field.press('Enter');
}

test('the spiral at the default pace takes seconds and its boundary moves; Pause/Step/Play, a live learning rate, a shared pace, Reset', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Light Modern' } }, async (vscode) => {
    const editor = await openGraph(vscode, 'spiral.nngraph', 8);
    const panel = await showPanel(vscode);
    const speed = editor.getByRole('combobox', { name: 'Training speed' });
    assert.equal(await speed.inputValue(), 'auto', 'a graph nobody chose a pace for trains at Auto');
    const firstButton = await editor.getByRole('button', { name: 'Train', exact: true }).boundingBox();
    const lastButton = await editor.getByRole('button', { name: 'Open as Text', exact: true }).boundingBox();
    t.diagnostic(`toolbar: Train at y ${firstButton?.y}, Open as Text at y ${lastButton?.y} (one line when equal)`);
    await editor.getByRole('button', { name: 'Train', exact: true }).click();

    // Two looks at the boundary ten epochs (a second at Normal) apart show different predictions.
    const first = await boundaryAtEpoch(panel, 2);
    const second = await boundaryAtEpoch(panel, first.epoch + 10);
    t.diagnostic(`boundary after step ${first.step} (epoch ${first.epoch}) and step ${second.step} (epoch ${second.epoch})`);
    assert.ok(second.step > first.step, 'the boundary was redrawn during the run');
    assert.notEqual(second.pixels, first.pixels, 'the boundary moved');
    await eventually(async () => assert.match(await runStatus(panel), /^completed/), 120_000, 100);
    const elapsed = await fact(panel, 'Elapsed');
    t.diagnostic(`the spiral's 40 epochs at the default pace: ${elapsed} of training`);
    const clock = /^(\d+):(\d\d)$/.exec(elapsed);
    assert.ok(clock !== null && Number(clock[1]) * 60 + Number(clock[2]) >= 3, `several seconds of training, not a blink: ${elapsed}`);

    // A longer spiral (400 epochs, 40 s at Normal) to pause, step, and change while it trains on a busy machine.
    writeLongSpiral(vscode);
    const long = await openGraph(vscode, 'spiral-long.nngraph', 8);
    await long.getByRole('button', { name: 'Train', exact: true }).click();
    await eventually(async () => assert.match(await panel.getByRole('heading', { level: 2 }).innerText({ timeout: 2_000 }), /^Run 2: spiral-long\.nngraph$/), 60_000, 100);
    await boundaryAtEpoch(panel, 2);
    await vscode.screenshot('pace-running');

    // Pause: the run stays open and says where it stopped; the editor's play/pause button now resumes.
    await panel.getByRole('button', { name: 'Pause', exact: true }).click();
    const pausedAt = await eventually(async () => {
      const match = /^Paused after step (\d+) /.exec(await runStatus(panel));
      assert.ok(match, await runStatus(panel));
      return Number(match[1]);
    }, 30_000, 50);
    await eventually(async () => assert.ok(await long.getByRole('button', { name: 'Resume', exact: true }).isVisible()), 20_000, 100);
    await vscode.setPanelMaximized(true);
    await vscode.screenshot('pace-paused-light');
    await vscode.setPanelMaximized(false);

    // A learning rate of 1e-30 while paused, then one Step: the very next batch (nothing trained while paused), in
    // the same run, at the new rate, which the run's configuration shows.
    await setLearningRate(panel, '1e-30');
    const config = panel.getByRole('region', { name: 'Run configuration' });
    await eventually(async () => {
      const text = await config.innerText({ timeout: 2_000 });
      assert.match(text, /Adam \(learning rate 1e-30\)/);
      assert.match(text, new RegExp(`Learning rate\\s+1e-30 from step ${pausedAt + 1}`));
    }, 20_000, 100);
    await panel.getByRole('button', { name: 'Step', exact: true }).click();
    await eventually(async () => assert.match(await runStatus(panel), new RegExp(`^Paused after step ${pausedAt + 1} `)), 30_000, 50);
    assert.match(await panel.getByRole('heading', { level: 2 }).innerText(), /^Run 2: spiral-long\.nngraph$/);

    // Play: the epochs go on, and at 1e-30 the weights, so the boundary, no longer change.
    const frozen = await boundaryNow(panel);
    const resumedEpoch = await epochNow(panel);
    await panel.getByRole('button', { name: 'Play', exact: true }).click();
    const stillFrozen = await boundaryAtEpoch(panel, resumedEpoch + 3);
    assert.ok(stillFrozen.step > frozen.step, `redrawn after step ${stillFrozen.step}`);
    assert.equal(stillFrozen.pixels, frozen.pixels, 'at a learning rate of 1e-30 the boundary stands still');
    // Back to 0.01 without a restart: it moves again.
    // The new rate reaches the worker a message later, so wait for the step the run says it took effect from (a
    // busy machine can train a few more epochs at 1e-30 first), then for a boundary drawn an epoch after it.
    await setLearningRate(panel, '0.01');
    const fastAgainFrom = await eventually(async () => {
      const match = /0\.01 from step ([\d,]+)/.exec(await config.innerText({ timeout: 2_000 }));
      assert.ok(match, 'the run says from which step it trains at 0.01');
      return Number(match[1].replaceAll(',', ''));
    }, 30_000, 50);
    const moving = await eventually(async () => {
      const now = await boundaryNow(panel);
      assert.ok(now.step > fastAgainFrom + 29, `boundary after step ${now.step}, waiting for one after ${fastAgainFrom + 29}`);
      return now;
    }, 60_000, 50);
    assert.notEqual(moving.pixels, stillFrozen.pixels, 'at 0.01 the boundary moves again');
    assert.match(await panel.getByRole('heading', { level: 2 }).innerText(), /^Run 2: spiral-long\.nngraph$/);

    // The pace is the document's in this window: chosen on the panel, the toolbar shows it, and the run takes it.
    await panel.getByRole('combobox', { name: 'Speed' }).selectOption('fastest');
    await eventually(async () => assert.equal(await long.getByRole('combobox', { name: 'Training speed' }).inputValue(), 'fastest'), 20_000, 100);
    await eventually(async () => assert.match(await runStatus(panel), /^completed/), 120_000, 100);

    // Reset: weights this window trained from the seed go without a question.
    await eventually(async () => assert.ok((await vscode.readFile('spiral-long.safetensors')).length > 0), 20_000);
    const trained = new Uint8Array(readFileSync(join(vscode.workspaceDir, 'spiral-long.safetensors')));
    await panel.getByRole('button', { name: 'Reset', exact: true }).click();
    await eventually(async () => assert.ok(await vscode.readFile('spiral-long.safetensors').then(() => false, () => true), 'deleted'), 20_000, 100);
    // Weights from elsewhere (one byte differs from anything trained here) are deleted only after a confirmation.
    trained[trained.length - 1] ^= 1;
    writeFileSync(join(vscode.workspaceDir, 'spiral-long.safetensors'), trained);
    await panel.getByRole('button', { name: 'Reset', exact: true }).click();
    await vscode.page.getByRole('button', { name: 'Delete Weights' }).click({ timeout: 30_000 });
    await eventually(async () => assert.ok(await vscode.readFile('spiral-long.safetensors').then(() => false, () => true), 'deleted'), 20_000, 100);
  });
});

test('the run bar and the toolbar while paused, in the dark theme', async (t) => {
  await withVsCode(t, { settings: { 'workbench.colorTheme': 'Default Dark Modern' } }, async (vscode) => {
    // 400 epochs, so a Pause that reaches a busy machine late still finds the run going.
    writeLongSpiral(vscode);
    const editor = await openGraph(vscode, 'spiral-long.nngraph', 8);
    const panel = await showPanel(vscode);
    await editor.getByRole('button', { name: 'Train', exact: true }).click();
    await boundaryAtEpoch(panel, 3);
    await editor.getByRole('button', { name: 'Pause', exact: true }).click();
    await eventually(async () => assert.match(await runStatus(panel), /^Paused after step \d+ /), 30_000, 50);
    await eventually(async () => assert.ok(await editor.getByRole('button', { name: 'Resume', exact: true }).isVisible()), 20_000, 100);
    await vscode.setPanelMaximized(true);
    await vscode.screenshot('pace-paused-dark');
    await vscode.setPanelMaximized(false);
    await vscode.screenshot('pace-paused-dark-editor');
    await editor.getByRole('button', { name: 'Stop', exact: true }).click();
    await eventually(async () => assert.match(await runStatus(panel), /^stopped/), 30_000, 100);
    await eventually(async () => assert.ok(await editor.getByRole('button', { name: 'Train', exact: true }).isVisible()), 20_000, 100);
  });
});
