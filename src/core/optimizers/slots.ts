// How many parameter-sized state buffers each optimizer keeps, in one place with no kernels behind it: the program
// lays its buffers out from it, and the graph checker (which the webview also runs) prices a model with it.
import type { OptimizerSpec } from '../types';

export function optimizerSlotCount(spec: OptimizerSpec): number {
  switch (spec.type) {
    case 'sgd': return spec.momentum > 0 ? 1 : 0; // the velocity
    case 'adam':
    case 'adamw': return 2; // m and v
    case 'rmsprop': return 1 + (spec.momentum > 0 ? 1 : 0) + (spec.centered ? 1 : 0); // v, then momentum, then the mean
  }
}
