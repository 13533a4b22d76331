// Forward and backward of every op: float64 gradient checks (batch size 1 and odd sizes), accumulation into an
// existing gradient, and one hand-computed value per op.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivationName } from '../../../src/core/types';
import { Random } from '../../../src/core/random';
import { activationBackward, activationForward } from '../../../src/core/ops/activations';
import { denseBackward, denseForward } from '../../../src/core/ops/dense';
import { dropoutBackward, dropoutForward } from '../../../src/core/ops/dropout';
import { addBackward, addForward, concatBackward, concatForward } from '../../../src/core/ops/merge';
import { gemm } from '../../../src/core/kernels/js';
import { SHAPES, assertGradient, randomArray, weightedSum } from './gradientCheck';

const ACTIVATIONS: ActivationName[] = ['relu', 'sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'gelu', 'softplus', 'linear'];
const ALPHA: Record<ActivationName, number> = {
  relu: 0, sigmoid: 0, tanh: 0, softmax: 0, leaky_relu: 0.01, elu: 1, gelu: 0, softplus: 0, linear: 0,
};

function close(actual: number, expected: number, tolerance = 1e-7): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);
}

describe('activations', () => {
  for (const fn of ACTIVATIONS) {
    it(`${fn}: backward matches central differences in float64`, () => {
      const random = new Random(11);
      for (const [rows, width] of SHAPES) {
        for (const alpha of fn === 'leaky_relu' || fn === 'elu' ? [ALPHA[fn], 0.3] : [ALPHA[fn]]) {
          const x = randomArray(random, rows * width, -4, 4, 1e-3);
          const weights = randomArray(random, rows * width);
          const y = new Float64Array(rows * width);
          const f = (): number => { activationForward(fn, x, y, rows, width, alpha); return weightedSum(weights, y); };
          f();
          const dx = new Float64Array(rows * width);
          activationBackward(fn, x, y, weights, dx, rows, width, alpha, false);
          assertGradient(`${fn} [${rows}×${width}] α=${alpha}`, x, f, dx);
          // Accumulating adds the same gradient on top of what was there (y refreshed after the perturbations).
          f();
          const existing = randomArray(random, rows * width);
          const accumulated = Float64Array.from(existing);
          activationBackward(fn, x, y, weights, accumulated, rows, width, alpha, true);
          for (let i = 0; i < dx.length; i++) close(accumulated[i], existing[i] + dx[i], 1e-12);
        }
      }
    });
  }

  it('hand-computed values', () => {
    const one = (fn: ActivationName, v: number, alpha = 0): number => {
      const y = new Float64Array(1);
      activationForward(fn, Float64Array.of(v), y, 1, 1, alpha);
      return y[0];
    };
    close(one('relu', -1), 0);
    close(one('relu', 2.5), 2.5);
    close(one('sigmoid', 0), 0.5);
    close(one('sigmoid', 2), 0.8807970779778823);
    close(one('tanh', 0.5), 0.46211715726000974);
    close(one('leaky_relu', -2, 0.01), -0.02);
    close(one('elu', -1, 1), -0.6321205588285577);
    close(one('gelu', 1), 0.8413447460685429, 1e-12);
    close(one('gelu', -1), -0.15865525393145707, 1e-12);
    close(one('softplus', 0), Math.LN2);
    close(one('softplus', 1000), 1000);
    close(one('softplus', -1000), 0);
    close(one('linear', 3), 3);
    const probs = new Float64Array(3);
    activationForward('softmax', Float64Array.of(1, 2, 3), probs, 1, 3, 0);
    close(probs[0], 0.09003057317038046);
    close(probs[1], 0.24472847105479764);
    close(probs[2], 0.6652409557748219);
  });

  it('softmax and sigmoid stay finite for logits of ±1e4', () => {
    const probs = new Float32Array(3);
    activationForward('softmax', Float32Array.of(1e4, -1e4, 0), probs, 1, 3, 0);
    assert.deepEqual(Array.from(probs), [1, 0, 0]);
    const s = new Float32Array(2);
    activationForward('sigmoid', Float32Array.of(1e4, -1e4), s, 1, 2, 0);
    assert.deepEqual(Array.from(s), [1, 0]);
  });
});

describe('dense', () => {
  it('backward matches central differences for input, kernel and bias', () => {
    const random = new Random(5);
    for (const [rows, inputs] of SHAPES) {
      for (const units of [1, 3]) {
        for (const useBias of [true, false]) {
          const x = randomArray(random, rows * inputs);
          const kernel = randomArray(random, inputs * units);
          const bias = useBias ? randomArray(random, units) : null;
          const weights = randomArray(random, rows * units);
          const y = new Float64Array(rows * units);
          const f = (): number => { denseForward(gemm, x, kernel, bias, y, rows, inputs, units); return weightedSum(weights, y); };
          const dx = new Float64Array(rows * inputs);
          const kernelGrad = new Float64Array(inputs * units);
          const biasGrad = useBias ? new Float64Array(units) : null;
          denseBackward(gemm, x, kernel, weights, dx, kernelGrad, biasGrad, rows, inputs, units, false);
          const label = `dense ${rows}×${inputs}→${units} bias=${useBias}`;
          assertGradient(`${label} dx`, x, f, dx);
          assertGradient(`${label} dW`, kernel, f, kernelGrad);
          if (bias !== null && biasGrad !== null) assertGradient(`${label} db`, bias, f, biasGrad);
        }
      }
    }
  });

  it('hand-computed value: [1, 2]·[[1, 2], [3, 4]] + [0.5, −1] = [7.5, 9]', () => {
    const y = new Float64Array(2);
    denseForward(gemm, Float64Array.of(1, 2), Float64Array.of(1, 2, 3, 4), Float64Array.of(0.5, -1), y, 1, 2, 2);
    assert.deepEqual(Array.from(y), [7.5, 9]);
  });
});

describe('dropout', () => {
  it('backward matches central differences with the mask held fixed', () => {
    const random = new Random(3);
    for (const [rows, width] of SHAPES) {
      const count = rows * width;
      const x = randomArray(random, count);
      const weights = randomArray(random, count);
      const y = new Float64Array(count);
      const mask = new Float64Array(count);
      // The same seed each evaluation draws the same mask.
      const f = (): number => { dropoutForward(x, y, mask, count, 0.4, true, new Random(99)); return weightedSum(weights, y); };
      f();
      const dx = new Float64Array(count);
      dropoutBackward(weights, mask, dx, count, false);
      assertGradient(`dropout [${rows}×${width}]`, x, f, dx);
    }
  });

  it('is inverted (kept units scaled by 1/(1 − rate)) in training and the identity otherwise', () => {
    const count = 20000;
    const x = new Float32Array(count).fill(1);
    const y = new Float32Array(count);
    const mask = new Float32Array(count);
    dropoutForward(x, y, mask, count, 0.25, true, new Random(1));
    let kept = 0;
    for (let i = 0; i < count; i++) {
      assert.ok(y[i] === 0 || Math.abs(y[i] - 4 / 3) < 1e-6);
      if (y[i] !== 0) kept++;
    }
    assert.ok(Math.abs(kept / count - 0.75) < 0.02, `kept fraction ${kept / count}`);
    dropoutForward(x, y, mask, count, 0.25, false, new Random(1));
    assert.ok(y.every((v) => v === 1));
  });
});

describe('add and concat', () => {
  it('add: gradient flows to both inputs', () => {
    const random = new Random(8);
    for (const [rows, width] of SHAPES) {
      const count = rows * width;
      const a = randomArray(random, count);
      const b = randomArray(random, count);
      const weights = randomArray(random, count);
      const y = new Float64Array(count);
      const f = (): number => { addForward(a, b, y, count); return weightedSum(weights, y); };
      const da = new Float64Array(count);
      addBackward(weights, da, count, false);
      assertGradient('add a', a, f, da);
      assertGradient('add b', b, f, da);
    }
    const y = new Float64Array(2);
    addForward(Float64Array.of(1, 2), Float64Array.of(10, 20), y, 2);
    assert.deepEqual(Array.from(y), [11, 22]);
  });

  it('concat: each input gets its own columns of the gradient', () => {
    const random = new Random(9);
    for (const [rows, widthA] of SHAPES) {
      const widthB = 2;
      const a = randomArray(random, rows * widthA);
      const b = randomArray(random, rows * widthB);
      const weights = randomArray(random, rows * (widthA + widthB));
      const y = new Float64Array(rows * (widthA + widthB));
      const f = (): number => { concatForward(a, b, y, rows, widthA, widthB); return weightedSum(weights, y); };
      const da = new Float64Array(rows * widthA);
      const db = new Float64Array(rows * widthB);
      concatBackward(weights, da, rows, widthA + widthB, 0, widthA, false);
      concatBackward(weights, db, rows, widthA + widthB, widthA, widthB, false);
      assertGradient('concat a', a, f, da);
      assertGradient('concat b', b, f, db);
    }
    const y = new Float64Array(6);
    concatForward(Float64Array.of(1, 2), Float64Array.of(3, 4, 5, 6), y, 2, 1, 2);
    assert.deepEqual(Array.from(y), [1, 3, 4, 2, 5, 6]);
  });
});
