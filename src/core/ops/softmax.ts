// Row-wise softmax, forward and backward. The row maximum is subtracted before exponentiating, so logits of any
// size give finite probabilities.
import type { FloatArray } from '../tensor';

/** y[r, :] = exp(x[r, :] − max) / Σ exp(x[r, :] − max). */
export function softmaxForward(x: FloatArray, y: FloatArray, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    let max = x[offset];
    for (let c = 1; c < width; c++) if (x[offset + c] > max) max = x[offset + c];
    let sum = 0;
    for (let c = 0; c < width; c++) {
      const e = Math.exp(x[offset + c] - max);
      y[offset + c] = e;
      sum += e;
    }
    const inverse = 1 / sum;
    for (let c = 0; c < width; c++) y[offset + c] *= inverse;
  }
}

/** dx[r, j] (+)= y_j (dy_j − Σ_k dy_k y_k): the softmax Jacobian applied to dy without forming it. */
export function softmaxBackward(
  y: FloatArray, dy: FloatArray, dx: FloatArray, rows: number, width: number, accumulate: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    let dot = 0;
    for (let c = 0; c < width; c++) dot += dy[offset + c] * y[offset + c];
    for (let c = 0; c < width; c++) {
      const i = offset + c;
      const grad = y[i] * (dy[i] - dot);
      dx[i] = accumulate ? dx[i] + grad : grad;
    }
  }
}

/** log Σ exp(x[offset…offset+width)), stable for any magnitude. */
export function logSumExp(x: FloatArray, offset: number, width: number): number {
  let max = x[offset];
  for (let c = 1; c < width; c++) if (x[offset + c] > max) max = x[offset + c];
  if (max === Infinity || max === -Infinity) return max;
  let sum = 0;
  for (let c = 0; c < width; c++) sum += Math.exp(x[offset + c] - max);
  return max + Math.log(sum);
}
