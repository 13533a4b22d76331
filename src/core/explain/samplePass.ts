// One sample through a program in float64: the training core's own forward and backward passes and loss, run on
// buffers of one row. Dropout is inactive (inference), so the numbers are those of the model as it predicts.
import type { NamedTensor, ProgramSpec } from '../types';
import { gemm } from '../kernels/js';
import { Random } from '../random';
import { paramCountOf, sliceDenseWeights, type DenseWeights } from '../program/layout';
import { backwardPass, forwardPass, planGradientWrites, type PassContext } from '../program/passes';
import { computeLoss, lossIsFused } from '../program/lossPass';
import { writeWeights } from '../program/weightsIo';

export interface SamplePass {
  spec: ProgramSpec;
  context: PassContext<Float64Array>;
  /** By ValueRef: values[0] is the features, values[i + 1] op i's output. */
  values: Float64Array[];
  /** ∂L/∂value, by ValueRef (the features' too). */
  valueGrads: Float64Array[];
  /** Every weight, flat; each dense op's kernel and bias are views of it. */
  params: Float64Array;
  dense: readonly (DenseWeights<Float64Array> | null)[];
  labels: Float64Array;
  /** σ/softmax of the logits when the loss applies it. */
  probabilities: Float64Array;
}

/** Buffers for one row, holding `weights` (throws an Error naming a missing or misshapen tensor). */
export function createSamplePass(spec: ProgramSpec, weights: readonly NamedTensor[]): SamplePass {
  const widths = spec.valueWidths;
  const paramCount = paramCountOf(spec);
  const params = new Float64Array(paramCount);
  const dense = sliceDenseWeights(spec, params, new Float64Array(paramCount));
  writeWeights(dense, [...weights]);
  const values = widths.map((width) => new Float64Array(width));
  const valueGrads = widths.map((width) => new Float64Array(width));
  const masks = spec.ops.map((op, i) => (op.kind === 'dropout' ? new Float64Array(widths[i + 1]) : null));
  const context: PassContext<Float64Array> = {
    spec, gemm, buffers: { values, valueGrads, dense, masks },
    // Never drawn from: explain runs every pass with training off, where dropout is the identity.
    dropoutRandom: new Random(0),
    accumulateInput: planGradientWrites(spec),
    featureGradients: true,
  };
  return {
    spec, context, values, valueGrads, params, dense,
    labels: new Float64Array(spec.labelWidth), probabilities: new Float64Array(widths[spec.loss.predictions]),
  };
}

/** Forward, loss and backward for the sample already in values[0] and labels; returns the loss. */
export function runSample(pass: SamplePass): number {
  const { spec, values, valueGrads } = pass;
  const predictions = spec.loss.predictions;
  forwardPass(pass.context, values, 1, false);
  const probabilities = lossIsFused(spec) ? pass.probabilities : null;
  const loss = computeLoss(spec, values[predictions], pass.labels, valueGrads[predictions], probabilities, 1);
  backwardPass(pass.context, 1);
  return loss;
}

/**
 * The loss after running the ops from `firstOp` on `values` (whose earlier values are left as they are): what the
 * numerical checks evaluate around a perturbed value or weight.
 */
export function lossFrom(pass: SamplePass, values: Float64Array[], firstOp: number): number {
  const { spec } = pass;
  forwardPass(pass.context, values, 1, false, firstOp);
  return computeLoss(spec, values[spec.loss.predictions], pass.labels, null, null, 1);
}
