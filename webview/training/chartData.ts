// Turns runs into what uPlot draws: one shared x axis (global step) with every series mapped onto it, smoothed as
// TensorBoard does (a debiased exponential moving average), and never a zero or negative value on a log axis.

export interface XYSeries {
  label: string;
  x: readonly number[];
  y: readonly (number | null)[];
  /** Draw points only (epoch values) instead of a line. */
  points: boolean;
  color: string;
  dash?: number[];
  width?: number;
}

/**
 * Debiased EMA: s_t = w·s_{t−1} + (1 − w)·y_t, divided by 1 − w^t so the start is not pulled towards zero.
 * `weight` 0 returns the values as they are; nulls stay nulls and do not advance the average.
 */
export function smooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return [...values];
  const out = new Array<number | null>(values.length);
  let average = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) { out[i] = null; continue; }
    average = weight * average + (1 - weight) * value;
    count++;
    out[i] = average / (1 - weight ** count);
  }
  return out;
}

/** On a log axis a value ≤ 0 cannot be drawn; it becomes a gap instead of breaking the scale. */
export function forLogScale(values: readonly (number | null)[]): (number | null)[] {
  return values.map((value) => (value !== null && value > 0 ? value : null));
}

/** Maps every series onto the sorted union of their x values, with null where a series has no point. */
export function alignSeries(series: readonly XYSeries[]): { x: number[]; ys: (number | null)[][] } {
  const xs = new Set<number>();
  for (const s of series) for (const x of s.x) xs.add(x);
  const x = [...xs].sort((a, b) => a - b);
  const indexOf = new Map<number, number>();
  for (let i = 0; i < x.length; i++) indexOf.set(x[i], i);
  const ys = series.map((s) => {
    const column = new Array<number | null>(x.length).fill(null);
    for (let i = 0; i < s.x.length; i++) {
      const at = indexOf.get(s.x[i]);
      if (at !== undefined) column[at] = s.y[i] ?? null;
    }
    return column;
  });
  return { x, ys };
}

/** mm:ss, or h:mm:ss from an hour on. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Remaining time from the pace so far; undefined before there is a pace. */
export function remainingMs(elapsedMs: number, stepsDone: number, totalSteps: number): number | undefined {
  if (stepsDone <= 0 || totalSteps <= stepsDone) return stepsDone > 0 ? 0 : undefined;
  return (elapsedMs / stepsDone) * (totalSteps - stepsDone);
}

export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return value.toFixed(digits);
}

/** Colors that read on dark and light themes alike (Tableau 10). */
export const palette = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];
