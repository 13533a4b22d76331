// NN Graph: Step as a stepping session with the real worker: each Step continues the same run (optimizer state,
// data order, counters, one curve), and the session ends cleanly on an edit or Stop without leaking its worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { WorkerHost } from '../../../src/extension/training/workerHost';
import type { WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker, moonsGraph, startOptionsFor } from './helpers';

async function steppingController(text: string, savedWeights?: Uint8Array) {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  const controller = new RunController({
    runId: 5, documentUri: 'file:///moons.nngraph', workerPath: await buildWorker(), history, broadcaster,
    config: {
      documentName: 'moons.nngraph', mode: 'step', dataset: 'moons', optimizer: 'Adam', learningRate: 0.05,
      epochs: 2, batchSize: 32, seed: 42, validationSplit: 0.2,
    },
    start: { ...startOptionsFor(text, { savedWeights }), stepping: true },
  });
  return { controller, history, broadcaster };
}

/** The weights file of a plain run of `maxSteps` steps from the same start. */
async function weightsAfterRun(text: string, maxSteps: number, savedWeights?: Uint8Array): Promise<Uint8Array> {
  const messages: WorkerToHostMessage[] = [];
  const run = new WorkerHost(await buildWorker(), { ...startOptionsFor(text, { maxSteps, savedWeights }), runId: 1 }, {
    onMessage: (message) => messages.push(message), onExit: () => undefined,
  });
  await run.done;
  const finished = messages.find((m) => m.type === 'finished');
  assert.ok(finished?.type === 'finished' && finished.weightsFile !== undefined, 'the plain run returns its weights');
  return finished.weightsFile;
}

test('two Steps are one run: globalStep 1 then 2, one curve, and the weights of a 2-step train run', async () => {
  const text = moonsGraph(2);
  const start = await weightsAfterRun(text, 3);
  const { controller, history, broadcaster } = await steppingController(text, start);
  const first = await controller.step();
  assert.equal(first.status, 'completed');
  assert.ok(first.weightsFile !== undefined);
  assert.equal(history.snapshot()[0].progress?.globalStep, 1);
  assert.equal(history.snapshot()[0].info?.weights, 'continued from the saved weights');
  assert.equal(controller.ended, false, 'the session stays alive between Steps');
  const second = await controller.step();
  const run = history.snapshot()[0];
  assert.equal(run.progress?.globalStep, 2);
  assert.equal(run.progress?.step, 2, 'the second Step trains the next batch of the same epoch');
  assert.deepEqual(run.batches.step, [1, 2], 'the curve grows by one point per Step in one run');
  assert.equal(run.status, 'paused');
  assert.match(run.summary ?? '', /Paused after step 2 \(epoch 1, batch 2 of 25\)/);
  assert.match(second.summary, /^Step 2: epoch 1, batch 2 of 25/);
  assert.deepEqual(second.weightsFile, await weightsAfterRun(text, 2, start),
    'same optimizer state and data order as one run of two steps');
  assert.notDeepEqual(second.weightsFile, await weightsAfterRun(text, 1, first.weightsFile),
    'and not what a fresh optimizer from the first Step\'s weights gives');

  controller.endSession('the graph was edited');
  const outcome = await controller.outcome;
  assert.equal(outcome.status, 'cancelled');
  assert.equal(outcome.weightsFile, undefined, 'the weights were already saved by each Step');
  assert.equal(controller.ended, true);
  assert.match(history.snapshot()[0].summary ?? '', /^Stepping ended after 2 steps: the graph was edited$/);
  assert.deepEqual(await controller.step(), outcome, 'a Step on an ended session gets its outcome, not a hang');
  broadcaster.dispose();
});

test('Stop ends an idle stepping session, and a Stop asked before the first Step wins over it', async () => {
  const { controller, broadcaster } = await steppingController(moonsGraph(2));
  await controller.step();
  controller.stop();
  const outcome = await controller.outcome;
  assert.equal(outcome.status, 'cancelled');
  assert.equal(outcome.stepsRun, 1);

  const early = await steppingController(moonsGraph(2));
  const step = early.controller.step();
  early.controller.stop();
  const stepOutcome = await step;
  assert.equal(stepOutcome.status, 'cancelled');
  assert.equal(stepOutcome.stepsRun, 0);
  assert.equal(stepOutcome.weightsFile, undefined, 'nothing trained, nothing to save');
  broadcaster.dispose();
  early.broadcaster.dispose();
});

test('the session ends by itself, completed, after the last batch of the last epoch', async () => {
  const { controller, history, broadcaster } = await steppingController(moonsGraph(1));
  let last = await controller.step();
  for (let step = 2; step <= 25; step++) last = await controller.step();
  assert.match(last.summary, /^Step 25: epoch 1, batch 25 of 25/);
  assert.equal(last.epochs, 1);
  const outcome = await controller.outcome;
  assert.equal(outcome.status, 'completed');
  const run = history.snapshot()[0];
  assert.deepEqual(run.epochs.map((point) => point.globalStep), [25]);
  assert.equal(run.batches.step.length, 25);
  assert.equal(run.confusion?.split, 'validation');
  broadcaster.dispose();
});

test('an idle stepping session never keeps its process alive', async () => {
  await buildWorker();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'idleSession.ts')], {
    cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8', timeout: 60_000,
  });
  assert.equal(result.signal, null, `the process had to be killed: ${result.stderr}`);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /stepped to 1/);
});
