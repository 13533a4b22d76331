// Every loss and both fused forms: float64 gradient checks (batch size 1 and odd sizes), hand-computed values, and
// extreme logits that must stay finite.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelKind } from '../../../src/core/types';
import { Random } from '../../../src/core/random';
import {
  EPSILON, binaryCrossEntropy, binaryCrossEntropyFromLogits, categoricalCrossEntropy,
  categoricalCrossEntropyFromLogits, meanSquaredError,
} from '../../../src/core/losses';
import { SHAPES, assertGradient, randomArray } from './gradientCheck';

function binaryLabels(random: Random, count: number): Float64Array {
  const labels = new Float64Array(count);
  for (let i = 0; i < count; i++) labels[i] = random.nextInt(2);
  return labels;
}

/** Labels for `rows` rows of `classes` classes in the given layout (`onehot` here means any distribution). */
function categoricalLabels(random: Random, kind: LabelKind, rows: number, classes: number, soft: boolean): Float64Array {
  if (kind === 'index') {
    const labels = new Float64Array(rows);
    for (let r = 0; r < rows; r++) labels[r] = random.nextInt(classes);
    return labels;
  }
  const labels = new Float64Array(rows * classes);
  for (let r = 0; r < rows; r++) {
    if (!soft) { labels[r * classes + random.nextInt(classes)] = 1; continue; }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += (labels[r * classes + c] = random.nextDouble() + 0.1);
    for (let c = 0; c < classes; c++) labels[r * classes + c] /= sum;
  }
  return labels;
}

function close(actual: number, expected: number, tolerance = 1e-7): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);
}

describe('binary cross-entropy', () => {
  it('on probabilities: gradient check', () => {
    const random = new Random(21);
    for (const [rows, width] of SHAPES) {
      const probs = randomArray(random, rows * width, 0.05, 0.95);
      const labels = binaryLabels(random, rows * width);
      const grad = new Float64Array(rows * width);
      binaryCrossEntropy(probs, labels, grad, rows, width);
      assertGradient(`bce [${rows}×${width}]`, probs, () => binaryCrossEntropy(probs, labels, null, rows, width), grad);
    }
  });

  it('fused with sigmoid on logits: gradient check, equal to the unfused value', () => {
    const random = new Random(22);
    for (const [rows, width] of SHAPES) {
      const logits = randomArray(random, rows * width, -6, 6);
      const labels = binaryLabels(random, rows * width);
      const grad = new Float64Array(rows * width);
      const probs = new Float64Array(rows * width);
      const loss = binaryCrossEntropyFromLogits(logits, labels, grad, probs, rows, width);
      assertGradient(`bce logits [${rows}×${width}]`, logits, () => binaryCrossEntropyFromLogits(logits, labels, null, null, rows, width), grad);
      close(loss, binaryCrossEntropy(probs, labels, null, rows, width), 1e-9);
    }
  });

  it('hand-computed values', () => {
    close(binaryCrossEntropy(Float64Array.of(0.8), Float64Array.of(1), null, 1, 1), -Math.log(0.8));
    close(binaryCrossEntropy(Float64Array.of(0.8, 0.4), Float64Array.of(1, 0), null, 1, 2), (-Math.log(0.8) - Math.log(0.6)) / 2);
    close(binaryCrossEntropyFromLogits(Float64Array.of(0), Float64Array.of(1), null, null, 1, 1), Math.LN2);
    // A probability of exactly 0 for a positive label is clipped to ε (Keras): −log(1e-7).
    close(binaryCrossEntropy(Float64Array.of(0), Float64Array.of(1), null, 1, 1), -Math.log(EPSILON), 1e-6);
  });

  it('logits of ±1e4 give a finite loss and gradient', () => {
    const logits = Float32Array.of(1e4, -1e4, 1e4, -1e4);
    const labels = Float32Array.of(0, 1, 1, 0);
    const grad = new Float32Array(4);
    const loss = binaryCrossEntropyFromLogits(logits, labels, grad, null, 4, 1);
    close(loss, 5000, 1e-3);
    assert.ok(grad.every(Number.isFinite));
    assert.deepEqual(Array.from(grad), [0.25, -0.25, 0, 0]);
  });
});

describe('categorical cross-entropy', () => {
  for (const kind of ['index', 'onehot'] as const) {
    for (const soft of kind === 'onehot' ? [false, true] : [false]) {
      const name = kind === 'index' ? 'index labels' : soft ? 'soft labels' : 'one-hot labels';
      it(`fused with softmax on logits, ${name}: gradient check`, () => {
        const random = new Random(23);
        for (const [rows, width] of SHAPES) {
          const classes = Math.max(width, 2);
          const logits = randomArray(random, rows * classes, -5, 5);
          const labels = categoricalLabels(random, kind, rows, classes, soft);
          const grad = new Float64Array(rows * classes);
          categoricalCrossEntropyFromLogits(logits, labels, kind, grad, null, rows, classes);
          const f = (): number => categoricalCrossEntropyFromLogits(logits, labels, kind, null, null, rows, classes);
          assertGradient(`cce logits ${name} [${rows}×${classes}]`, logits, f, grad);
        }
      });

      it(`on probabilities, ${name}: gradient check, equal to the fused value`, () => {
        const random = new Random(24);
        for (const [rows, width] of SHAPES) {
          const classes = Math.max(width, 2);
          const probs = randomArray(random, rows * classes, 0.05, 1); // unnormalized: Keras divides by the row sum
          const labels = categoricalLabels(random, kind, rows, classes, soft);
          const grad = new Float64Array(rows * classes);
          const loss = categoricalCrossEntropy(probs, labels, kind, grad, rows, classes);
          assertGradient(`cce ${name} [${rows}×${classes}]`, probs, () => categoricalCrossEntropy(probs, labels, kind, null, rows, classes), grad);
          const logits = probs.map(Math.log);
          close(loss, categoricalCrossEntropyFromLogits(logits, labels, kind, null, null, rows, classes), 1e-9);
        }
      });
    }
  }

  it('hand-computed value: softmax([1, 2, 3]) with class 2 gives −log 0.6652409557748219', () => {
    close(categoricalCrossEntropyFromLogits(Float64Array.of(1, 2, 3), Float64Array.of(2), 'index', null, null, 1, 3), -Math.log(0.6652409557748219));
    close(categoricalCrossEntropy(Float64Array.of(0.2, 0.3, 0.5), Float64Array.of(0, 1, 0), 'onehot', null, 1, 3), -Math.log(0.3));
  });

  it('all wrong: the true class at −10, another at +10 gives a loss of 20', () => {
    const logits = Float32Array.of(-10, 10, -10, 10, -10, -10);
    const grad = new Float32Array(6);
    const loss = categoricalCrossEntropyFromLogits(logits, Float32Array.of(0, 2), 'index', grad, null, 2, 3);
    close(loss, 20, 1e-3);
    assert.ok(grad.every(Number.isFinite));
    close(grad[0], -0.5, 1e-6); // (ŷ − y) / batch
    close(grad[1], 0.5, 1e-6);
  });

  it('logits of ±1e4 give a finite loss and gradient', () => {
    const logits = Float32Array.of(1e4, -1e4, 0, -1e4, 1e4, 0);
    const grad = new Float32Array(6);
    const loss = categoricalCrossEntropyFromLogits(logits, Float32Array.of(1, 0, 0, 1, 0, 0), 'onehot', grad, null, 2, 3);
    close(loss, 1e4, 1e-2);
    assert.ok(grad.every(Number.isFinite));
    assert.deepEqual(Array.from(grad), [0, 0, 0, -0.5, 0.5, 0]);
  });
});

describe('mean squared error', () => {
  it('gradient check and a hand-computed value', () => {
    const random = new Random(25);
    for (const [rows, width] of SHAPES) {
      const predictions = randomArray(random, rows * width);
      const labels = randomArray(random, rows * width);
      const grad = new Float64Array(rows * width);
      meanSquaredError(predictions, labels, grad, rows, width);
      assertGradient(`mse [${rows}×${width}]`, predictions, () => meanSquaredError(predictions, labels, null, rows, width), grad);
    }
    close(meanSquaredError(Float64Array.of(1, 2), Float64Array.of(0, 0), null, 1, 2), 2.5);
  });
});
