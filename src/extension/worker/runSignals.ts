// What the host asked of a running worker, as state the run loop reads between steps: pause, resume, Step (one batch
// while paused), stop, and the pace. Messages reach the worker only when the loop yields, so each takes effect at
// the next step. `wait` lets the loop sleep (a paused run, or the pause between two paced steps) until a signal or
// a timeout, so a pause or Stop never waits out a slow pace's sleep.

export class RunSignals {
  private pausedNow: boolean;
  private stepsRequested = 0;
  private stopped = false;
  private epochsPerSecondNow: number | undefined;
  private paceChanged = false;
  private wake: (() => void) | undefined;

  constructor(startPaused: boolean, epochsPerSecond: number | undefined) {
    this.pausedNow = startPaused;
    this.epochsPerSecondNow = epochsPerSecond;
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  get stopRequested(): boolean {
    return this.stopped;
  }

  get epochsPerSecond(): number | undefined {
    return this.epochsPerSecondNow;
  }

  pause(): void {
    this.pausedNow = true;
    this.signal();
  }

  /** Resume continuous training; Steps asked for while paused are dropped (the run now trains them anyway). */
  resume(): void {
    this.pausedNow = false;
    this.stepsRequested = 0;
    this.signal();
  }

  /** One more batch while paused; ignored while running. */
  step(): void {
    if (this.pausedNow) this.stepsRequested++;
    this.signal();
  }

  stop(): void {
    this.stopped = true;
    this.signal();
  }

  setPace(epochsPerSecond: number | undefined): void {
    this.epochsPerSecondNow = epochsPerSecond;
    this.paceChanged = true;
    this.signal();
  }

  /** True once after each pace change, for the loop to reset its schedule. */
  takePaceChange(): boolean {
    const changed = this.paceChanged;
    this.paceChanged = false;
    return changed;
  }

  /** True (and counted) when a Step is waiting. */
  takeStep(): boolean {
    if (this.stepsRequested === 0) return false;
    this.stepsRequested--;
    return true;
  }

  /** Resolves at the next signal, or after `timeoutMs` (never, when undefined). */
  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      this.wake = done;
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs);
    });
  }

  private signal(): void {
    this.wake?.();
  }
}
