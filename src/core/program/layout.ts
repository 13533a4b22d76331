// Plans every buffer of a program once, allocates them in one backend.allocate call and hands out named views.
// Weights live in one flat `params` array (and their gradients in one flat `paramGrads`), so the optimizer update
// and the finiteness check are single loops; each kernel and bias is a subarray of it.
import type { Backend } from '../kernels/types';
import type { OptimizerSpec, ProgramSpec } from '../types';
import type { FloatArray } from '../tensor';
import { optimizerSlotCount } from '../optimizers/slots';

/** Where a dense op's weights sit inside the flat parameter array (float32 in training, float64 in explain mode). */
export interface DenseWeights<T extends FloatArray = Float32Array> {
  opIndex: number;
  nodeId: string;
  inputs: number;
  units: number;
  kernel: T;
  bias: T | null;
  kernelGrad: T;
  biasGrad: T | null;
}

export interface ProgramBuffers {
  /** Forward values of training steps, by ValueRef ([batchCapacity, width] each); values[0] holds the batch features. */
  values: Float32Array[];
  /** Gradients w.r.t. the values, by ValueRef. */
  valueGrads: Float32Array[];
  /** Forward values of evaluate/predict, kept apart so nodeStats still describes the last training step. */
  inferenceValues: Float32Array[];
  /** Batch labels of training steps and of evaluation chunks. */
  labels: Float32Array;
  inferenceLabels: Float32Array;
  params: Float32Array;
  paramGrads: Float32Array;
  dense: (DenseWeights | null)[];
  /** Dropout masks, by op index (null for other ops). */
  masks: (Float32Array | null)[];
  /** σ/softmax of the logits when the loss is fused (for predict, accuracy and the folded node's stats). */
  probs: Float32Array;
  inferenceProbs: Float32Array;
  optimizerSlots: Float32Array[];
}

/**
 * What the buffers' sizes depend on. The graph checker builds it from shapes to price a model before it exists
 * (program/memory.ts), so the one table of buffers below is also the one the memory budget is computed from.
 */
export interface BufferPlan {
  /** By ValueRef: the features' width, then each op's output width. */
  valueWidths: readonly number[];
  paramCount: number;
  labelWidth: number;
  predictionWidth: number;
  /** Per op: the output width of a dropout op (its mask), 0 for other ops. */
  dropoutWidths: readonly number[];
  optimizerSlots: number;
}

/** The number of weights (kernels and biases) of a program. */
export function paramCountOf(spec: ProgramSpec): number {
  const widths = spec.valueWidths;
  let paramCount = 0;
  for (const op of spec.ops) {
    if (op.kind === 'dense') paramCount += widths[op.input] * op.units + (op.useBias ? op.units : 0);
  }
  return paramCount;
}

export function bufferPlanOf(spec: ProgramSpec, optimizer: OptimizerSpec): BufferPlan {
  const widths = spec.valueWidths;
  return {
    valueWidths: widths, paramCount: paramCountOf(spec), labelWidth: spec.labelWidth, predictionWidth: widths[spec.loss.predictions],
    dropoutWidths: spec.ops.map((op, i) => (op.kind === 'dropout' ? widths[i + 1] : 0)),
    optimizerSlots: optimizerSlotCount(optimizer),
  };
}

/** The length of every buffer, in the order allocateProgramBuffers hands them out. */
export function planBufferLengths(plan: BufferPlan, capacity: number): number[] {
  const { valueWidths, paramCount } = plan;
  const valueCount = valueWidths.length;
  const lengths: number[] = [];
  for (let v = 0; v < valueCount; v++) lengths.push(capacity * valueWidths[v]); // values
  for (let v = 0; v < valueCount; v++) lengths.push(v === 0 ? 0 : capacity * valueWidths[v]); // valueGrads
  for (let v = 0; v < valueCount; v++) lengths.push(capacity * valueWidths[v]); // inferenceValues
  lengths.push(capacity * plan.labelWidth, capacity * plan.labelWidth, paramCount, paramCount);
  for (const width of plan.dropoutWidths) lengths.push(capacity * width);
  lengths.push(capacity * plan.predictionWidth, capacity * plan.predictionWidth);
  for (let s = 0; s < plan.optimizerSlots; s++) lengths.push(paramCount);
  return lengths;
}

/** Plans and allocates every buffer of `spec` for batches of up to `capacity` rows. */
export function allocateProgramBuffers(
  spec: ProgramSpec, capacity: number, optimizer: OptimizerSpec, backend: Backend,
): ProgramBuffers {
  const plan = bufferPlanOf(spec, optimizer);
  const valueCount = spec.valueWidths.length;
  const slotCount = plan.optimizerSlots;
  const lengths = planBufferLengths(plan, capacity);

  const buffers = backend.allocate(lengths);
  let next = 0;
  const take = (count: number): Float32Array[] => buffers.slice(next, (next += count));
  const values = take(valueCount);
  const valueGrads = take(valueCount);
  const inferenceValues = take(valueCount);
  const [labels, inferenceLabels, params, paramGrads] = take(4);
  const masks = take(spec.ops.length).map((mask, i) => (spec.ops[i].kind === 'dropout' ? mask : null));
  const [probs, inferenceProbs] = take(2);
  const optimizerSlots = take(slotCount);
  return {
    values, valueGrads, inferenceValues, labels, inferenceLabels, params, paramGrads,
    dense: sliceDenseWeights(spec, params, paramGrads), masks, probs, inferenceProbs, optimizerSlots,
  };
}

/**
 * Kernel then bias per dense op, in op order: the same order weights are initialized and listed. `params` and
 * `paramGrads` hold paramCountOf(spec) values each.
 */
export function sliceDenseWeights<T extends FloatArray>(spec: ProgramSpec, params: T, paramGrads: T): (DenseWeights<T> | null)[] {
  let offset = 0;
  return spec.ops.map((op, opIndex) => {
    if (op.kind !== 'dense') return null;
    const inputs = spec.valueWidths[op.input];
    const kernelLength = inputs * op.units;
    const kernel = params.subarray(offset, offset + kernelLength) as T;
    const kernelGrad = paramGrads.subarray(offset, offset + kernelLength) as T;
    offset += kernelLength;
    let bias: T | null = null;
    let biasGrad: T | null = null;
    if (op.useBias) {
      bias = params.subarray(offset, offset + op.units) as T;
      biasGrad = paramGrads.subarray(offset, offset + op.units) as T;
      offset += op.units;
    }
    return { opIndex, nodeId: op.nodeId, inputs, units: op.units, kernel, bias, kernelGrad, biasGrad };
  });
}
