// Plans every buffer of a program once, allocates them in one backend.allocate call and hands out named views.
// Weights live in one flat `params` array (and their gradients in one flat `paramGrads`), so the optimizer update
// and the finiteness check are single loops; each kernel and bias is a subarray of it.
import type { Backend } from '../kernels/types';
import type { OptimizerSpec, ProgramSpec } from '../types';
import { optimizerSlotCount } from '../optimizers/index';

/** Where a dense op's weights sit inside the flat parameter array. */
export interface DenseWeights {
  opIndex: number;
  nodeId: string;
  inputs: number;
  units: number;
  kernel: Float32Array;
  bias: Float32Array | null;
  kernelGrad: Float32Array;
  biasGrad: Float32Array | null;
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

/** Plans and allocates every buffer of `spec` for batches of up to `capacity` rows. */
export function allocateProgramBuffers(
  spec: ProgramSpec, capacity: number, optimizer: OptimizerSpec, backend: Backend,
): ProgramBuffers {
  const widths = spec.valueWidths;
  const valueCount = widths.length;
  let paramCount = 0;
  for (const op of spec.ops) {
    if (op.kind === 'dense') paramCount += widths[op.input] * op.units + (op.useBias ? op.units : 0);
  }
  const slotCount = optimizerSlotCount(optimizer);
  const predictionWidth = widths[spec.loss.predictions];
  const lengths: number[] = [];
  for (let v = 0; v < valueCount; v++) lengths.push(capacity * widths[v]); // values
  for (let v = 0; v < valueCount; v++) lengths.push(v === 0 ? 0 : capacity * widths[v]); // valueGrads
  for (let v = 0; v < valueCount; v++) lengths.push(capacity * widths[v]); // inferenceValues
  lengths.push(capacity * spec.labelWidth, capacity * spec.labelWidth, paramCount, paramCount);
  spec.ops.forEach((op, i) => lengths.push(op.kind === 'dropout' ? capacity * widths[i + 1] : 0));
  lengths.push(capacity * predictionWidth, capacity * predictionWidth);
  for (let s = 0; s < slotCount; s++) lengths.push(paramCount);

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

/** Kernel then bias per dense op, in op order: the same order weights are initialized and listed. */
function sliceDenseWeights(spec: ProgramSpec, params: Float32Array, paramGrads: Float32Array): (DenseWeights | null)[] {
  let offset = 0;
  return spec.ops.map((op, opIndex) => {
    if (op.kind !== 'dense') return null;
    const inputs = spec.valueWidths[op.input];
    const kernelLength = inputs * op.units;
    const kernel = params.subarray(offset, offset + kernelLength);
    const kernelGrad = paramGrads.subarray(offset, offset + kernelLength);
    offset += kernelLength;
    let bias: Float32Array | null = null;
    let biasGrad: Float32Array | null = null;
    if (op.useBias) {
      bias = params.subarray(offset, offset + op.units);
      biasGrad = paramGrads.subarray(offset, offset + op.units);
      offset += op.units;
    }
    return { opIndex, nodeId: op.nodeId, inputs, units: op.units, kernel, bias, kernelGrad, biasGrad };
  });
}
