// Builds the optimizer an OptimizerSpec names, over state slots the program allocated.
import type { OptimizerSpec } from '../types';
import type { Optimizer } from './types';
import { Sgd } from './sgd';
import { Adam } from './adam';
import { AdamW } from './adamw';
import { Rmsprop } from './rmsprop';
import { optimizerSlotCount } from './slots';

export type { Optimizer } from './types';

/** How many parameter-sized state buffers the optimizer needs. */
export { optimizerSlotCount };

/** Throws an Error naming the field when a setting is out of range. */
export function checkOptimizerSpec(spec: OptimizerSpec): void {
  const fail = (field: string, value: number, range: string): never => {
    throw new RangeError(`optimizer ${spec.type}: ${field} must be ${range}, got ${value}`);
  };
  if (!(spec.learningRate >= 0) || !Number.isFinite(spec.learningRate)) fail('learningRate', spec.learningRate, 'a finite number ≥ 0');
  if (spec.type === 'adam' || spec.type === 'adamw') {
    if (!(spec.beta1 >= 0 && spec.beta1 < 1)) fail('beta1', spec.beta1, 'in [0, 1)');
    if (!(spec.beta2 >= 0 && spec.beta2 < 1)) fail('beta2', spec.beta2, 'in [0, 1)');
    if (!(spec.epsilon >= 0)) fail('epsilon', spec.epsilon, '≥ 0');
  }
  if (spec.type === 'adamw' && !(spec.weightDecay >= 0)) fail('weightDecay', spec.weightDecay, '≥ 0');
  if (spec.type === 'sgd' && !(spec.momentum >= 0 && spec.momentum < 1)) fail('momentum', spec.momentum, 'in [0, 1)');
  if (spec.type === 'rmsprop') {
    if (!(spec.rho >= 0 && spec.rho < 1)) fail('rho', spec.rho, 'in [0, 1)');
    if (!(spec.momentum >= 0 && spec.momentum < 1)) fail('momentum', spec.momentum, 'in [0, 1)');
    if (!(spec.epsilon > 0)) fail('epsilon', spec.epsilon, '> 0');
  }
}

/** The optimizer over `slots` (exactly optimizerSlotCount(spec) buffers, each as long as the parameters). */
export function createOptimizer(given: OptimizerSpec, slots: Float32Array[]): Optimizer {
  // The optimizer's own copy: changing its learning rate mid-run must not write into the caller's config.
  const spec = { ...given };
  switch (spec.type) {
    case 'sgd': return new Sgd(spec, slots);
    case 'adam': return new Adam(spec, slots);
    case 'adamw': return new AdamW(spec, slots);
    case 'rmsprop': return new Rmsprop(spec, slots);
  }
}
