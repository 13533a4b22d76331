// Losses, each averaged over the batch (and over the columns, as Keras averages the last axis first), with the
// gradient w.r.t. the predictions written beside the value. `grad` may be null when only the value is wanted.
// Categorical labels are either a class index per row (`index`) or a row of `width` columns (`onehot`, or any
// distribution over the classes).
import type { LabelKind } from './types';
import type { FloatArray } from './tensor';
import { sigmoid } from './mathf';
import { logSumExp } from './ops/softmax';

/** Keras' backend epsilon: probabilities are clipped to [EPSILON, 1 − EPSILON] before the logarithm. */
export const EPSILON = 1e-7;

/** Mean of −[y log ŷ + (1 − y) log(1 − ŷ)] over rows × width, ŷ clipped (the clip passes no gradient outside). */
export function binaryCrossEntropy(
  probs: FloatArray, labels: FloatArray, grad: FloatArray | null, rows: number, width: number,
): number {
  const count = rows * width;
  const scale = 1 / count;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const y = labels[i];
    const raw = probs[i];
    const clipped = raw < EPSILON ? EPSILON : raw > 1 - EPSILON ? 1 - EPSILON : raw;
    total -= y * Math.log(clipped) + (1 - y) * Math.log(1 - clipped);
    if (grad !== null) grad[i] = clipped === raw ? scale * ((1 - y) / (1 - raw) - y / raw) : 0;
  }
  return total * scale;
}

/**
 * The fused sigmoid + binary cross-entropy on logits z: max(z, 0) − z·y + log(1 + e^(−|z|)), finite for any z;
 * gradient (σ(z) − y) / count. `probs`, when given, receives σ(z).
 */
export function binaryCrossEntropyFromLogits(
  logits: FloatArray, labels: FloatArray, grad: FloatArray | null, probs: FloatArray | null,
  rows: number, width: number,
): number {
  const count = rows * width;
  const scale = 1 / count;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const z = logits[i];
    const y = labels[i];
    total += (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(z > 0 ? -z : z));
    if (grad !== null || probs !== null) {
      const p = sigmoid(z);
      if (probs !== null) probs[i] = p;
      if (grad !== null) grad[i] = (p - y) * scale;
    }
  }
  return total * scale;
}

/**
 * −Σ_c y_c log q_c averaged over rows, where q = x / Σx clipped to [ε, 1 − ε], as Keras does for probabilities.
 * Gradient w.r.t. x: (g_j − Σ_c g_c x_c / S) / S with g_c = −y_c / q_c inside the clip range and 0 outside.
 */
export function categoricalCrossEntropy(
  probs: FloatArray, labels: FloatArray, labelKind: LabelKind, grad: FloatArray | null, rows: number, width: number,
): number {
  const scale = 1 / rows;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    let sum = 0;
    for (let c = 0; c < width; c++) sum += probs[offset + c];
    let weighted = 0; // Σ_c g_c x_c
    for (let c = 0; c < width; c++) {
      const y = labelAt(labels, labelKind, r, c, width);
      const q = probs[offset + c] / sum;
      const clipped = q < EPSILON ? EPSILON : q > 1 - EPSILON ? 1 - EPSILON : q;
      if (y !== 0) total -= y * Math.log(clipped);
      const g = clipped === q ? -y / q : 0;
      if (grad !== null) grad[offset + c] = g;
      weighted += g * probs[offset + c];
    }
    if (grad !== null) {
      for (let c = 0; c < width; c++) grad[offset + c] = ((grad[offset + c] - weighted / sum) / sum) * scale;
    }
  }
  return total * scale;
}

/**
 * The fused softmax + categorical cross-entropy on logits: per row lse(z)·Σy − Σ y_c z_c (which is −Σ y log softmax(z)
 * without ever forming a logarithm of a tiny probability); gradient (softmax(z)·Σy − y) / rows, i.e. ŷ − y for
 * one-hot rows. `probs`, when given, receives softmax(z).
 */
export function categoricalCrossEntropyFromLogits(
  logits: FloatArray, labels: FloatArray, labelKind: LabelKind, grad: FloatArray | null, probs: FloatArray | null,
  rows: number, width: number,
): number {
  const scale = 1 / rows;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    const lse = logSumExp(logits, offset, width);
    let labelSum = 0;
    let labelDotLogits = 0;
    for (let c = 0; c < width; c++) {
      const y = labelAt(labels, labelKind, r, c, width);
      labelSum += y;
      if (y !== 0) labelDotLogits += y * logits[offset + c];
    }
    total += lse * labelSum - labelDotLogits;
    if (grad === null && probs === null) continue;
    for (let c = 0; c < width; c++) {
      const p = Math.exp(logits[offset + c] - lse);
      if (probs !== null) probs[offset + c] = p;
      if (grad !== null) grad[offset + c] = (p * labelSum - labelAt(labels, labelKind, r, c, width)) * scale;
    }
  }
  return total * scale;
}

/** Mean of (ŷ − y)² over rows × width; gradient 2(ŷ − y) / count. */
export function meanSquaredError(
  predictions: FloatArray, labels: FloatArray, grad: FloatArray | null, rows: number, width: number,
): number {
  const count = rows * width;
  const scale = 1 / count;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const diff = predictions[i] - labels[i];
    total += diff * diff;
    if (grad !== null) grad[i] = 2 * diff * scale;
  }
  return total * scale;
}

/** y_c of row r: from a class index (`index` labels, one column) or from the label row itself. */
export function labelAt(labels: FloatArray, labelKind: LabelKind, row: number, column: number, width: number): number {
  if (labelKind === 'index') return labels[row] === column ? 1 : 0;
  return labels[row * width + column];
}
