// A float64 central-difference gradient checker shared by the core's tests.
import assert from 'node:assert/strict';
import { Random } from '../../../src/core/random';

export const EPS = 1e-6;
export const ATOL = 1e-5;
export const RTOL = 1e-3;

/** Asserts that `analytic` is the gradient of `f` at `x` (x is perturbed in place and restored). */
export function assertGradient(label: string, x: Float64Array, f: () => number, analytic: Float64Array): void {
  assert.equal(analytic.length, x.length, `${label}: gradient length`);
  for (let i = 0; i < x.length; i++) {
    const held = x[i];
    x[i] = held + EPS;
    const up = f();
    x[i] = held - EPS;
    const down = f();
    x[i] = held;
    const numeric = (up - down) / (2 * EPS);
    const error = Math.abs(analytic[i] - numeric);
    assert.ok(
      error <= ATOL + RTOL * Math.abs(numeric),
      `${label}: d/dx[${i}] analytic ${analytic[i]} vs numeric ${numeric} (error ${error})`,
    );
  }
}

/** Uniform values in [low, high), avoiding |v| < gap (kinks at 0). */
export function randomArray(random: Random, length: number, low = -3, high = 3, gap = 0): Float64Array {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    let v = low + (high - low) * random.nextDouble();
    while (Math.abs(v) < gap) v = low + (high - low) * random.nextDouble();
    values[i] = v;
  }
  return values;
}

/** Σ w ⊙ y: turns a vector output into the scalar the checker differentiates. */
export function weightedSum(weights: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] * y[i];
  return sum;
}

/** Batch shapes the checks run over: batch size 1 and odd sizes. */
export const SHAPES: readonly (readonly [rows: number, width: number])[] = [[1, 1], [1, 4], [3, 5], [5, 2], [7, 3]];
