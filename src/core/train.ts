// The asynchronous training loop: runs the trainer's steps, reports batches and epochs, stays responsive (yields
// to the event loop regularly), and stops on request, on a step limit, or on a non-finite loss.
import type { BatchReport, Dataset, EpochReport, StopReason, TrainingConfig } from './types';
import type { TrainingProgram } from './program/types';
import { createTrainerState } from './trainer';

export interface TrainHooks {
  onBatch?(report: BatchReport): void;
  onEpoch?(report: EpochReport): void;
  /** Polled between batches; a run asked to stop ends after the current batch. */
  shouldStop?(): boolean;
  /** Await a macrotask at least this often, in milliseconds (default 50), so messages can arrive. */
  yieldEveryMs?: number;
  /** Stop after this many steps (the run then counts as completed). */
  maxSteps?: number;
}

export interface TrainResult { stop: StopReason; epochs: EpochReport[]; stepsRun: number }

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/** Trains `program` on `dataset`; throws (before any step) an Error naming what does not fit. */
export async function train(
  program: TrainingProgram, dataset: Dataset, config: TrainingConfig, hooks: TrainHooks = {},
): Promise<TrainResult> {
  const trainer = createTrainerState(program, dataset, config);
  const yieldEveryMs = hooks.yieldEveryMs ?? 50;
  const maxSteps = hooks.maxSteps ?? Number.POSITIVE_INFINITY;
  let lastYieldMs = performance.now();
  let stepsRun = 0;
  while (!trainer.done) {
    if (hooks.shouldStop?.() === true) return { stop: { kind: 'cancelled' }, epochs: trainer.epochs, stepsRun };
    if (stepsRun >= maxSteps) break;
    const event = trainer.step();
    stepsRun++;
    if (event.kind === 'non-finite') return { stop: event.stop, epochs: trainer.epochs, stepsRun };
    hooks.onBatch?.(event.batch);
    if (event.epoch !== undefined) hooks.onEpoch?.(event.epoch);
    if (performance.now() - lastYieldMs >= yieldEveryMs) {
      await yieldToEventLoop();
      lastYieldMs = performance.now();
    }
  }
  return { stop: { kind: 'completed' }, epochs: trainer.epochs, stepsRun };
}
