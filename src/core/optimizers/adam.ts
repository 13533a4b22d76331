// Adam as Keras 3 computes it (the bias correction folded into the step size, epsilon outside the square root):
//   t ← t + 1
//   m ← β1·m + (1 − β1)·g
//   v ← β2·v + (1 − β2)·g²
//   lr_t = lr · √(1 − β2^t) / (1 − β1^t)
//   w ← w − lr_t · m / (√v + ε)
// Keras defaults: lr 0.001, β1 0.9, β2 0.999, ε 1e-7.
import type { Optimizer } from './types';
import { wasmAdamUpdate } from '../kernels/wasm/optimizers';

export interface AdamSettings { learningRate: number; beta1: number; beta2: number; epsilon: number }

/** One Adam update over all parameters; shared with AdamW, which decays the weights first. */
export function adamUpdate(
  settings: AdamSettings, iteration: number, params: Float32Array, grads: Float32Array,
  firstMoment: Float32Array, secondMoment: Float32Array,
): void {
  const { learningRate, beta1, beta2, epsilon } = settings;
  const stepSize = (learningRate * Math.sqrt(1 - Math.pow(beta2, iteration))) / (1 - Math.pow(beta1, iteration));
  const count = params.length;
  // On the wasm backend every buffer lives in the kernels' memory: the SIMD kernel does the same update 8× faster.
  if (wasmAdamUpdate(params, grads, firstMoment, secondMoment, count, stepSize, beta1, beta2, epsilon)) return;
  for (let i = 0; i < count; i++) {
    const g = grads[i];
    const m = beta1 * firstMoment[i] + (1 - beta1) * g;
    const v = beta2 * secondMoment[i] + (1 - beta2) * g * g;
    firstMoment[i] = m;
    secondMoment[i] = v;
    params[i] -= (stepSize * m) / (Math.sqrt(v) + epsilon);
  }
}

export class Adam implements Optimizer {
  iterations = 0;
  constructor(private readonly settings: AdamSettings, private readonly slots: Float32Array[]) {}

  step(params: Float32Array, grads: Float32Array): void {
    this.iterations++;
    adamUpdate(this.settings, this.iterations, params, grads, this.slots[0], this.slots[1]);
  }

  /** The rate the next step uses; a change keeps every moment, velocity and the step count. */
  get learningRate(): number {
    return this.settings.learningRate;
  }

  set learningRate(value: number) {
    this.settings.learningRate = value;
  }

  reset(): void {
    this.iterations = 0;
    for (const slot of this.slots) slot.fill(0);
  }
}
