// The per-sample report as the panel reads it: decoded once per report, and the few things drawn from it (each
// sample's class probabilities, the worst-predicted samples, the loss histogram). Every number here comes from the
// core through the host; nothing is recomputed but the p(class 0) = 1 − p of a one-column binary output.
import type { SampleLossesView, SampleSetView } from '../../src/protocol/messages';
import { decodeFloat32, decodeFloat64 } from './base64';

export interface RunSamples {
  set: SampleSetView;
  /** [count, width]; one column is p(class 1) of a binary model. */
  outputs: Float32Array;
  width: number;
  losses: Float64Array;
  predicted: readonly number[];
  globalStep: number;
  epochsDone: number;
}

/** Undefined until both parts arrived, or when they disagree in length (a report of another set). */
export function decodeSamples(set: SampleSetView | undefined, report: SampleLossesView | undefined): RunSamples | undefined {
  if (set === undefined || report === undefined) return undefined;
  const outputs = decodeFloat32(report.outputs);
  const losses = decodeFloat64(report.losses);
  const count = set.row.length;
  if (outputs === undefined || losses === undefined || losses.length !== count || outputs.length !== count * report.width
    || report.predicted.length !== count) return undefined;
  return {
    set, outputs, width: report.width, losses, predicted: report.predicted,
    globalStep: report.globalStep, epochsDone: report.epochsDone,
  };
}

/** p(class c) of sample i for every class: a one-column binary output p is [1 − p, p]. */
export function classProbabilities(samples: RunSamples, index: number): number[] {
  const { outputs, width } = samples;
  if (width === 1) return [1 - outputs[index], outputs[index]];
  return Array.from(outputs.subarray(index * width, (index + 1) * width));
}

export function className(samples: RunSamples, classIndex: number): string {
  if (classIndex < 0) return '—';
  return samples.set.classNames?.[classIndex] ?? String(classIndex);
}

/** Indices of the `count` largest finite losses, largest first; equal losses in row order. */
export function worstSamples(losses: Float64Array, count: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < losses.length; i++) if (Number.isFinite(losses[i])) indices.push(i);
  indices.sort((a, b) => losses[b] - losses[a] || a - b);
  return indices.slice(0, Math.max(0, count));
}

export interface LossHistogram {
  /** Bin b holds losses in [b·binWidth, (b + 1)·binWidth); the last bin also holds its upper edge (the largest loss). */
  counts: number[];
  binWidth: number;
  /** The upper edge of the last bin. */
  upper: number;
}

/** `binCount` equal bins from 0 to the largest finite loss (losses are ≥ 0); non-finite losses are left out. */
export function lossHistogram(losses: Float64Array, binCount: number): LossHistogram {
  const bins = Math.max(1, Math.floor(binCount));
  let largest = 0;
  for (const loss of losses) if (Number.isFinite(loss) && loss > largest) largest = loss;
  // All zero (a perfect fit): one bin width of 1 keeps every count in bin 0 and the axis readable.
  const upper = largest > 0 ? largest : 1;
  const binWidth = upper / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const loss of losses) {
    if (!Number.isFinite(loss)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor(loss / binWidth)))]++;
  }
  return { counts, binWidth, upper };
}

/** The median of the finite losses (NaN when none). */
export function medianLoss(losses: Float64Array): number {
  const sorted = Array.from(losses).filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A probability for the readout: four decimals, or three significant digits below 0.001 so a tiny p is not 0. */
export function formatProbability(p: number): string {
  return p > 0 && p < 0.001 ? p.toExponential(2) : p.toFixed(4);
}

export function formatLoss(loss: number): string {
  return loss > 0 && loss < 0.001 ? loss.toExponential(2) : loss.toFixed(4);
}
