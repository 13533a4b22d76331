// Numerical checks of explain mode's gradients: for chosen entries of a node's outputGrad or a dense node's kernel or
// bias gradient, the central difference (L(v + h) − L(v − h)) / 2h in float64, next to the analytic value.
import type { CheckedEntry, CheckedTensor, GradientCheck } from './types';
import { lossFrom, type SamplePass } from './samplePass';

/** float64 central differences: the truncation error (h²) and the rounding error (ε/h) are both near 1e-10 here. */
export const CHECK_STEP = 1e-6;

export const DEFAULT_CHECKS_PER_TENSOR = 16;

/** Checks every value's gradient and every dense weight gradient, `perTensor` entries each (the largest in size). */
export function numericalChecks(pass: SamplePass, nodeIdOfValue: (value: number) => string, perTensor: number): GradientCheck[] {
  const { spec } = pass;
  const probe = pass.values.map((value) => value.slice());
  const checks: GradientCheck[] = [];
  for (let v = 0; v < probe.length; v++) {
    // Op v − 1 writes value v, so running the ops from v on sees the perturbed value.
    checks.push(checkTensor(pass, probe, nodeIdOfValue(v), 'outputGrad', probe[v], pass.valueGrads[v], v, perTensor, null));
  }
  for (const weights of pass.dense) {
    if (weights === null) continue;
    const { opIndex, nodeId, units } = weights;
    checks.push(checkTensor(pass, probe, nodeId, 'kernel', weights.kernel, weights.kernelGrad, opIndex, perTensor, units));
    if (weights.bias !== null && weights.biasGrad !== null) {
      checks.push(checkTensor(pass, probe, nodeId, 'bias', weights.bias, weights.biasGrad, opIndex, perTensor, null));
    }
  }
  return checks;
}

/**
 * Perturbs entries of `target` (a value in `probe`, or weights) and runs the ops from `firstOp`; `columns` splits a
 * flat kernel index into [input, unit]. Leaves `target` and `probe` as they were.
 */
function checkTensor(
  pass: SamplePass, probe: Float64Array[], nodeId: string, tensor: CheckedTensor, target: Float64Array,
  analytic: Float64Array, firstOp: number, perTensor: number, columns: number | null,
): GradientCheck {
  const entries: CheckedEntry[] = [];
  let maxAbsoluteError = 0;
  for (const k of largestEntries(analytic, perTensor)) {
    const held = target[k];
    target[k] = held + CHECK_STEP;
    const up = lossFrom(pass, probe, firstOp);
    target[k] = held - CHECK_STEP;
    const down = lossFrom(pass, probe, firstOp);
    target[k] = held;
    // The values after the perturbed one now hold the last probe's numbers: put the clean ones back.
    for (let u = firstOp + 1; u < probe.length; u++) probe[u].set(pass.values[u]);
    const numeric = (up - down) / (2 * CHECK_STEP);
    maxAbsoluteError = Math.max(maxAbsoluteError, Math.abs(numeric - analytic[k]));
    const index = columns === null ? [k] : [Math.floor(k / columns), k % columns];
    entries.push({ index, analytic: analytic[k], numeric });
  }
  return { nodeId, tensor, step: CHECK_STEP, entries, size: analytic.length, maxAbsoluteError };
}

/** The flat indices of the `count` entries largest in magnitude (all of them in a smaller tensor), in index order. */
function largestEntries(values: Float64Array, count: number): number[] {
  const indices = Array.from({ length: values.length }, (_, i) => i);
  if (values.length <= count) return indices;
  indices.sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b);
  return indices.slice(0, count).sort((a, b) => a - b);
}
