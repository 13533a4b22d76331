// Element-wise activations, forward and backward side by side. Each backward may read the forward's input `x` and
// output `y` (whichever is cheaper) and either writes `dx` or adds to it (`accumulate`, when the input feeds several
// ops). Softmax is row-wise and lives in softmax.ts.
import type { ActivationName } from '../types';
import type { FloatArray } from '../tensor';
import { erf, normalPdf, sigmoid, softplus } from '../mathf';
import { softmaxBackward, softmaxForward } from './softmax';

const SQRT_HALF = 0.7071067811865476;

/** y = fn(x) over a [rows, width] matrix; `alpha` is the slope of leaky_relu and the scale of elu. */
export function activationForward(
  fn: ActivationName, x: FloatArray, y: FloatArray, rows: number, width: number, alpha: number,
): void {
  const count = rows * width;
  switch (fn) {
    case 'relu': for (let i = 0; i < count; i++) { const v = x[i]; y[i] = v > 0 ? v : 0; } return;
    case 'sigmoid': for (let i = 0; i < count; i++) y[i] = sigmoid(x[i]); return;
    case 'tanh': for (let i = 0; i < count; i++) y[i] = Math.tanh(x[i]); return;
    case 'softmax': softmaxForward(x, y, rows, width); return;
    case 'leaky_relu': for (let i = 0; i < count; i++) { const v = x[i]; y[i] = v > 0 ? v : alpha * v; } return;
    case 'elu': for (let i = 0; i < count; i++) { const v = x[i]; y[i] = v > 0 ? v : alpha * Math.expm1(v); } return;
    // Keras' default gelu (approximate=False): x·Φ(x) with Φ(x) = ½(1 + erf(x/√2)).
    case 'gelu': for (let i = 0; i < count; i++) { const v = x[i]; y[i] = 0.5 * v * (1 + erf(v * SQRT_HALF)); } return;
    // max(x, 0) + log1p(e^(−|x|)): no overflow for large x, no loss of precision for very negative x.
    case 'softplus':
      for (let i = 0; i < count; i++) y[i] = softplus(x[i]);
      return;
    case 'linear': for (let i = 0; i < count; i++) y[i] = x[i]; return;
  }
}

/** dx (+)= dy · fn'(x). */
export function activationBackward(
  fn: ActivationName, x: FloatArray, y: FloatArray, dy: FloatArray, dx: FloatArray,
  rows: number, width: number, alpha: number, accumulate: boolean,
): void {
  if (fn === 'softmax') { softmaxBackward(y, dy, dx, rows, width, accumulate); return; }
  const count = rows * width;
  if (fn === 'relu' && !accumulate) {
    // The common case gets its own loop, free of the per-element dispatch below.
    for (let i = 0; i < count; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
    return;
  }
  for (let i = 0; i < count; i++) {
    const grad = dy[i] * activationDerivative(fn, x[i], y[i], alpha);
    dx[i] = accumulate ? dx[i] + grad : grad;
  }
}

/** fn'(x), given both x and y = fn(x). */
function activationDerivative(fn: ActivationName, x: number, y: number, alpha: number): number {
  switch (fn) {
    case 'relu': return x > 0 ? 1 : 0;
    case 'sigmoid': return y * (1 - y);
    case 'tanh': return 1 - y * y;
    case 'leaky_relu': return x > 0 ? 1 : alpha;
    case 'elu': return x > 0 ? 1 : y + alpha; // d/dx α(eˣ − 1) = αeˣ = y + α
    case 'gelu': return 0.5 * (1 + erf(x * SQRT_HALF)) + x * normalPdf(x);
    case 'softplus': return sigmoid(x);
    case 'linear': return 1;
    case 'softmax': return Number.NaN; // row-wise, handled by softmaxBackward
  }
}
