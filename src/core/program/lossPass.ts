// Dispatches the program's LossSpec to the loss functions.
import type { ProgramSpec } from '../types';
import type { FloatArray } from '../tensor';
import {
  binaryCrossEntropy, binaryCrossEntropyFromLogits, categoricalCrossEntropy, categoricalCrossEntropyFromLogits,
  meanSquaredError,
} from '../losses';
import { activationForward } from '../ops/activations';

/** True when the loss applies σ/softmax itself, so predictions are logits. */
export function lossIsFused(spec: ProgramSpec): boolean {
  return spec.loss.kind !== 'mse' && spec.loss.fromLogits;
}

/**
 * The mean loss over `rows` rows. `grad` (when given) receives d loss / d predictions; `probs` (when given and the
 * loss is fused) receives σ/softmax of the logits.
 */
export function computeLoss(
  spec: ProgramSpec, predictions: FloatArray, labels: FloatArray,
  grad: FloatArray | null, probs: FloatArray | null, rows: number,
): number {
  const loss = spec.loss;
  const width = spec.valueWidths[loss.predictions];
  switch (loss.kind) {
    case 'binary-cross-entropy':
      return loss.fromLogits
        ? binaryCrossEntropyFromLogits(predictions, labels, grad, probs, rows, width)
        : binaryCrossEntropy(predictions, labels, grad, rows, width);
    case 'categorical-cross-entropy':
      return loss.fromLogits
        ? categoricalCrossEntropyFromLogits(predictions, labels, spec.labelKind, grad, probs, rows, width)
        : categoricalCrossEntropy(predictions, labels, spec.labelKind, grad, rows, width);
    case 'mse':
      return meanSquaredError(predictions, labels, grad, rows, width);
  }
}

/** σ (binary) or softmax (categorical) of the logits, for a fused loss's probabilities without computing the loss. */
export function logitsToProbabilities(spec: ProgramSpec, logits: FloatArray, probs: FloatArray, rows: number): void {
  const width = spec.valueWidths[spec.loss.predictions];
  activationForward(spec.loss.kind === 'binary-cross-entropy' ? 'sigmoid' : 'softmax', logits, probs, rows, width, 0);
}

/**
 * Each row's own loss, written to out[outOffset + r]: `computeLoss` on that row alone, a batch of one, so a sample's
 * loss is exactly what training would report for it (the regularization term, a property of the weights and not of
 * any sample, is left out).
 */
export function computeRowLosses(
  spec: ProgramSpec, predictions: FloatArray, labels: FloatArray, rows: number, out: Float64Array, outOffset: number,
): void {
  const width = spec.valueWidths[spec.loss.predictions];
  const labelWidth = spec.labelWidth;
  for (let r = 0; r < rows; r++) {
    const rowPredictions = predictions.subarray(r * width, (r + 1) * width);
    const rowLabels = labels.subarray(r * labelWidth, (r + 1) * labelWidth);
    out[outOffset + r] = computeLoss(spec, rowPredictions, rowLabels, null, null, 1);
  }
}
