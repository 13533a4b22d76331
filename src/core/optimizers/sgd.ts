// Stochastic gradient descent with optional (Nesterov) momentum, as Keras 3's SGD:
//   without momentum:  w ← w − lr·g
//   with momentum:     m ← momentum·m − lr·g
//                      w ← w + m                      (classic)
//                      w ← w + momentum·m − lr·g      (nesterov)
import type { Optimizer } from './types';

export interface SgdSettings { learningRate: number; momentum: number; nesterov: boolean }

export class Sgd implements Optimizer {
  iterations = 0;
  constructor(private readonly settings: SgdSettings, private readonly slots: Float32Array[]) {}

  step(params: Float32Array, grads: Float32Array): void {
    const { learningRate, momentum, nesterov } = this.settings;
    const count = params.length;
    this.iterations++;
    if (momentum <= 0) {
      for (let i = 0; i < count; i++) params[i] -= learningRate * grads[i];
      return;
    }
    const velocity = this.slots[0];
    for (let i = 0; i < count; i++) {
      const m = momentum * velocity[i] - learningRate * grads[i];
      velocity[i] = m;
      params[i] += nesterov ? momentum * m - learningRate * grads[i] : m;
    }
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
