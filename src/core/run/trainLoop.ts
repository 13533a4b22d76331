// Train is "step until done": drives a Run's steps asynchronously, reports batches and epochs, stays responsive
// (yields to the event loop regularly), and stops on request, on a step limit, or on a non-finite loss. Step is the
// same run driven one step at a time by its caller.
import type { BatchReport, EpochReport, StopReason } from '../types';
import type { Run } from './run';

export interface TrainHooks {
  onBatch?(report: BatchReport): void;
  onEpoch?(report: EpochReport): void;
  /** Polled between batches; a run asked to stop ends after the current batch. */
  shouldStop?(): boolean;
  /** Await a macrotask at least this often, in milliseconds (default 50), so messages can arrive. */
  yieldEveryMs?: number;
  /** Stop after this many steps of this call (the run then counts as completed). */
  maxSteps?: number;
}

export interface TrainResult { stop: StopReason; epochs: readonly EpochReport[]; stepsRun: number }

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/** Steps `run` until it is done, stopped, limited or diverged; `stepsRun` counts this call's steps. */
export async function trainRun(run: Run, hooks: TrainHooks = {}): Promise<TrainResult> {
  const yieldEveryMs = hooks.yieldEveryMs ?? 50;
  const maxSteps = hooks.maxSteps ?? Number.POSITIVE_INFINITY;
  let lastYieldMs = performance.now();
  let stepsRun = 0;
  while (!run.done) {
    if (hooks.shouldStop?.() === true) return { stop: { kind: 'cancelled' }, epochs: run.epochs, stepsRun };
    if (stepsRun >= maxSteps) break;
    const event = run.step();
    stepsRun++;
    if (event.kind === 'non-finite') return { stop: event.stop, epochs: run.epochs, stepsRun };
    hooks.onBatch?.(event.batch);
    if (event.epoch !== undefined) hooks.onEpoch?.(event.epoch);
    if (performance.now() - lastYieldMs >= yieldEveryMs) {
      await yieldToEventLoop();
      lastYieldMs = performance.now();
    }
  }
  const { earlyStopping } = run;
  return { stop: earlyStopping === undefined ? { kind: 'completed' } : { kind: 'completed', earlyStopping }, epochs: run.epochs, stepsRun };
}
