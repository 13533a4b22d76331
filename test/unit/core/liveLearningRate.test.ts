// Changing a run's learning rate while it trains: nothing restarts (setting the same rate leaves the run bit for bit
// as an uninterrupted one: weights, optimizer state, data order), the next step uses the new rate, the run's config
// is not rewritten, and a rate that is not a finite number > 0 is refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TrainingConfig } from '../../../src/core/types';
import { createRun, type Run } from '../../../src/core/index';
import { config, xorDataset, xorSpec } from './fixtures';

function runWith(training: TrainingConfig): Run {
  return createRun({ dataset: xorDataset(25), spec: xorSpec(), training, normalize: 'none' });
}

function stepTimes(run: Run, count: number): void {
  for (let i = 0; i < count; i++) run.step();
}

const flat = (run: Run): number[] => run.program.getWeights().flatMap((tensor) => Array.from(tensor.data));

describe('a run\'s learning rate, changed mid-run', () => {
  const training = config({ epochs: 4, batchSize: 8, validationSplit: 0.2 });

  it('set to the same value, the run goes on exactly as if untouched (state, order and counters kept)', () => {
    const touched = runWith(training);
    const untouched = runWith(training);
    try {
      // 7 steps end mid-epoch (10 steps per epoch), so the epoch's order and running means must carry on too.
      stepTimes(touched, 7);
      touched.setLearningRate(training.optimizer.learningRate);
      stepTimes(touched, 18);
      stepTimes(untouched, 25);
      assert.deepEqual(flat(touched), flat(untouched));
      assert.deepEqual(touched.epochs, untouched.epochs.map((epoch, i) => ({ ...epoch, elapsedMs: touched.epochs[i].elapsedMs, samplesPerSecond: touched.epochs[i].samplesPerSecond })));
    } finally {
      touched.dispose();
      untouched.dispose();
    }
  });

  it('a new rate is used from the next step on, and only then', () => {
    const changed = runWith(training);
    const reference = runWith(training);
    try {
      stepTimes(changed, 7);
      stepTimes(reference, 7);
      assert.deepEqual(flat(changed), flat(reference));
      changed.setLearningRate(0.2);
      assert.equal(changed.learningRate, 0.2);
      assert.equal(changed.training.optimizer.learningRate, training.optimizer.learningRate, 'the run\'s config says what it started with');
      assert.deepEqual(flat(changed), flat(reference), 'setting the rate does not touch the weights');
      const previous = flat(reference);
      changed.step();
      reference.step();
      // Adam's step is about lr per weight: at 4× the rate (0.2 for 0.05) the weights move about 4× as far.
      const distance = (weights: number[]): number => weights.reduce((sum, w, i) => sum + Math.abs(w - previous[i]), 0);
      const movedChanged = distance(flat(changed));
      const movedReference = distance(flat(reference));
      const ratio = movedChanged / movedReference;
      assert.ok(ratio > 3 && ratio < 5, `the step moved the weights ${ratio.toFixed(2)}× as far at 4× the rate`);
    } finally {
      changed.dispose();
      reference.dispose();
    }
  });

  it('refuses a rate that is not a finite number > 0 and keeps the old one', () => {
    const run = runWith(training);
    try {
      for (const bad of [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
        assert.throws(() => run.setLearningRate(bad), /the learning rate must be a finite number > 0/);
      }
      assert.equal(run.learningRate, training.optimizer.learningRate);
    } finally {
      run.dispose();
    }
  });
});
