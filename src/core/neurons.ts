// The neuron view's numbers (TensorFlow Playground's picture): for a plain stack of dense layers on two input
// features, which layers to draw, every unit's activation at given points of the input plane, and the weights
// between consecutive layers. Pure: a compiled program's spec and named weights in, typed arrays out, computed with
// the training core's own forward pass (inference mode, so dropout is the identity).
import type { ActivationName, NamedTensor, ProgramSpec, ValueRef } from './types';
import { gemm } from './kernels/js';
import { Random } from './random';
import { paramCountOf, sliceDenseWeights } from './program/layout';
import { forwardPass, planGradientWrites, type PassContext } from './program/passes';
import { logitsToProbabilities, lossIsFused } from './program/lossPass';
import { writeWeights } from './program/weightsIo';

/** The widest dense layer the view draws: more heatmaps than this no longer fit a panel or a person's attention. */
export const maxNeuronUnits = 16;

export interface NeuronLayer {
  /** The dense node whose units these are. */
  nodeId: string;
  /** Index of the dense op in `spec.ops`. */
  opIndex: number;
  units: number;
  /** The activation the view shows the units through: the node right after the dense, or σ/softmax a fused loss applies. */
  activation?: { nodeId: string; fn: ActivationName };
  /** The value drawn: the activation's output, else the dense's own (logits when `probabilities`). */
  value: ValueRef;
  /** The loss applies σ/softmax to `value` itself, so the view shows the probabilities it computes. */
  probabilities: boolean;
}

/** The layers to draw, input side first, or the sentence saying why this program has no neuron view. */
export type NeuronLayout = { ok: true; layers: NeuronLayer[] } | { ok: false; reason: string };

/** The dense op whose output `value` is, through activations and dropouts; -1 for the features. */
function denseSourceOf(spec: ProgramSpec, value: ValueRef): number | 'merge' {
  let current = value;
  for (;;) {
    if (current === 0) return -1;
    const op = spec.ops[current - 1];
    if (op.kind === 'dense') return current - 1;
    if (op.kind === 'add' || op.kind === 'concat') return 'merge';
    current = op.input;
  }
}

/** The value the view shows for a dense op's units, and the activation it went through. */
function shownValue(spec: ProgramSpec, opIndex: number): Pick<NeuronLayer, 'activation' | 'value' | 'probabilities'> {
  const denseOutput = opIndex + 1;
  const { loss } = spec;
  if (denseOutput === loss.predictions && loss.kind !== 'mse' && lossIsFused(spec)) {
    const fn: ActivationName = loss.kind === 'binary-cross-entropy' ? 'sigmoid' : 'softmax';
    return { value: denseOutput, probabilities: true, activation: loss.activationNodeId !== undefined ? { nodeId: loss.activationNodeId, fn } : undefined };
  }
  // Through dropouts (the identity when predicting) to the one activation that reads the units, if there is one.
  let value = denseOutput;
  for (;;) {
    const consumers = spec.ops.filter((op) => op.kind !== 'add' && op.kind !== 'concat' && op.input === value);
    const only = consumers.length === 1 ? consumers[0] : undefined;
    if (only?.kind === 'activation') {
      return { value: spec.ops.indexOf(only) + 1, probabilities: false, activation: { nodeId: only.nodeId, fn: only.fn } };
    }
    if (only?.kind !== 'dropout') return { value: denseOutput, probabilities: false };
    value = spec.ops.indexOf(only) + 1;
  }
}

/**
 * The layers of a program the neuron view can draw: two input features, and every dense op a unit-for-unit
 * successor of the one before (no add or concat in the way), none wider than `maxUnits`.
 */
export function neuronLayout(spec: ProgramSpec, maxUnits = maxNeuronUnits): NeuronLayout {
  if (spec.featureCount !== 2) {
    return { ok: false, reason: `The neuron view draws networks with 2 input features; this one has ${spec.featureCount}.` };
  }
  const merge = spec.ops.find((op) => op.kind === 'add' || op.kind === 'concat');
  if (merge !== undefined) {
    return { ok: false, reason: `The neuron view draws a plain stack of dense layers; node "${merge.nodeId}" merges two branches.` };
  }
  const layers: NeuronLayer[] = [];
  for (let opIndex = 0; opIndex < spec.ops.length; opIndex++) {
    const op = spec.ops[opIndex];
    if (op.kind !== 'dense') continue;
    if (op.units > maxUnits) {
      return { ok: false, reason: `The neuron view draws dense layers of up to ${maxUnits} units; "${op.nodeId}" has ${op.units}.` };
    }
    const previous = layers.length === 0 ? -1 : layers[layers.length - 1].opIndex;
    if (denseSourceOf(spec, op.input) !== previous) {
      return { ok: false, reason: `The neuron view draws a plain stack of dense layers; "${op.nodeId}" does not follow the layer before it.` };
    }
    layers.push({ nodeId: op.nodeId, opIndex, units: op.units, ...shownValue(spec, opIndex) });
  }
  if (layers.length === 0) return { ok: false, reason: 'The neuron view draws dense layers; this network has none.' };
  return { ok: true, layers };
}

export interface NeuronLayerValues {
  /** [sampleCount, units] row-major: each unit's activation at each point. */
  activations: Float32Array;
  /** [inputs, units] row-major: the weights from the layer before (the features for the first layer). */
  kernel: Float32Array;
}

/**
 * Every drawn unit's activation at `sampleCount` points (`features` [sampleCount, 2], scaled as the model's inputs
 * are), and each layer's kernel, under `weights`. Throws an Error naming a missing or misshapen tensor.
 */
export function neuronActivations(
  spec: ProgramSpec, layers: readonly NeuronLayer[], weights: readonly NamedTensor[], features: Float32Array, sampleCount: number,
): NeuronLayerValues[] {
  const widths = spec.valueWidths;
  const paramCount = paramCountOf(spec);
  const params = new Float32Array(paramCount);
  const dense = sliceDenseWeights(spec, params, new Float32Array(paramCount));
  writeWeights(dense, [...weights]);
  const values = widths.map((width) => new Float32Array(sampleCount * width));
  values[0].set(features.subarray(0, sampleCount * spec.featureCount));
  const masks = spec.ops.map((op, i) => (op.kind === 'dropout' ? new Float32Array(sampleCount * widths[i + 1]) : null));
  const context: PassContext = {
    spec, gemm, buffers: { values, valueGrads: [], dense, masks },
    // Never drawn from: inference, where dropout is the identity (it still writes its mask of ones).
    dropoutRandom: new Random(0),
    accumulateInput: planGradientWrites(spec),
  };
  forwardPass(context, values, sampleCount, false);
  return layers.map((layer) => {
    let activations = values[layer.value].slice(0, sampleCount * widths[layer.value]);
    if (layer.probabilities) {
      const probabilities = new Float32Array(activations.length);
      logitsToProbabilities(spec, activations, probabilities, sampleCount);
      activations = probabilities;
    }
    return { activations, kernel: dense[layer.opIndex]!.kernel.slice() };
  });
}
