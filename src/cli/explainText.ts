// The readable form of `nngraph explain` (without --json): the sample, each node's output and gradient, the loss
// node's pieces with the tutorial's formula beside the right one, the chain rule at each dense layer, and the checks.
import type { Explanation, ExplanationJson, LossPieces } from '../core/index';

/** Vectors longer than this show their first values and a count. */
const SHOWN_VALUES = 8;

function number(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6 ? String(Number(value.toPrecision(6))) : value.toExponential(4);
}

function vector(values: ArrayLike<number>): string {
  const shown = Array.from({ length: Math.min(values.length, SHOWN_VALUES) }, (_, i) => number(values[i]));
  return values.length > SHOWN_VALUES ? `[${shown.join(', ')}, … ${values.length} values]` : `[${shown.join(', ')}]`;
}

/** The largest entry in magnitude of a [rows, columns] matrix, as `[i, j] = v`. */
function largest(values: Float64Array, columns: number): string {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (Math.abs(values[k]) > Math.abs(values[best])) best = k;
  return `[${Math.floor(best / columns)}, ${best % columns}] = ${number(values[best])}`;
}

export function formatExplanation(file: string, json: ExplanationJson, explanation: Explanation, weightsBeside: string): string {
  const lines: string[] = [
    `${file}: row ${json.sample} of ${json.rows} (file order), features after the graph's normalization`,
    json.weights.source === 'file'
      ? `weights: ${json.weights.path}`
      : `weights: the initial weights drawn from seed ${json.weights.seed} (no --weights, and no ${weightsBeside})`,
    'dropout is inactive (inference); every number is computed in float64 from these weights',
    `features ${vector(explanation.nodes[0].output)}   label ${JSON.stringify(json.label)}`,
    `loss ${number(json.loss)}`,
    '',
    'node: output   ∂L/∂output',
  ];
  for (const node of explanation.nodes) {
    lines.push(`  ${node.nodeId} (${node.role}): ${node.shape.length === 0 ? number(node.output[0]) : vector(node.output)}   ∂L/∂output ${node.shape.length === 0 ? number(node.outputGrad[0]) : vector(node.outputGrad)}`);
    if (node.paramGrads) {
      const { kernel, kernelShape, bias } = node.paramGrads;
      lines.push(`      ∂L/∂kernel [${kernelShape.join('×')}], largest ${largest(kernel, kernelShape[1])}${bias ? `   ∂L/∂bias ${vector(bias)}` : ''}`);
    }
  }
  lines.push('', ...lossLines(explanation.lossPieces), '', 'chain rule at each dense layer y = x·W + b (δ = ∂L/∂y):');
  for (const chain of explanation.dense) {
    lines.push(`  ${chain.nodeId}: x = ${chain.inputNodeId} ${vector(chain.input)}, δ ${vector(chain.outputGrad)}; ∂L/∂W = xᵀδ, ∂L/∂b = δ, sent back δ·Wᵀ ${vector(chain.inputGrad)}`);
  }
  const entries = explanation.checks.reduce((count, check) => count + check.entries.length, 0);
  const worst = explanation.checks.reduce((max, check) => Math.max(max, check.maxAbsoluteError), 0);
  lines.push('', `numerical check (central differences, h = ${number(explanation.checks[0]?.step ?? 0)}): ${entries} gradient entries, largest |analytic − numeric| ${number(worst)}`);
  return lines.join('\n');
}

function lossLines(pieces: LossPieces): string[] {
  if (pieces.kind === 'mse') {
    return [`mse: ŷ ${vector(pieces.predictions)}, y ${vector(pieces.labels)}, ∂L/∂ŷ = 2(ŷ − y)/n ${vector(pieces.predictionGrad)}`];
  }
  const binary = pieces.kind === 'binary-cross-entropy';
  const lines = [
    `${pieces.kind}${pieces.fromLogits ? ` (applies ${pieces.activation} itself${pieces.activationNodeId ? `, in place of node ${pieces.activationNodeId}` : ''})` : ''}:`,
  ];
  if (pieces.logits) lines.push(`  logits z ${vector(pieces.logits)}`);
  lines.push(`  ŷ = ${pieces.activation}(z) ${vector(pieces.probabilities)}   y ${vector(pieces.labels)}`);
  if (pieces.trueClass) {
    lines.push(`  p_y = ŷ[${pieces.trueClass.index}] = ${number(pieces.trueClass.probability)}, −log p_y = ${number(pieces.trueClass.negativeLogProbability)}`);
  }
  lines.push(`  ∂L/∂ŷ = ${binary ? '−y/ŷ + (1 − y)/(1 − ŷ)' : '−y_c/ŷ_c'}: ${vector(pieces.probabilityGrad)}`);
  lines.push(`  ∂L/∂z = ŷ − y: ${vector(pieces.logitGrad ?? pieces.logitGradByChainRule)}`);
  lines.push(`  the tutorial's −y/ŷ + 1: ${vector(pieces.tutorialGrad)}, which through ${pieces.activation} gives ${vector(pieces.tutorialLogitGrad)}`);
  lines.push(binary
    ? '  (not ŷ − y: the (1 − y)/(1 − ŷ) term is not 1, so the gradient at the logits comes out wrong)'
    : '  (not ∂L/∂ŷ; but the +1 is the same in every class and softmax\'s Jacobian cancels it, so at the logits it still gives ŷ − y)');
  return lines;
}
