// RMSprop as Keras 3 (plain momentum, epsilon inside the square root):
//   v ← ρ·v + (1 − ρ)·g²
//   centered: a ← ρ·a + (1 − ρ)·g;  d = v − a² + ε      otherwise: d = v + ε
//   Δ = lr·g / √d
//   with momentum: m ← momentum·m + Δ;  w ← w − m       otherwise: w ← w − Δ
// Keras defaults: lr 0.001, ρ 0.9, momentum 0, ε 1e-7, centered false.
import type { Optimizer } from './types';

export interface RmspropSettings { learningRate: number; rho: number; momentum: number; epsilon: number; centered: boolean }

export class Rmsprop implements Optimizer {
  iterations = 0;
  private readonly velocity: Float32Array;
  private readonly momentumSlot: Float32Array | null;
  private readonly averageGrad: Float32Array | null;

  constructor(private readonly settings: RmspropSettings, private readonly slots: Float32Array[]) {
    this.velocity = slots[0];
    let next = 1;
    this.momentumSlot = settings.momentum > 0 ? slots[next++] : null;
    this.averageGrad = settings.centered ? slots[next++] : null;
  }

  step(params: Float32Array, grads: Float32Array): void {
    const { learningRate, rho, momentum, epsilon } = this.settings;
    const { velocity, momentumSlot, averageGrad } = this;
    const count = params.length;
    this.iterations++;
    for (let i = 0; i < count; i++) {
      const g = grads[i];
      const v = rho * velocity[i] + (1 - rho) * g * g;
      velocity[i] = v;
      let denominator = v + epsilon;
      if (averageGrad !== null) {
        const a = rho * averageGrad[i] + (1 - rho) * g;
        averageGrad[i] = a;
        denominator -= a * a;
      }
      const increment = (learningRate * g) / Math.sqrt(denominator);
      if (momentumSlot !== null) {
        const m = momentum * momentumSlot[i] + increment;
        momentumSlot[i] = m;
        params[i] -= m;
      } else {
        params[i] -= increment;
      }
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
