// Stepping in a real VS Code: NN Graph: Step twice on the tutorial graph continues ONE run (its worker, trainer and
// optimizer wait between Steps), which the training panel shows as paused after step 2 of epoch 1 of the file's 10
// epochs; Stop Training then ends it. Everything is read from the panel by role and accessible name.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openGraph } from './editorSupport';
import { eventually, withVsCode } from './harness';

async function runStatus(panel: FrameLocator): Promise<string> {
  return panel.getByRole('status', { name: 'Run status' }).innerText({ timeout: 2_000 });
}

/** The progress facts as name → value ("Epoch" → "1 / 10"). */
async function progressFacts(panel: FrameLocator): Promise<Map<string, string>> {
  const region = panel.getByRole('region', { name: 'Progress' });
  const names = await region.getByRole('term').allInnerTexts();
  const values = await region.getByRole('definition').allInnerTexts();
  assert.equal(names.length, values.length, `progress facts: ${names.join(', ')} / ${values.join(', ')}`);
  return new Map(names.map((name, i) => [name.trim(), values[i].trim()]));
}

async function runRows(panel: FrameLocator): Promise<string[]> {
  return panel.getByRole('region', { name: 'Runs' }).getByRole('listitem').allInnerTexts();
}

test('Step twice continues one run: the panel shows it paused after step 2 of epoch 1 of 10; Stop Training ends it', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const graph = JSON.parse(readFileSync(join(vscode.workspaceDir, 'tutorial.nngraph'), 'utf8')) as { training: { epochs: number } };
    const epochs = graph.training.epochs;
    assert.equal(epochs, 10, 'the tutorial graph trains for 10 epochs');
    // The graph drawn first: a key pressed while its webview is still loading can be lost to it.
    await openGraph(vscode, 'tutorial.nngraph', 6);
    // Step leaves the panel as it is (Train shows it): open it first, so it sees the run from its first Step.
    // Showing a view is set-up, and asking twice is harmless: ask again until the panel is there (a key can be lost
    // to the editor's webview while it is still taking the focus on a busy machine).
    const panel = vscode.webview('Training');
    await eventually(async () => {
      await vscode.execute('nngraph.trainingView.focus');
      await eventually(async () => assert.match(await panel.locator('body').innerText({ timeout: 2_000 }), /No training runs yet/), 15_000, 250);
    }, 60_000, 0);

    await vscode.execute('nngraph.step');
    await eventually(async () => assert.match(await runStatus(panel), /^Paused after step 1 \(epoch 1, batch 1 of \d+\)/), 60_000, 100);
    await vscode.execute('nngraph.step');
    await eventually(async () => assert.match(await runStatus(panel), /^Paused after step 2 \(epoch 1, batch 2 of \d+\)/), 60_000, 100);

    // One run, stepped twice: not one run per Step.
    await eventually(async () => {
      const rows = await runRows(panel);
      assert.equal(rows.length, 1, `runs: ${rows.join(' | ')}`);
      assert.match(rows[0], /^Run 1: tutorial\.nngraph, .*, step by step, paused, loss \d/);
    }, 10_000, 100);
    assert.match(await panel.getByRole('heading', { level: 2 }).innerText(), /^Run 1: tutorial\.nngraph$/);
    const facts = await eventually(async () => {
      const shown = await progressFacts(panel);
      assert.match(shown.get('Step') ?? '', /^2 \/ \d+$/);
      return shown;
    }, 10_000, 100);
    const stepsPerEpoch = Number(/^2 \/ (\d+)$/.exec(facts.get('Step') ?? '')?.[1]);
    assert.ok(stepsPerEpoch > 2, `steps per epoch: ${stepsPerEpoch}`);
    assert.equal(facts.get('Epoch'), `1 / ${epochs}`);
    assert.equal(facts.get('Steps taken'), `2 / ${(stepsPerEpoch * epochs).toLocaleString('en-US')}`);
    assert.equal(facts.get('Remaining'), `${(stepsPerEpoch * epochs - 2).toLocaleString('en-US')} steps`);
    const progressBar = panel.getByRole('progressbar', { name: 'Training progress' });
    assert.equal(await progressBar.getAttribute('value'), '2');
    assert.equal(await progressBar.getAttribute('max'), String(stepsPerEpoch * epochs));
    const config = await panel.getByRole('region', { name: 'Run configuration' }).innerText();
    assert.match(config, /Mode\s+step by step/);
    assert.match(config, new RegExp(`Epochs\\s+${epochs}\\b`));
    assert.ok((await vscode.readFile('tutorial.safetensors').catch(() => '')).length > 0, 'each Step saves the weights');
    await vscode.screenshot('tutorial-stepped');

    await vscode.execute('nngraph.stopTraining');
    await eventually(async () => assert.match(await runStatus(panel), /^stopped · Stepping ended after 2 steps/), 30_000, 100);
    const rows = await runRows(panel);
    assert.equal(rows.length, 1, `runs: ${rows.join(' | ')}`);
    assert.match(rows[0], /step by step, stopped,/);
    assert.equal(await panel.getByRole('button', { name: 'Stop', exact: true }).count(), 0, 'an ended session has no Stop button');
    assert.equal((await progressFacts(panel)).get('Remaining'), '–');
  });
});
