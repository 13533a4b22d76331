// The dense layer y = x·W + b, with W stored [in, units] as Keras does. All matrix products go through the
// backend's gemm, which is the only place a faster backend needs to differ.
import type { FloatArray } from '../tensor';

/** A gemm over one array type: the backend's (float32) or the reference one (float64 in the checks). */
export type GemmFn<T extends FloatArray> = (
  transA: boolean, transB: boolean, m: number, n: number, k: number, a: T, b: T, c: T, accumulate: boolean,
) => void;

/** y[rows, units] = x[rows, in] · kernel[in, units] + bias. */
export function denseForward<T extends FloatArray>(
  gemm: GemmFn<T>, x: T, kernel: T, bias: T | null, y: T, rows: number, inputs: number, units: number,
): void {
  if (bias === null) {
    gemm(false, false, rows, units, inputs, x, kernel, y, false);
    return;
  }
  // Start every row at the bias and let gemm accumulate onto it: one pass instead of a separate bias pass.
  for (let r = 0; r < rows; r++) {
    const offset = r * units;
    for (let u = 0; u < units; u++) y[offset + u] = bias[u];
  }
  gemm(false, false, rows, units, inputs, x, kernel, y, true);
}

/**
 * kernelGrad = xᵀ·dy, biasGrad = Σ_rows dy, and dx (+)= dy·kernelᵀ unless `dx` is null (the input is the data,
 * which needs no gradient).
 */
export function denseBackward<T extends FloatArray>(
  gemm: GemmFn<T>, x: T, kernel: T, dy: T, dx: T | null, kernelGrad: T, biasGrad: T | null,
  rows: number, inputs: number, units: number, accumulateDx: boolean,
): void {
  gemm(true, false, inputs, units, rows, x, dy, kernelGrad, false);
  if (biasGrad !== null) {
    biasGrad.fill(0, 0, units);
    for (let r = 0; r < rows; r++) {
      const offset = r * units;
      for (let u = 0; u < units; u++) biasGrad[u] += dy[offset + u];
    }
  }
  if (dx !== null) gemm(false, true, rows, inputs, units, dy, kernel, dx, accumulateDx);
}
