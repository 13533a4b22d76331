// What every optimizer offers the program. State lives in parameter-sized "slots" that the program allocates with
// all its other buffers (one backend.allocate call), so optimizers never allocate.

export interface Optimizer {
  /** Updates `params` in place from `grads` (both flat, all weights of the program). */
  step(params: Float32Array, grads: Float32Array): void;
  /** Forgets all state (moments, velocities, step count), as a freshly built optimizer. */
  reset(): void;
  /** Number of updates applied since the last reset. */
  readonly iterations: number;
  /**
   * The learning rate of the next step. Setting it changes nothing else (moments, velocities, the step count stay),
   * as assigning `optimizer.learning_rate` in Keras or a param group's `lr` in PyTorch does.
   */
  learningRate: number;
}
