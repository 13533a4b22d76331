// Decides how long the worker waits before its next step so that a run keeps a pace (steps per unit of wall time).
// Pure, with the clock injected, so its arithmetic is tested with a fake clock. The schedule is absolute (step n is
// due at start + n × interval), so timer jitter and the steps' own time average out instead of adding up; a run that
// fell behind by more than `maxLagMs` (a slow step, a pause) starts a new schedule from now rather than bursting to
// catch up. Lateness below that is made up: on a busy machine timers fire several milliseconds late, and a pace of a
// few milliseconds per step would otherwise lose that much on every step.

/** Waits shorter than this are not worth a timer: the debt is carried into the next step's wait instead. */
export const minWaitMs = 4;
/** Lateness up to this is caught up by not waiting (a burst this short does not show); beyond it, a new schedule. */
export const maxLagMs = 100;

export class Pacer {
  private dueAt: number | undefined;

  /** `intervalMs`: wall time per step; 0 for no pace (as fast as possible). */
  constructor(private readonly now: () => number, private intervalMs = 0) {}

  get paced(): boolean {
    return this.intervalMs > 0;
  }

  /** A new pace, from the next step on. */
  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs > 0 && Number.isFinite(intervalMs) ? intervalMs : 0;
    this.dueAt = undefined;
  }

  /** The run paused (or has not started): the next step goes at once and the schedule starts again from it. */
  restart(): void {
    this.dueAt = undefined;
  }

  /** A step just ended: how many milliseconds to wait before the next one (0: go on now). */
  afterStep(): number {
    if (this.intervalMs <= 0) return 0;
    const now = this.now();
    const behind = this.dueAt === undefined || this.dueAt < now - Math.max(this.intervalMs, maxLagMs);
    this.dueAt = (behind ? now : this.dueAt as number) + this.intervalMs;
    const waitMs = this.dueAt - now;
    return waitMs >= minWaitMs ? waitMs : 0;
  }
}
