// Keras' kernel_regularizer on dense layers: penalty = l1·Σ|w| + l2·Σw² (Keras' l2 has no ½), added to the loss of
// every batch; its gradient l1·sign(w) + 2·l2·w is added to the kernel's gradient. sign(0) = 0, as the gradient of
// |w| in TensorFlow and PyTorch. Biases are not penalized (kernel_regularizer only).
import type { FloatArray } from '../tensor';

/** l1·Σ|w| + l2·Σw² over the kernel, summed in float64. */
export function kernelPenaltyForward(kernel: FloatArray, l1: number, l2: number): number {
  let absSum = 0;
  let squareSum = 0;
  for (let i = 0; i < kernel.length; i++) {
    const w = kernel[i];
    absSum += Math.abs(w);
    squareSum += w * w;
  }
  return l1 * absSum + l2 * squareSum;
}

/** kernelGrad += d penalty / d kernel = l1·sign(w) + 2·l2·w. */
export function kernelPenaltyBackward(kernel: FloatArray, kernelGrad: FloatArray, l1: number, l2: number): void {
  const twoL2 = 2 * l2;
  for (let i = 0; i < kernel.length; i++) {
    const w = kernel[i];
    kernelGrad[i] += l1 * Math.sign(w) + twoL2 * w;
  }
}
