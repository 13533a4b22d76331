// Runs a person can tell apart, with the real worker: runs with different settings start from the same initial
// weights (same seed, or a restart from a run's own), an early-stopping run ends "stopped early" with the best epoch's
// weights in the file it hands over for saving, and the panel offers and draws only the same file's runs to compare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRun, loadBuiltinDataset, type TrainingConfig } from '../../../src/core/index';
import { createDataFileReader } from '../../../src/core/node';
import { compileText } from '../../../src/graph/index';
import { describeStop } from '../../../src/extension/training/describeRun';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController, type RunOptions } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import type { RunHeader } from '../../../src/protocol/messages';
import { comparableRunIds, statusLine, statusWord } from '../../../webview/training/runState';
import { buildWorker, graphText, startOptionsFor } from './helpers';

interface GraphChoice { learningRate?: number; batchSize?: number; optimizer?: string; seed?: number; earlyStopping?: Record<string, unknown>; epochs?: number }

function moons(choice: GraphChoice = {}): string {
  const text = graphText({
    dataset: { builtin: 'moons', samples: 400, noise: 0.3 }, hidden: [16], outputUnits: 1, mode: 'binary',
    optimizer: { type: choice.optimizer ?? 'adam', learningRate: choice.learningRate ?? 0.05 }, epochs: choice.epochs ?? 2,
    batchSize: choice.batchSize ?? 32, validationSplit: 0.3,
  });
  const graph = JSON.parse(text) as { training: Record<string, unknown> };
  if (choice.seed !== undefined) graph.training.seed = choice.seed;
  if (choice.earlyStopping !== undefined) graph.training.earlyStopping = choice.earlyStopping;
  return JSON.stringify(graph);
}

async function runToEnd(runId: number, text: string, extra: Partial<RunOptions['start']> = {}) {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  let initialWeightsFile: Uint8Array | undefined;
  const start = { ...startOptionsFor(text), ...extra };
  const controller = new RunController({
    runId, documentUri: 'file:///moons.nngraph', workerPath: await buildWorker(), history, broadcaster,
    config: {
      documentName: 'moons.nngraph', mode: 'train', dataset: 'moons', optimizer: 'x', learningRate: 0.05,
      epochs: start.training.epochs, batchSize: start.training.batchSize, seed: start.training.seed, validationSplit: 0.3,
    },
    start,
    events: { onReady: (_info, file) => { initialWeightsFile = file; } },
  });
  const outcome = await controller.outcome;
  broadcaster.dispose();
  const run = history.snapshot()[0];
  assert.equal(outcome.status, 'completed', outcome.summary);
  return { outcome, run, initialWeightsFile, training: start.training };
}

test('runs with different settings and the same seed start from identical weights; a restart takes a run\'s own', async () => {
  const first = await runToEnd(1, moons());
  const second = await runToEnd(2, moons({ learningRate: 0.3, batchSize: 8, optimizer: 'sgd', epochs: 1 }));
  const otherSeed = await runToEnd(3, moons({ seed: 7 }));
  const fingerprint = first.run.info?.initialWeights;
  assert.match(fingerprint ?? '', /^[0-9a-f]{8}$/);
  assert.ok(first.initialWeightsFile !== undefined && second.initialWeightsFile !== undefined);
  assert.deepEqual(Buffer.from(second.initialWeightsFile), Buffer.from(first.initialWeightsFile), 'the same bytes, not only the same fingerprint');
  assert.equal(second.run.info?.initialWeights, fingerprint);
  assert.notEqual(otherSeed.run.info?.initialWeights, fingerprint, 'another seed starts elsewhere');
  // They trained differently from there: the weights they end with differ.
  assert.notDeepEqual(Buffer.from(second.outcome.weightsFile ?? []), Buffer.from(first.outcome.weightsFile ?? []));

  // "Restart from the same initial weights" of run 1 under seed 7: run 1's weights, not seed 7's.
  const restart = await runToEnd(4, moons({ seed: 7, learningRate: 0.01 }), { savedWeights: first.initialWeightsFile });
  assert.equal(restart.run.info?.initialWeights, fingerprint);
  assert.equal(restart.run.info?.weights, 'continued from the saved weights');
});

test('an early-stopping run is "stopped early", and the weights it hands over are the best epoch\'s', async (t) => {
  const text = moons({ learningRate: 0.3, epochs: 200, earlyStopping: { patience: 3, restoreBestWeights: true } });
  const { outcome, run, training } = await runToEnd(5, text);
  const early = run.earlyStopping;
  assert.ok(early?.stoppedEpoch !== undefined, `the run stopped early: ${run.summary}`);
  assert.ok(early.stoppedEpoch < 200 && early.weightsEpoch < early.stoppedEpoch && early.restoredBestWeights);
  assert.equal(run.epochs.length, early.stoppedEpoch);
  const bestPoint = run.epochs[early.weightsEpoch - 1];
  assert.equal(bestPoint.valLoss, early.bestValLoss);
  assert.equal(statusWord(run), 'stopped early');
  assert.equal(statusLine(run), run.summary);
  assert.match(run.summary ?? '', new RegExp(`^Stopped early at epoch ${early.stoppedEpoch} of 200 \\(\\d+ steps\\) · kept epoch ${early.weightsEpoch}'s weights \\(validation loss ${early.bestValLoss?.toPrecision(4)}\\)$`));

  // The file for saving, measured on the validation rows by the core: the best epoch's loss, not the last one's.
  const compiled = compileText(text);
  assert.ok(compiled.ok && compiled.dataset.kind === 'builtin');
  const dataset = loadBuiltinDataset(compiled.dataset.name, compiled.dataset.options, training.seed, createDataFileReader());
  const check = createRun({
    dataset, spec: compiled.spec, training: training as TrainingConfig, normalize: compiled.normalize,
    initialWeights: { bytes: outcome.weightsFile ?? new Uint8Array(), source: 'the run\'s weights' },
  });
  try {
    assert.equal(check.weights.kind, 'restored');
    const savedLoss = check.program.evaluate(check.data.validationFeatures, check.data.validationLabels, check.validationCount).loss;
    const lastLoss = run.epochs[run.epochs.length - 1].valLoss ?? Number.NaN;
    const bestLoss = early.bestValLoss ?? Number.NaN;
    t.diagnostic(`stopped at epoch ${early.stoppedEpoch}, kept epoch ${early.weightsEpoch}: validation loss of the saved weights ${savedLoss}, best epoch ${bestLoss}, last epoch ${lastLoss}`);
    assert.ok(Math.abs(savedLoss - bestLoss) < 1e-5 * Math.max(1, bestLoss), `saved ${savedLoss} vs best ${bestLoss}`);
    assert.ok(Math.abs(lastLoss - bestLoss) > 1e-4, `the last epoch (${lastLoss}) is not the best (${bestLoss})`);
  } finally {
    check.dispose();
  }
});

test('the summary of an early stop: the epoch it stopped at and the weights it kept', () => {
  const stop = (restoredBestWeights: boolean, stoppedEpoch?: number) => ({
    kind: 'completed' as const,
    earlyStopping: { ...(stoppedEpoch !== undefined ? { stoppedEpoch } : {}), bestEpoch: 9, bestValLoss: 0.312149, weightsEpoch: restoredBestWeights ? 9 : (stoppedEpoch ?? 100), restoredBestWeights },
  });
  assert.equal(describeStop(stop(true, 14), 14, 140, false, 100).summary, "Stopped early at epoch 14 of 100 (140 steps) · kept epoch 9's weights (validation loss 0.3121)");
  assert.equal(describeStop(stop(false, 14), 14, 140, false, 100).summary, "Stopped early at epoch 14 of 100 (140 steps) · kept the last epoch's weights (epoch 14; the best was epoch 9)");
  assert.equal(describeStop(stop(true), 100, 1000, false, 100).summary, "Completed (1000 steps, 100 epochs) · kept epoch 9's weights (validation loss 0.3121)");
  assert.equal(describeStop(stop(true, 14), 14, 140, false, 100).status, 'completed');
});

test('Compare draws only the shown file\'s runs, never another graph\'s', () => {
  const header = (runId: number, documentUri: string): RunHeader => ({
    runId, documentUri, startedAt: 0, status: 'completed',
    config: { documentName: documentUri, mode: 'train', dataset: 'd', optimizer: 'o', learningRate: 0.1, epochs: 1, batchSize: 1, seed: 1, validationSplit: 0 },
  });
  const headers = new Map([header(1, 'file:///moons.nngraph'), header(2, 'file:///digits.nngraph'), header(3, 'file:///moons.nngraph'), header(4, 'file:///digits.nngraph')]
    .map((h) => [h.runId, h] as const));
  const digits = headers.get(4) as RunHeader;
  assert.deepEqual(comparableRunIds(digits, [1, 2, 3, 4], headers), [2]);
  assert.deepEqual(comparableRunIds(headers.get(3) as RunHeader, [1, 2, 4, 99], headers), [1]);
});
