// The editor's PyTorch runs, host side, with a real Python: RunController drives a PytorchHost as it drives the
// worker, so the history (and so the panel) holds the same kind of run: batches, epochs at the step they ended,
// progress, info, and the trained weights; Stop ends every process after a batch with the weights kept; saved
// weights that do not fit the graph are not used, as the built-in engine does.
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { readSafetensors, writeSafetensors } from '../../../src/core/index';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { PytorchHost } from '../../../src/extension/training/pytorchHost';
import { RunController, type RunOptions } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { torchPython } from '../../support/python';
import { moonsGraph, startOptionsFor } from './helpers';

function startRun(text: string, processes = 1, extra: Partial<RunOptions['start']> = {}) {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  const start = { ...startOptionsFor(text), ...extra };
  const controller = new RunController({
    runId: 7, documentUri: 'file:///moons.nngraph', workerPath: 'no worker: the PyTorch host runs instead', history, broadcaster,
    config: {
      documentName: 'moons.nngraph', mode: 'train', dataset: 'moons', optimizer: 'Adam', learningRate: 0.05,
      epochs: start.training.epochs, batchSize: 32, seed: 42, validationSplit: 0.2, engine: 'pytorch',
    },
    start,
    host: (options, listener) => new PytorchHost(options, { python: torchPython(), processes, graphName: 'moons' }, listener),
  });
  return { controller, history, broadcaster };
}

test('a PyTorch run fills the history as a worker run does, and hands back its weights', async () => {
  const { controller, history, broadcaster } = startRun(moonsGraph(4));
  const outcome = await controller.outcome;
  broadcaster.dispose();
  const run = history.snapshot()[0];
  assert.equal(outcome.status, 'completed', outcome.summary);
  assert.match(outcome.summary, /^Completed \(100 steps, 4 epochs\)$/);
  assert.deepEqual(run.epochs.map((point) => point.globalStep), [25, 50, 75, 100]);
  assert.equal(run.batches.step.length, 100, 'every batch reaches the curve');
  assert.equal(run.progress?.globalStep, 100);
  assert.equal(run.info?.totalSteps, 100);
  assert.equal(run.info?.trainCount, 800);
  assert.match(run.info?.backend ?? '', /^PyTorch \S+ \(cpu\)$/);
  assert.equal(run.info?.weights, "fresh: the seed's initial weights");
  assert.equal(run.boundary, undefined);
  const losses = run.epochs.map((point) => point.loss ?? Number.NaN);
  assert.ok(losses[3] < losses[0], `the curve falls: ${losses.join(' → ')}`);
  assert.ok(outcome.weightsFile !== undefined);
  const tensors = readSafetensors(outcome.weightsFile).tensors;
  assert.equal(tensors.length, 4, 'two dense layers: kernel and bias each');
  assert.ok(tensors.every((tensor) => tensor.data.every(Number.isFinite)));
});

test('Stop ends a PyTorch run (two processes) after a batch, with the weights kept', async () => {
  const { controller, history, broadcaster } = startRun(moonsGraph(100000), 2);
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if ((history.snapshot()[0].epochs.length ?? 0) >= 1) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  controller.stop();
  const outcome = await controller.outcome;
  broadcaster.dispose();
  assert.equal(outcome.status, 'cancelled', outcome.summary);
  assert.ok(outcome.stepsRun >= 25);
  assert.ok(outcome.weightsFile !== undefined, 'rank 0 saved the weights on Stop');
  assert.equal(history.snapshot()[0].status, 'cancelled');
});

test('saved weights that do not fit the graph are not used: the run starts from the seed and says why', async () => {
  const wrong = writeSafetensors([{ name: 'elsewhere.kernel', shape: [1, 1], data: new Float32Array([1]) }]);
  const { controller, history, broadcaster } = startRun(moonsGraph(1), 1, { savedWeights: wrong });
  const outcome = await controller.outcome;
  broadcaster.dispose();
  assert.equal(outcome.status, 'completed', outcome.summary);
  assert.match(history.snapshot()[0].info?.weights ?? '', /^fresh: saved weights not used, /);
});

test('a PyTorch run whose Python fails is a failed run that says why', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-no-torch-'));
  try {
    // A Python that runs but cannot import torch: the real one without its site packages.
    const python = join(folder, 'python-without-torch');
    writeFileSync(python, `#!/bin/sh\nexec ${torchPython()} -S "$@"\n`, { mode: 0o755 });
    const history = new RunHistory();
    const broadcaster = new PanelBroadcaster(history);
    const start = startOptionsFor(moonsGraph(1));
    const controller = new RunController({
      runId: 8, documentUri: 'file:///moons.nngraph', workerPath: 'unused', history, broadcaster,
      config: {
        documentName: 'moons.nngraph', mode: 'train', dataset: 'moons', optimizer: 'Adam', learningRate: 0.05,
        epochs: 1, batchSize: 32, seed: 42, validationSplit: 0.2, engine: 'pytorch',
      },
      start,
      host: (options, listener) => new PytorchHost(options, { python, processes: 1, graphName: 'moons' }, listener),
    });
    const outcome = await controller.outcome;
    broadcaster.dispose();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.weightsFile, undefined);
    assert.match(outcome.failure?.message ?? '', /PyTorch did not finish the run: it exited with code 1:[\s\S]*No module named '(numpy|torch)'/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
