// Per-batch curves of a long run would grow without bound (a million steps is a million points in the panel and in
// every replay), so a run keeps every `stride`-th step and doubles the stride whenever it reaches its cap. Host and
// panel run the same rule on the same accepted points, so both hold the same series without exchanging the stride.
// Epoch points are few and are never thinned.
import type { BatchSeries } from './messages';

export const maxBatchPoints = 4000;

export interface ThinnedSeries { series: BatchSeries; stride: number }

export function emptyBatchSeries(): BatchSeries {
  return { step: [], loss: [], accuracy: [] };
}

export function createThinnedSeries(): ThinnedSeries {
  return { series: emptyBatchSeries(), stride: 1 };
}

/** Appends one point if its step falls on the stride; returns whether it was kept. */
export function appendBatchPoint(
  thinned: ThinnedSeries, step: number, loss: number | null, accuracy: number | null, cap = maxBatchPoints,
): boolean {
  if (step % thinned.stride !== 0) return false;
  const { series } = thinned;
  series.step.push(step);
  series.loss.push(loss);
  series.accuracy.push(accuracy);
  if (series.step.length > cap) halve(thinned);
  return true;
}

function halve(thinned: ThinnedSeries): void {
  thinned.stride *= 2;
  const { series, stride } = thinned;
  let kept = 0;
  for (let i = 0; i < series.step.length; i++) {
    if (series.step[i] % stride !== 0) continue;
    series.step[kept] = series.step[i];
    series.loss[kept] = series.loss[i];
    series.accuracy[kept] = series.accuracy[i];
    kept++;
  }
  series.step.length = kept;
  series.loss.length = kept;
  series.accuracy.length = kept;
}

/** Appends every point of `incoming`, under the same rule. */
export function appendBatchSeries(thinned: ThinnedSeries, incoming: BatchSeries, cap = maxBatchPoints): void {
  for (let i = 0; i < incoming.step.length; i++) {
    appendBatchPoint(thinned, incoming.step[i], incoming.loss[i], incoming.accuracy[i], cap);
  }
}

/** A finite number, or null: JSON has no NaN or Infinity, and a diverged loss must still reach the panel as a gap. */
export function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
