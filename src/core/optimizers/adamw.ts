// AdamW as Keras 3: the weight decay is decoupled from the gradient and applied before the Adam step,
//   w ← w − lr·wd·w
//   then the Adam update (see adam.ts).
// Keras defaults: weight_decay 0.004, lr 0.001, β1 0.9, β2 0.999, ε 1e-7. Like Keras with no exclusion list, every
// weight is decayed, biases included.
import type { Optimizer } from './types';
import { adamUpdate, type AdamSettings } from './adam';

export interface AdamWSettings extends AdamSettings { weightDecay: number }

export class AdamW implements Optimizer {
  iterations = 0;
  constructor(private readonly settings: AdamWSettings, private readonly slots: Float32Array[]) {}

  step(params: Float32Array, grads: Float32Array): void {
    this.iterations++;
    const decay = this.settings.learningRate * this.settings.weightDecay;
    if (decay !== 0) {
      const count = params.length;
      for (let i = 0; i < count; i++) params[i] -= decay * params[i];
    }
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
