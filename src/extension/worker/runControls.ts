// Changes the host makes to a run while it trains (the learning rate, for now). Messages reach the worker only when
// the training loop yields, that is between two steps, so a change applied here takes effect from the next step. A
// change that arrives while the data still loads waits for the run.
import type { Run } from '../../core/index';

export class RunControls {
  private run: Run | undefined;
  private pendingLearningRate: number | undefined;

  /** The run is ready: apply what arrived before it. */
  attach(run: Run): void {
    this.run = run;
    if (this.pendingLearningRate !== undefined) {
      const learningRate = this.pendingLearningRate;
      this.pendingLearningRate = undefined;
      this.setLearningRate(learningRate);
    }
  }

  /** The run is over (or failed): later changes have nothing to act on. */
  detach(): void {
    this.run = undefined;
  }

  /** The receiving check has already refused anything but a finite number > 0. */
  setLearningRate(learningRate: number): void {
    if (this.run === undefined) {
      this.pendingLearningRate = learningRate;
      return;
    }
    this.run.setLearningRate(learningRate);
  }
}
