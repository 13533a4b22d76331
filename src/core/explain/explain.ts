// Explain mode's math: one sample (a batch of one) through a compiled program and its weights, in float64, with the
// training core's own passes, ops and loss. Dropout is inactive (inference): every dropout node passes its input on.
import type { ProgramSpec } from '../types';
import { chainPieces } from './chain';
import { lossPiecesOf } from './lossPieces';
import { DEFAULT_CHECKS_PER_TENSOR, numericalChecks } from './numericCheck';
import { createSamplePass, runSample, type SamplePass } from './samplePass';
import type { ExplainedNode, ExplainInput, Explanation, LossPieces } from './types';

/** Throws a RangeError when the sample does not fit the program, an Error naming a weight tensor that does not. */
export function explainSample(input: ExplainInput): Explanation {
  const { spec } = input;
  checkRow('features', input.features, spec.featureCount);
  checkRow('labels', input.labels, spec.labelWidth);
  const pass = createSamplePass(spec, input.weights);
  for (let f = 0; f < spec.featureCount; f++) pass.values[0][f] = input.features[f];
  for (let c = 0; c < spec.labelWidth; c++) pass.labels[c] = input.labels[c];
  const loss = runSample(pass);
  const nodeIdOfValue = (value: number): string => (value === 0 ? input.inputNodeId : spec.ops[value - 1].nodeId);
  const predictions = spec.loss.predictions;
  const lossPieces = lossPiecesOf(spec, pass.values[predictions], pass.labels, pass.valueGrads[predictions], pass.probabilities);
  const { dense, activations } = chainPieces(pass, nodeIdOfValue);
  const checks = numericalChecks(pass, nodeIdOfValue, input.checksPerTensor ?? DEFAULT_CHECKS_PER_TENSOR);
  return { loss, lossKind: spec.loss.kind, nodes: explainedNodes(pass, input.inputNodeId, loss, lossPieces), lossPieces, dense, activations, checks };
}

function checkRow(what: string, row: ArrayLike<number>, width: number): void {
  if (row.length !== width) throw new RangeError(`explain: the sample's ${what} hold ${row.length} values; the model reads ${width}`);
  for (let i = 0; i < width; i++) {
    if (!Number.isFinite(row[i])) throw new RangeError(`explain: the sample's ${what}[${i}] is ${row[i]}, not a finite number`);
  }
}

function explainedNodes(pass: SamplePass, inputNodeId: string, loss: number, lossPieces: LossPieces): ExplainedNode[] {
  const { spec, values, valueGrads } = pass;
  const nodes: ExplainedNode[] = [{
    nodeId: inputNodeId, role: 'input', shape: [spec.featureCount], output: values[0].slice(), outputGrad: valueGrads[0].slice(),
  }];
  spec.ops.forEach((op, i) => {
    const previous = nodes[nodes.length - 1];
    if (op.kind === 'activation' && previous.nodeId === op.nodeId && op.input === i) {
      // A dense node's own activation (compiled as a second op of the same node): the node's output is the
      // activation's, its weight gradients stay the dense op's.
      previous.output = values[i + 1].slice();
      previous.outputGrad = valueGrads[i + 1].slice();
      return;
    }
    const node: ExplainedNode = {
      nodeId: op.nodeId, role: 'op', shape: [spec.valueWidths[i + 1]], output: values[i + 1].slice(), outputGrad: valueGrads[i + 1].slice(),
    };
    const weights = pass.dense[i];
    if (weights) {
      node.paramGrads = { kernel: weights.kernelGrad.slice(), kernelShape: [weights.inputs, weights.units], bias: weights.biasGrad?.slice() ?? null };
    }
    nodes.push(node);
  });
  const folded = foldedActivationNode(spec, lossPieces);
  if (folded) nodes.push(folded);
  nodes.push({ nodeId: spec.loss.nodeId, role: 'loss', shape: [], output: Float64Array.of(loss), outputGrad: Float64Array.of(1) });
  return nodes;
}

/** The sigmoid/softmax node the loss took over: its output is the probabilities, its gradient ∂L/∂ŷ. */
function foldedActivationNode(spec: ProgramSpec, lossPieces: LossPieces): ExplainedNode | undefined {
  if (spec.loss.kind === 'mse' || spec.loss.activationNodeId === undefined || lossPieces.kind === 'mse') return undefined;
  const { probabilities, probabilityGrad } = lossPieces;
  return {
    nodeId: spec.loss.activationNodeId, role: 'folded-activation', shape: [probabilities.length],
    output: probabilities.slice(), outputGrad: probabilityGrad.slice(),
  };
}
