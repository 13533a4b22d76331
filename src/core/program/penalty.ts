// The regularization term of a program's loss: each dense op's kernel penalty (ops/regularizers.ts). Kept apart from
// the passes because it reads the weights, not the batch: a step adds it once to the batch's mean loss, and
// evaluation adds it once to the mean over all rows, as Keras adds `model.losses` in both fit and evaluate.
import type { ProgramSpec } from '../types';
import type { FloatArray } from '../tensor';
import type { DenseWeights } from './layout';
import { kernelPenaltyBackward, kernelPenaltyForward } from '../ops/regularizers';

/** True when some dense op has a non-zero l1 or l2. */
export function hasPenalty(spec: ProgramSpec): boolean {
  return spec.ops.some((op) => op.kind === 'dense' && ((op.l1 ?? 0) > 0 || (op.l2 ?? 0) > 0));
}

/**
 * Σ over dense ops of l1·Σ|kernel| + l2·Σkernel²; with `addGradients`, also adds each penalty's gradient to the
 * op's kernel gradient (call it after the backward pass has written them).
 */
export function regularizationPenalty<T extends FloatArray>(
  spec: ProgramSpec, dense: readonly (DenseWeights<T> | null)[], addGradients: boolean,
): number {
  let penalty = 0;
  for (let i = 0; i < spec.ops.length; i++) {
    const op = spec.ops[i];
    if (op.kind !== 'dense') continue;
    const l1 = op.l1 ?? 0;
    const l2 = op.l2 ?? 0;
    if (l1 === 0 && l2 === 0) continue;
    const weights = dense[i]!;
    penalty += kernelPenaltyForward(weights.kernel, l1, l2);
    if (addGradients) kernelPenaltyBackward(weights.kernel, weights.kernelGrad, l1, l2);
  }
  return penalty;
}
