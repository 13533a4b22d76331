// A run's label (what differs from the file's run before it, then where its weights came from) and the choice of
// starting weights: fresh from the seed unless "Continue from saved weights" is on, or a restart from a run's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrainingConfig } from '../../../src/core/index';
import { graphFingerprint, labelRun, settingDifferences, type RunSettings } from '../../../src/extension/training/runLabel';
import { describeStart, planStart, weightsFingerprint } from '../../../src/extension/training/runStart';

const training: TrainingConfig = {
  epochs: 20, batchSize: 32, seed: 42, validationSplit: 0.2, shuffle: true, metrics: ['accuracy'],
  optimizer: { type: 'adam', learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
};

function settings(runId: number, patch: Partial<TrainingConfig> = {}, rest: Partial<Omit<RunSettings, 'training'>> = {}): RunSettings {
  return { runId, dataset: 'moons (noise 0.2)', training: { ...training, ...patch }, graphFingerprint: 'aaaa', engine: 'builtin', mode: 'train', ...rest };
}

test('the label names the learning rate that changed and the run the weights were continued from', () => {
  const before = settings(2);
  const now = settings(3, { optimizer: { ...training.optimizer, learningRate: 0.01 } });
  assert.equal(labelRun(before, now, { kind: 'continue', fromRunId: 2 }, 'restored'), 'lr 0.01, continued from run 2');
});

test('the first run of a file, and a run with nothing changed, say so, with fresh weights', () => {
  assert.equal(labelRun(undefined, settings(1), { kind: 'fresh' }), 'first run, fresh weights');
  assert.equal(labelRun(settings(1), settings(2), { kind: 'fresh' }, 'fresh'), 'same settings as run 1, fresh weights');
  // Runs recorded without a start read as fresh.
  assert.equal(labelRun(settings(1), settings(2), undefined), 'same settings as run 1, fresh weights');
});

test('every kind of setting that differs is named, in reading order', () => {
  const before = settings(4);
  const now = settings(5, {
    optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: false }, batchSize: 64, epochs: 50, seed: 7,
    validationSplit: 0.3, shuffle: false, earlyStopping: { patience: 5, minDelta: 0, restoreBestWeights: true },
  }, { graphFingerprint: 'bbbb', dataset: 'spiral', engine: 'pytorch', mode: 'step' });
  assert.deepEqual(settingDifferences(before, now), [
    'graph changed', 'data spiral', 'SGD lr 0.1', 'batch 64', '50 epochs', 'seed 7', 'validation 0.3', 'file order',
    'early stopping (patience 5)', 'PyTorch', 'step by step',
  ]);
  // Back again: the settings turned off are named too.
  assert.deepEqual(settingDifferences(now, before), [
    'graph changed', 'data moons (noise 0.2)', 'Adam lr 0.05', 'batch 32', '20 epochs', 'seed 42', 'validation 0.2', 'shuffled',
    'no early stopping', 'built-in engine', 'full run',
  ]);
});

test('an optimizer setting other than the learning rate is named by its field', () => {
  const before = settings(1, { optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false } });
  const now = settings(2, { optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true } });
  assert.equal(labelRun(before, now, { kind: 'fresh' }, 'fresh'), 'momentum 0.9, nesterov true, fresh weights');
  const patience = settings(3, { earlyStopping: { patience: 3, minDelta: 0.01, restoreBestWeights: false } });
  assert.deepEqual(settingDifferences(settings(2), patience), ['early stopping (patience 3, min delta 0.01, last weights)']);
});

test('where the weights came from: what was asked, corrected by what the worker found', () => {
  assert.equal(describeStart({ kind: 'continue' }, 'restored'), 'continued from the saved weights');
  assert.equal(describeStart({ kind: 'continue', fromRunId: 4 }), 'continued from run 4');
  assert.equal(describeStart({ kind: 'continue', fromRunId: 4 }, 'fresh'), 'fresh weights (none saved to continue from)');
  assert.equal(describeStart({ kind: 'continue' }, 'mismatch'), 'fresh weights (the saved ones do not fit the graph)');
  assert.equal(describeStart({ kind: 'restart', fromRunId: 3 }, 'restored'), 'initial weights of run 3');
  assert.equal(describeStart({ kind: 'restart', fromRunId: 3 }, 'mismatch'), "fresh weights (run 3's do not fit the graph)");
  assert.equal(labelRun(settings(3), settings(4, { batchSize: 8 }), { kind: 'restart', fromRunId: 3 }, 'restored'), 'batch 8, initial weights of run 3');
});

test('Train starts fresh unless continuing was chosen; a restart takes the run\'s own initial weights whatever the choice', () => {
  assert.deepEqual(planStart({ continueFromSaved: false }), { start: { kind: 'fresh' }, weightsFrom: 'seed' });
  // A saved file from an earlier run does not change a fresh start.
  assert.deepEqual(planStart({ continueFromSaved: false, lastSavedRunId: 2 }), { start: { kind: 'fresh' }, weightsFrom: 'seed' });
  assert.deepEqual(planStart({ continueFromSaved: true }), { start: { kind: 'continue' }, weightsFrom: 'saved-file' });
  assert.deepEqual(planStart({ continueFromSaved: true, lastSavedRunId: 2 }), { start: { kind: 'continue', fromRunId: 2 }, weightsFrom: 'saved-file' });
  for (const continueFromSaved of [false, true]) {
    assert.deepEqual(planStart({ continueFromSaved, restartFromRunId: 1, lastSavedRunId: 2 }), {
      start: { kind: 'restart', fromRunId: 1 }, weightsFrom: 'run-initial',
    });
  }
});

test('fingerprints are 8 hex digits that tell different bytes apart', () => {
  assert.equal(weightsFingerprint(new Uint8Array()), '811c9dc5');
  assert.match(weightsFingerprint(new Uint8Array([1, 2, 3])), /^[0-9a-f]{8}$/);
  assert.notEqual(weightsFingerprint(new Uint8Array([1, 2, 3])), weightsFingerprint(new Uint8Array([1, 2, 4])));
  assert.equal(graphFingerprint('{"ops":[]}'), graphFingerprint('{"ops":[]}'));
  assert.notEqual(graphFingerprint('{"ops":[]}'), graphFingerprint('{"ops":[1]}'));
});
