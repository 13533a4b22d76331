// The loss node's numbers for one sample: probabilities, each column's share of the loss, −log p_y, the gradient at
// the probabilities and at the logits, and the tutorial's wrong formula next to the right one. The gradients are sent
// back through σ/softmax by the core's own activation backward, so "ŷ − y is the chain rule" is shown, not assumed.
import type { ProgramSpec } from '../types';
import { labelAt } from '../losses';
import { softplus } from '../mathf';
import { activationBackward } from '../ops/activations';
import { logSumExp } from '../ops/softmax';
import { lossIsFused } from '../program/lossPass';
import type { LossPieces } from './types';

/**
 * `predictions` is the loss's input (logits when the loss is fused), `labels` the label row in the program's layout,
 * `predictionGrad` the program's gradient there and `probabilities` σ/softmax of the logits (fused losses only).
 */
export function lossPiecesOf(
  spec: ProgramSpec, predictions: Float64Array, labels: Float64Array, predictionGrad: Float64Array,
  probabilities: Float64Array,
): LossPieces {
  const loss = spec.loss;
  const width = predictions.length;
  const y = new Float64Array(width);
  for (let c = 0; c < width; c++) y[c] = labelAt(labels, spec.labelKind, 0, c, width);
  if (loss.kind === 'mse') {
    const terms = new Float64Array(width);
    for (let c = 0; c < width; c++) terms[c] = (predictions[c] - y[c]) ** 2 / width;
    return { kind: 'mse', predictions: predictions.slice(), labels: y, terms, predictionGrad: predictionGrad.slice() };
  }
  const fused = lossIsFused(spec);
  const logits = fused ? predictions.slice() : null;
  const p = fused ? probabilities.slice() : predictions.slice();
  const binary = loss.kind === 'binary-cross-entropy';
  const activation = binary ? 'sigmoid' : 'softmax';
  // Binary cross-entropy averages over its columns; categorical sums over the classes.
  const scale = binary ? 1 / width : 1;
  const logP = logProbabilities(binary, logits, p);
  const terms = new Float64Array(width);
  const probabilityGrad = new Float64Array(width);
  const tutorialGrad = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    if (binary) {
      const logNotP = logits !== null ? -softplus(logits[c]) : Math.log(1 - p[c]);
      terms[c] = -(y[c] * logP[c] + (1 - y[c]) * logNotP) * scale;
      probabilityGrad[c] = (-y[c] / p[c] + (1 - y[c]) / (1 - p[c])) * scale;
    } else {
      terms[c] = y[c] === 0 ? 0 : -y[c] * logP[c];
      probabilityGrad[c] = -y[c] / p[c];
    }
    tutorialGrad[c] = (-y[c] / p[c] + 1) * scale;
  }
  const throughActivation = (grad: Float64Array): Float64Array => {
    const logitGrad = new Float64Array(width);
    // σ′ and softmax's Jacobian are read from the output ŷ; the input argument is unused by both.
    activationBackward(activation, logits ?? p, p, grad, logitGrad, 1, width, 0, false);
    return logitGrad;
  };
  const pieces: LossPieces = {
    kind: loss.kind, fromLogits: fused, activation, logits, probabilities: p, labels: y, terms, probabilityGrad,
    logitGrad: fused ? predictionGrad.slice() : null,
    logitGradByChainRule: throughActivation(probabilityGrad),
    tutorialGrad, tutorialLogitGrad: throughActivation(tutorialGrad),
  };
  if (loss.activationNodeId !== undefined) pieces.activationNodeId = loss.activationNodeId;
  const trueClass = binary ? -1 : oneHotClass(y);
  if (trueClass >= 0) {
    pieces.trueClass = { index: trueClass, probability: p[trueClass], negativeLogProbability: -logP[trueClass] };
  }
  return pieces;
}

/** log ŷ per column, from the logits where there are some (exact even where ŷ rounds to 0 or 1). */
function logProbabilities(binary: boolean, logits: Float64Array | null, p: Float64Array): Float64Array {
  const width = p.length;
  const logP = new Float64Array(width);
  if (logits === null) {
    for (let c = 0; c < width; c++) logP[c] = Math.log(p[c]);
    return logP;
  }
  if (binary) {
    for (let c = 0; c < width; c++) logP[c] = -softplus(-logits[c]);
    return logP;
  }
  const lse = logSumExp(logits, 0, width);
  for (let c = 0; c < width; c++) logP[c] = logits[c] - lse;
  return logP;
}

/** The column holding the 1 of a one-hot row, or −1 when the row is not one-hot (a distribution over classes). */
function oneHotClass(y: Float64Array): number {
  let found = -1;
  for (let c = 0; c < y.length; c++) {
    if (y[c] === 0) continue;
    if (y[c] !== 1 || found >= 0) return -1;
    found = c;
  }
  return found;
}
