// The host side of a run with the real worker: what the history (and so the panel) ends up holding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController, type RunOptions } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { buildWorker, graphText, moonsGraph, startOptionsFor } from './helpers';

async function runToEnd(text: string, extra: Partial<RunOptions['start']> = {}) {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  const controller = new RunController({
    runId: 3, documentUri: 'file:///moons.nngraph', workerPath: await buildWorker(), history, broadcaster,
    config: {
      documentName: 'moons.nngraph', mode: 'train', dataset: 'moons', optimizer: 'Adam', learningRate: 0.05,
      epochs: 5, batchSize: 32, seed: 42, validationSplit: 0.2,
    },
    start: { ...startOptionsFor(text), ...extra },
  });
  const outcome = await controller.outcome;
  broadcaster.dispose();
  return { outcome, run: history.snapshot()[0] };
}

test('a finished run holds every epoch at the step it ended, the boundary, its points and the confusion matrix', async () => {
  const { outcome, run } = await runToEnd(moonsGraph(5), { boundary: { gridSize: 16, intervalMs: 0, maxPoints: 100 } });
  assert.equal(outcome.status, 'completed');
  assert.ok(outcome.weightsFile !== undefined);
  assert.deepEqual(run.epochs.map((point) => point.globalStep), [25, 50, 75, 100, 125]);
  assert.equal(run.status, 'completed');
  assert.equal(run.info?.totalSteps, 125);
  assert.equal(run.progress?.globalStep, 125);
  assert.equal(run.progress?.samplesSeen, 5 * 800);
  assert.equal(run.batches.step.length, 125);
  assert.ok(run.points !== undefined && run.points.x.length > 50);
  assert.ok(run.boundary !== undefined);
  assert.equal(Buffer.from(run.boundary.cellClass, 'base64').length, 16 * 16);
  assert.equal(run.confusion?.split, 'validation');
  assert.match(run.summary ?? '', /^Completed \(125 steps, 5 epochs\)$/);
});

test('a diverging run ends non-finite with the step, node and a suggestion, and keeps the last finite weights', async () => {
  const text = graphText({
    dataset: { builtin: 'moons', samples: 1000, noise: 0.15 }, hidden: [16], outputUnits: 1, mode: 'binary',
    optimizer: { type: 'sgd', learningRate: 1e6 }, epochs: 5,
  });
  const { outcome, run } = await runToEnd(text);
  assert.equal(outcome.status, 'non-finite');
  assert.ok(outcome.weightsFile !== undefined, 'the weights from before the failing step are offered for saving');
  assert.match(outcome.failure?.message ?? '', /The last finite weights \(from before that step\) were kept\./);
  assert.equal(run.status, 'non-finite');
  assert.ok(run.failure !== undefined && run.failure.step !== undefined && run.failure.step >= 1);
  assert.match(run.failure.message, /epoch 1, step \d+ at node '\w+'/);
  assert.match(run.failure.suggestion ?? '', /learning rate/);
});
