// A run's training time: it runs once the data is loaded and while the run trains, and stands still while a Step
// run is paused between Steps (waiting for the person is not training). Train is the same clock, never paused.
export class TrainingClock {
  private accumulatedMs = 0;
  private runningSince: number | undefined;
  private ready = false;
  private training: boolean;

  constructor(training: boolean, private readonly now: () => number = () => performance.now()) {
    this.training = training;
  }

  /** The data is loaded: training time starts counting (if the run trains). */
  markReady(): void {
    this.update(() => { this.ready = true; });
  }

  /** A Step began (true) or ended (false). */
  setTraining(training: boolean): void {
    this.update(() => { this.training = training; });
  }

  elapsedMs(): number {
    return this.accumulatedMs + (this.runningSince !== undefined ? this.now() - this.runningSince : 0);
  }

  private update(change: () => void): void {
    const at = this.now();
    if (this.runningSince !== undefined) this.accumulatedMs += at - this.runningSince;
    change();
    this.runningSince = this.ready && this.training ? at : undefined;
  }
}
