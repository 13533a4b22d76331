// Early stopping as Keras 3's EarlyStopping(monitor="val_loss") decides it: scripted validation losses through the
// tracker (the wait counter, minDelta, patience 0, never after the first epoch, which weights are restored), then a
// real run that overfits: it stops where the rule says, and ends holding the best epoch's weights.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EarlyStoppingConfig, NamedTensor } from '../../../src/core/types';
import { createRun, trainRun } from '../../../src/core/index';
import { EarlyStoppingTracker } from '../../../src/core/run/earlyStopping';
import { config, xorDataset, xorSpec } from './fixtures';

/** Feeds scripted validation losses; weights are one tensor holding the epoch's number. Returns the stop epoch. */
function script(settings: Partial<EarlyStoppingConfig>, losses: number[]): { stoppedAt?: number; tracker: EarlyStoppingTracker; copies: number[] } {
  const tracker = new EarlyStoppingTracker({ patience: 0, minDelta: 0, restoreBestWeights: false, ...settings });
  const copies: number[] = [];
  for (let i = 0; i < losses.length; i++) {
    const epoch = i + 1;
    const weights = (): NamedTensor[] => { copies.push(epoch); return [{ name: 'w', shape: [1], data: Float32Array.of(epoch) }]; };
    if (tracker.epochEnded(epoch, losses[i], weights)) return { stoppedAt: epoch, tracker, copies };
  }
  return { tracker, copies };
}

describe('early stopping, scripted', () => {
  it('waits `patience` epochs without improvement, counting from the best', () => {
    // Best at 2; epochs 3 and 4 do not improve: patience 2 stops after epoch 4.
    const { stoppedAt, tracker } = script({ patience: 2 }, [1.0, 0.8, 0.85, 0.9, 0.5, 0.4]);
    assert.equal(stoppedAt, 4);
    assert.deepEqual(tracker.outcome(), { stoppedEpoch: 4, bestEpoch: 2, bestValLoss: 0.8, weightsEpoch: 4, restoredBestWeights: false });
  });

  it('an improvement resets the wait counter', () => {
    // 3 is worse, 4 is a new best (reset), 5 and 6 worse: patience 2 stops after 6, not after 4.
    assert.equal(script({ patience: 2 }, [1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.1]).stoppedAt, 6);
  });

  it('minDelta: a fall smaller than it is no improvement, a larger one is', () => {
    // 0.95 + 0.1 is not below 1: no improvement, so patience 1 stops after epoch 2.
    assert.equal(script({ patience: 1, minDelta: 0.1 }, [1.0, 0.95, 0.5]).stoppedAt, 2);
    // 0.85 + 0.1 < 1: improves; 0.8 + 0.1 is not below 0.85: stop after 3.
    const { stoppedAt, tracker } = script({ patience: 1, minDelta: 0.1 }, [1.0, 0.85, 0.8, 0.1]);
    assert.equal(stoppedAt, 3);
    assert.equal(tracker.outcome().bestEpoch, 2);
    // Without minDelta, 0.8 < 0.85 is an improvement and the run goes on.
    assert.equal(script({ patience: 1 }, [1.0, 0.85, 0.8, 0.1]).stoppedAt, undefined);
  });

  it('patience 0 stops at the first epoch without improvement, but never after the first epoch', () => {
    assert.equal(script({ patience: 0 }, [1.0, 0.9, 0.95]).stoppedAt, 3);
    // A first epoch without a finite loss is no improvement (NaN < ∞ is false), yet it does not stop there; 0.9 is
    // then the first improvement, and 0.95 stops it.
    assert.equal(script({ patience: 0 }, [Number.NaN, 0.9, 0.95]).stoppedAt, 3);
    // Equal is not better.
    assert.equal(script({ patience: 0 }, [0.5, 0.5]).stoppedAt, 2);
  });

  it('restoreBestWeights keeps a copy of the best epoch only, and restores it also when every epoch ran (Keras 3)', () => {
    const stopped = script({ patience: 1, restoreBestWeights: true }, [1.0, 0.6, 0.7, 0.8]);
    assert.equal(stopped.stoppedAt, 3);
    assert.deepEqual(stopped.copies, [1, 1, 2], 'epoch 1 is copied as the first best, then as an improvement; epoch 3 is not copied');
    assert.deepEqual(Array.from(stopped.tracker.weightsToRestore()![0].data), [2]);
    assert.deepEqual(stopped.tracker.outcome(), { stoppedEpoch: 3, bestEpoch: 2, bestValLoss: 0.6, weightsEpoch: 2, restoredBestWeights: true });
    const ranOut = script({ patience: 5, restoreBestWeights: true }, [1.0, 0.6, 0.7, 0.8]);
    assert.equal(ranOut.stoppedAt, undefined);
    assert.deepEqual(ranOut.tracker.outcome(), { bestEpoch: 2, bestValLoss: 0.6, weightsEpoch: 2, restoredBestWeights: true });
    assert.equal(script({ patience: 5 }, [1.0, 0.6, 0.7]).tracker.weightsToRestore(), undefined);
  });

  it('refuses a negative or fractional patience and a negative minDelta', () => {
    assert.throws(() => new EarlyStoppingTracker({ patience: -1, minDelta: 0, restoreBestWeights: false }), /patience must be an integer ≥ 0, got -1/);
    assert.throws(() => new EarlyStoppingTracker({ patience: 1.5, minDelta: 0, restoreBestWeights: false }), /patience/);
    assert.throws(() => new EarlyStoppingTracker({ patience: 1, minDelta: -0.1, restoreBestWeights: false }), /minDelta must be a finite number ≥ 0/);
  });
});

describe('early stopping in a run', () => {
  it('an overfitting run stops where the rule says and ends holding the best epoch\'s weights', async () => {
    // 40 noisy points, a wide layer and a high learning rate: the validation loss turns up within a few dozen epochs.
    const dataset = xorDataset(10, 0.9, 3);
    const patience = 4;
    const training = config({
      epochs: 300, batchSize: 8, validationSplit: 0.3, optimizer: { type: 'adam', learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      earlyStopping: { patience, minDelta: 0, restoreBestWeights: true },
    });
    const run = createRun({ dataset, spec: xorSpec(64), training, normalize: 'none' });
    try {
      const result = await trainRun(run);
      assert.equal(result.stop.kind, 'completed');
      const outcome = result.stop.kind === 'completed' ? result.stop.earlyStopping : undefined;
      assert.ok(outcome?.stoppedEpoch !== undefined, `did not stop early: ${JSON.stringify(outcome)}`);
      assert.ok(outcome.stoppedEpoch < 300);
      assert.equal(result.epochs.length, outcome.stoppedEpoch);
      const valLosses = result.epochs.map((epoch) => epoch.valLoss!);
      // The best is the first lowest validation loss, and the run stopped `patience` epochs after it.
      const lowest = Math.min(...valLosses);
      assert.equal(outcome.bestEpoch, valLosses.indexOf(lowest) + 1);
      assert.equal(outcome.bestValLoss, lowest);
      assert.equal(outcome.stoppedEpoch - outcome.bestEpoch, patience);
      assert.equal(outcome.weightsEpoch, outcome.bestEpoch);
      assert.ok(valLosses[valLosses.length - 1] > lowest, 'the last epoch is worse than the best');
      // The program holds the best epoch's weights: evaluating them gives that epoch's validation loss exactly.
      const { validationFeatures, validationLabels } = run.data;
      assert.equal(run.program.evaluate(validationFeatures, validationLabels, run.validationCount).loss, lowest);
      assert.deepEqual(run.earlyStopping, outcome);
      assert.ok(run.done);
    } finally {
      run.dispose();
    }
  });

  it('without restoreBestWeights the run ends on its last epoch\'s weights; a run that never stops reports the best', async () => {
    const training = config({ epochs: 6, batchSize: 16, validationSplit: 0.3, earlyStopping: { patience: 50, minDelta: 0, restoreBestWeights: false } });
    const run = createRun({ dataset: xorDataset(20, 0.2), spec: xorSpec(6), training, normalize: 'none' });
    try {
      const result = await trainRun(run);
      const outcome = result.stop.kind === 'completed' ? result.stop.earlyStopping : undefined;
      assert.equal(result.epochs.length, 6);
      assert.equal(outcome?.stoppedEpoch, undefined);
      assert.equal(outcome?.weightsEpoch, 6);
      assert.equal(outcome?.restoredBestWeights, false);
      const { validationFeatures, validationLabels } = run.data;
      assert.equal(run.program.evaluate(validationFeatures, validationLabels, run.validationCount).loss, result.epochs[5].valLoss);
    } finally {
      run.dispose();
    }
  });

  it('is refused when no validation rows are held out, with what to do', () => {
    const training = config({ validationSplit: 0, earlyStopping: { patience: 2, minDelta: 0, restoreBestWeights: true } });
    assert.throws(() => createRun({ dataset: xorDataset(5), spec: xorSpec(), training, normalize: 'none' }),
      /early stopping watches the validation loss, but validationSplit 0 holds out none of the 20 rows; set a validationSplit/);
  });
});
