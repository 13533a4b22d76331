// The weights a run may still save after a non-finite stop.
import { allFinite } from './tensor';
import type { NamedTensor } from './types';
import type { TrainingProgram } from './program/types';

/**
 * The program's weights when every value is finite, else undefined. After a non-finite stop they are the weights
 * from before the failing step (the step guard runs before the optimizer update); they are non-finite only when an
 * earlier update itself overflowed, which the guard cannot see until the next forward pass.
 */
export function lastFiniteWeights(program: Pick<TrainingProgram, 'getWeights'>): NamedTensor[] | undefined {
  const weights = program.getWeights();
  return weights.every((tensor) => allFinite(tensor.data, tensor.data.length)) ? weights : undefined;
}
