// Early stopping on the validation loss, as Keras 3's EarlyStopping(monitor="val_loss", mode="min") decides it
// (keras/src/callbacks/early_stopping.py), with no baseline and start_from_epoch 0:
//   - at the end of each epoch the wait counter goes up by one; an improvement (val_loss + minDelta < best) records
//     the epoch as the best (and its weights, with restoreBestWeights) and sets the counter back to 0;
//   - otherwise, once the counter reaches `patience`, the run stops, but never after the first epoch;
//   - with restoreBestWeights, the best epoch's weights are put back when the run ends, whether it stopped early or
//     ran every epoch (Keras 3; Keras 2.x restored them only when it stopped early). The first epoch's weights are
//     kept as the best even when its loss is not finite, so something is always restored.
// The tracker holds the decision and the copy of the weights; the run (run.ts) feeds it and applies what it says.
import type { EarlyStopOutcome, EarlyStoppingConfig, NamedTensor } from '../types';

export class EarlyStoppingTracker {
  private best = Number.POSITIVE_INFINITY;
  /** 1-based; 0 until an epoch is recorded. */
  private bestEpoch = 0;
  private bestWeights: NamedTensor[] | undefined;
  private wait = 0;
  private stoppedEpoch: number | undefined;
  private lastEpoch = 0;

  constructor(readonly config: EarlyStoppingConfig) {
    const { patience, minDelta } = config;
    if (!Number.isInteger(patience) || patience < 0) throw new RangeError(`early stopping: patience must be an integer ≥ 0, got ${patience}`);
    if (!(minDelta >= 0) || !Number.isFinite(minDelta)) throw new RangeError(`early stopping: minDelta must be a finite number ≥ 0, got ${minDelta}`);
  }

  /**
   * Records the end of `epoch` (1-based) with its validation loss; `weights` is called only when they need copying.
   * Returns true when the run should stop now.
   */
  epochEnded(epoch: number, valLoss: number, weights: () => NamedTensor[]): boolean {
    this.lastEpoch = epoch;
    if (this.config.restoreBestWeights && this.bestWeights === undefined) {
      this.bestWeights = weights();
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (valLoss + this.config.minDelta < this.best) {
      this.best = valLoss;
      this.bestEpoch = epoch;
      if (this.config.restoreBestWeights) this.bestWeights = weights();
      this.wait = 0;
      return false;
    }
    // Keras' `epoch > 0` with 0-based epochs: never after the first.
    if (this.wait >= this.config.patience && epoch > 1) {
      this.stoppedEpoch = epoch;
      return true;
    }
    return false;
  }

  /** The weights to put back when the run ends (restoreBestWeights), or undefined. */
  weightsToRestore(): NamedTensor[] | undefined {
    return this.config.restoreBestWeights ? this.bestWeights : undefined;
  }

  /** What was decided; call when the run is over (after restoring). */
  outcome(): EarlyStopOutcome {
    const restored = this.weightsToRestore() !== undefined;
    return {
      ...(this.stoppedEpoch !== undefined ? { stoppedEpoch: this.stoppedEpoch } : {}),
      bestEpoch: this.bestEpoch,
      bestValLoss: this.best,
      weightsEpoch: restored ? this.bestEpoch : this.lastEpoch,
      restoredBestWeights: restored,
    };
  }
}
