// The JSON form of an explanation (what `nngraph explain --json` prints and a webview would receive): values as
// nested arrays in the tensor's shape without the batch axis, a kernel as [in][units], the loss as a number. Node ids
// come from a file, so the maps keyed by them have no prototype (a node called "__proto__" is just a key).
import type { ActivationChain, CheckedEntry, CheckedTensor, DenseChain, Explanation, ExplainedNodeRole, LossPieces } from './types';

/** A tensor as JSON: a number for shape [], else arrays nested as deep as the shape. */
export type NestedArray = number | NestedArray[];

/** Where the sample and the weights came from, which the explanation itself does not know. */
export interface ExplanationContext {
  /** The row's index in the dataset, in file order, from 0. */
  sampleIndex: number;
  sampleCount: number;
  /** The label as the dataset holds it: a class index, or the label columns. */
  label: number | number[];
  weights: { source: 'file'; path: string } | { source: 'initial'; seed: number };
}

export interface ExplainedNodeJson {
  role: ExplainedNodeRole;
  output: NestedArray;
  outputGrad: NestedArray;
  paramGrads?: { kernel: NestedArray; bias?: NestedArray };
}

export interface ExplanationJson {
  sample: number;
  rows: number;
  /** The row's features after the graph's normalization: what the model reads. */
  features: NestedArray;
  label: number | number[];
  loss: number;
  weights: ExplanationContext['weights'];
  dropout: 'inactive (inference)';
  precision: 'float64';
  nodes: Record<string, ExplainedNodeJson>;
  lossNode: Record<string, unknown>;
  dense: Record<string, Record<string, unknown>>;
  activations: Record<string, Record<string, unknown>>;
  checks: Array<{ node: string; tensor: CheckedTensor; step: number; size: number; maxAbsoluteError: number; entries: CheckedEntry[] }>;
}

/** `flat` (row-major) as arrays nested by `shape`; non-finite numbers become null in JSON.stringify, as everywhere. */
export function nestedArray(flat: ArrayLike<number>, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return flat[0];
  const nest = (offset: number, axis: number): NestedArray[] => {
    const length = shape[axis];
    if (axis === shape.length - 1) return Array.from({ length }, (_, i) => flat[offset + i]);
    let stride = 1;
    for (let a = axis + 1; a < shape.length; a++) stride *= shape[a];
    return Array.from({ length }, (_, i) => nest(offset + i * stride, axis + 1));
  };
  return nest(0, 0);
}

const vector = (values: Float64Array): NestedArray => nestedArray(values, [values.length]);

function keyedById<T>(items: readonly T[], idOf: (item: T) => string, value: (item: T) => Record<string, unknown>): Record<string, Record<string, unknown>> {
  const byId = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const item of items) byId[idOf(item)] = value(item);
  return byId;
}

export function explanationJson(explanation: Explanation, context: ExplanationContext): ExplanationJson {
  const nodes = Object.create(null) as Record<string, ExplainedNodeJson>;
  for (const node of explanation.nodes) {
    const json: ExplainedNodeJson = { role: node.role, output: nestedArray(node.output, node.shape), outputGrad: nestedArray(node.outputGrad, node.shape) };
    if (node.paramGrads) {
      const { kernel, kernelShape, bias } = node.paramGrads;
      json.paramGrads = { kernel: nestedArray(kernel, kernelShape) };
      if (bias !== null) json.paramGrads.bias = vector(bias);
    }
    nodes[node.nodeId] = json;
  }
  const input = explanation.nodes[0];
  return {
    sample: context.sampleIndex, rows: context.sampleCount, features: vector(input.output), label: context.label,
    loss: explanation.loss, weights: context.weights, dropout: 'inactive (inference)', precision: 'float64', nodes,
    lossNode: { node: explanation.nodes[explanation.nodes.length - 1].nodeId, ...lossPiecesJson(explanation.lossPieces) },
    dense: keyedById(explanation.dense, (chain) => chain.nodeId, denseJson),
    activations: keyedById(explanation.activations, (chain) => chain.nodeId, activationJson),
    checks: explanation.checks.map(({ nodeId, tensor, step, size, maxAbsoluteError, entries }) => ({ node: nodeId, tensor, step, size, maxAbsoluteError, entries })),
  };
}

function lossPiecesJson(pieces: LossPieces): Record<string, unknown> {
  if (pieces.kind === 'mse') {
    return { kind: pieces.kind, predictions: vector(pieces.predictions), labels: vector(pieces.labels), terms: vector(pieces.terms), predictionGrad: vector(pieces.predictionGrad) };
  }
  const json: Record<string, unknown> = { kind: pieces.kind, fromLogits: pieces.fromLogits, activation: pieces.activation };
  if (pieces.activationNodeId !== undefined) json.activationNode = pieces.activationNodeId;
  if (pieces.logits !== null) json.logits = vector(pieces.logits);
  Object.assign(json, { probabilities: vector(pieces.probabilities), labels: vector(pieces.labels) });
  if (pieces.trueClass) json.trueClass = pieces.trueClass;
  Object.assign(json, {
    terms: vector(pieces.terms), probabilityGrad: vector(pieces.probabilityGrad),
    logitGrad: pieces.logitGrad === null ? null : vector(pieces.logitGrad), logitGradByChainRule: vector(pieces.logitGradByChainRule),
    tutorialGrad: vector(pieces.tutorialGrad), tutorialLogitGrad: vector(pieces.tutorialLogitGrad),
  });
  return json;
}

function denseJson(chain: DenseChain): Record<string, unknown> {
  return { inputNode: chain.inputNodeId, input: vector(chain.input), outputGrad: vector(chain.outputGrad), inputGrad: vector(chain.inputGrad) };
}

function activationJson(chain: ActivationChain): Record<string, unknown> {
  return {
    fn: chain.fn, inputNode: chain.inputNodeId, input: vector(chain.input),
    derivative: chain.derivative === null ? null : vector(chain.derivative), inputGrad: vector(chain.inputGrad),
  };
}
