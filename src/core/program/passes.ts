// The forward and backward passes over a planned program. Plain loops over the ops in the spec's (topological)
// order; every buffer comes from the layout, so a step allocates nothing. Written over the array type, so explain
// mode (src/core/explain/) runs the very same passes in float64 on one sample.
import type { ProgramSpec } from '../types';
import type { Random } from '../random';
import type { FloatArray } from '../tensor';
import type { GemmFn } from '../ops/dense';
import type { DenseWeights } from './layout';
import { denseBackward, denseForward } from '../ops/dense';
import { activationBackward, activationForward } from '../ops/activations';
import { dropoutBackward, dropoutForward } from '../ops/dropout';
import { addBackward, addForward, concatBackward, concatForward } from '../ops/merge';
import { featuresBackward, featuresForward } from '../ops/features';

/** The buffers the passes read and write, by ValueRef (values, valueGrads) and by op index (dense, masks). */
export interface PassBuffers<T extends FloatArray> {
  values: T[];
  valueGrads: T[];
  dense: readonly (DenseWeights<T> | null)[];
  masks: readonly (T | null)[];
}

export interface PassContext<T extends FloatArray = Float32Array> {
  spec: ProgramSpec;
  gemm: GemmFn<T>;
  buffers: PassBuffers<T>;
  dropoutRandom: Random;
  /**
   * Per op and input slot: whether its backward adds to the input's gradient (true) or writes it (false). The
   * first writer in backward order writes, so gradient buffers never need clearing even when a value feeds
   * several ops.
   */
  accumulateInput: boolean[][];
  /**
   * Also compute the gradient w.r.t. the features (valueGrads[0]): explain mode shows it; training never needs it,
   * so its planned buffer for value 0 is empty.
   */
  featureGradients?: boolean;
}

/** Plans `accumulateInput`: the loss writes its predictions' gradient first, then ops run in reverse order. */
export function planGradientWrites(spec: ProgramSpec): boolean[][] {
  const written: boolean[] = spec.valueWidths.map(() => false);
  written[spec.loss.predictions] = true;
  const plan: boolean[][] = spec.ops.map(() => []);
  for (let i = spec.ops.length - 1; i >= 0; i--) {
    const op = spec.ops[i];
    const inputs = op.kind === 'add' || op.kind === 'concat' ? op.inputs : [op.input];
    for (let slot = 0; slot < inputs.length; slot++) {
      plan[i][slot] = written[inputs[slot]];
      written[inputs[slot]] = true;
    }
  }
  return plan;
}

/**
 * Runs every op from `firstOp` on (all of them by default) on the first `rows` rows of `values` (values[0] holds the
 * features). Explain mode's numerical checks start later: ops before `firstOp` cannot read what they change.
 */
export function forwardPass<T extends FloatArray>(context: PassContext<T>, values: T[], rows: number, training: boolean, firstOp = 0): void {
  const { spec, gemm, buffers } = context;
  const widths = spec.valueWidths;
  for (let i = firstOp; i < spec.ops.length; i++) {
    const op = spec.ops[i];
    const output = values[i + 1];
    const width = widths[i + 1];
    switch (op.kind) {
      case 'dense': {
        const weights = buffers.dense[i]!;
        denseForward(gemm, values[op.input], weights.kernel, weights.bias, output, rows, weights.inputs, op.units);
        break;
      }
      case 'activation':
        activationForward(op.fn, values[op.input], output, rows, width, op.alpha);
        break;
      case 'dropout':
        dropoutForward(values[op.input], output, buffers.masks[i]!, rows * width, op.rate, training, context.dropoutRandom);
        break;
      case 'features':
        featuresForward(op.groups, values[op.input], output, rows, widths[op.input]);
        break;
      case 'add':
        addForward(values[op.inputs[0]], values[op.inputs[1]], output, rows * width);
        break;
      case 'concat':
        concatForward(values[op.inputs[0]], values[op.inputs[1]], output, rows, widths[op.inputs[0]], widths[op.inputs[1]]);
        break;
    }
  }
}

/**
 * Runs every op's backward in reverse order, from the loss gradient already in valueGrads[predictions], filling the
 * weight gradients. Gradients w.r.t. the features (value 0) are computed only with `featureGradients`.
 */
export function backwardPass<T extends FloatArray>(context: PassContext<T>, rows: number): void {
  const { spec, gemm, buffers, accumulateInput } = context;
  // The value whose gradient is not computed: the features (0), or none (-1) when explain mode asks for them.
  const skip = context.featureGradients === true ? -1 : 0;
  const { values, valueGrads } = buffers;
  const widths = spec.valueWidths;
  for (let i = spec.ops.length - 1; i >= 0; i--) {
    const op = spec.ops[i];
    const outputGrad = valueGrads[i + 1];
    const width = widths[i + 1];
    const accumulate = accumulateInput[i];
    switch (op.kind) {
      case 'dense': {
        const w = buffers.dense[i]!;
        const inputGrad = op.input === skip ? null : valueGrads[op.input];
        denseBackward(gemm, values[op.input], w.kernel, outputGrad, inputGrad, w.kernelGrad, w.biasGrad, rows, w.inputs, op.units, accumulate[0]);
        break;
      }
      case 'activation':
        if (op.input !== skip) {
          activationBackward(op.fn, values[op.input], values[i + 1], outputGrad, valueGrads[op.input], rows, width, op.alpha, accumulate[0]);
        }
        break;
      case 'dropout':
        if (op.input !== skip) dropoutBackward(outputGrad, buffers.masks[i]!, valueGrads[op.input], rows * width, accumulate[0]);
        break;
      case 'features':
        if (op.input !== skip) featuresBackward(op.groups, values[op.input], outputGrad, valueGrads[op.input], rows, widths[op.input], accumulate[0]);
        break;
      case 'add':
        for (let slot = 0; slot < 2; slot++) {
          if (op.inputs[slot] !== skip) addBackward(outputGrad, valueGrads[op.inputs[slot]], rows * width, accumulate[slot]);
        }
        break;
      case 'concat': {
        const firstWidth = widths[op.inputs[0]];
        for (let slot = 0; slot < 2; slot++) {
          const input = op.inputs[slot];
          if (input !== skip) concatBackward(outputGrad, valueGrads[input], rows, width, slot === 0 ? 0 : firstWidth, widths[input], accumulate[slot]);
        }
        break;
      }
    }
  }
}
