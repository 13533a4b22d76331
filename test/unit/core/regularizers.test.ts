// Keras' kernel_regularizer in the core: the penalty's gradient against central differences, its values by hand, and
// the program's step and evaluation: the reported loss holds data loss + penalty, and one SGD step at lr 1 subtracts
// the gradient of that sum (checked against finite differences of evaluate, which adds the penalty too).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OptimizerSpec, ProgramSpec } from '../../../src/core/types';
import { Random } from '../../../src/core/random';
import { createProgram } from '../../../src/core/program/program';
import { kernelPenaltyBackward, kernelPenaltyForward } from '../../../src/core/ops/regularizers';
import { assertGradient, randomArray } from './gradientCheck';
import { xorDataset, xorSpec } from './fixtures';

const SGD_ONE: OptimizerSpec = { type: 'sgd', learningRate: 1, momentum: 0, nesterov: false };

/** xorSpec with l1/l2 on its dense ops, and tanh for relu so finite differences meet no kink but the penalty's. */
function regularizedSpec(hidden: { l1?: number; l2?: number }, out: { l1?: number; l2?: number }): ProgramSpec {
  const spec = xorSpec(5);
  spec.ops = spec.ops.map((op) => {
    if (op.kind === 'activation') return { ...op, fn: 'tanh' };
    return op.kind !== 'dense' ? op : { ...op, ...(op.nodeId === 'hidden' ? hidden : out) };
  });
  return spec;
}

describe('kernel regularizer', () => {
  it('backward matches central differences of the forward (l1, l2 and both)', () => {
    const random = new Random(21);
    for (const [l1, l2] of [[0.3, 0], [0, 0.7], [0.05, 0.2]] as const) {
      // Away from 0, where |w| has its kink.
      const kernel = randomArray(random, 12, -2, 2, 0.05);
      const grad = new Float64Array(kernel.length);
      kernelPenaltyBackward(kernel, grad, l1, l2);
      assertGradient(`l1 ${l1}, l2 ${l2}`, kernel, () => kernelPenaltyForward(kernel, l1, l2), grad);
    }
  });

  it('is Keras\' sum without ½: l1·Σ|w| + l2·Σw², gradient l1·sign(w) + 2·l2·w, sign(0) = 0; backward adds', () => {
    const kernel = Float64Array.from([1, -2, 0, 0.5]);
    assert.equal(kernelPenaltyForward(kernel, 0.1, 0.01), 0.1 * 3.5 + 0.01 * 5.25);
    const grad = Float64Array.from([10, 10, 10, 10]);
    kernelPenaltyBackward(kernel, grad, 0.1, 0.01);
    const expected = [10 + 0.1 + 0.02, 10 - 0.1 - 0.04, 10, 10 + 0.1 + 0.01];
    expected.forEach((value, i) => assert.ok(Math.abs(grad[i] - value) < 1e-12, `grad[${i}] ${grad[i]} vs ${value}`));
  });
});

describe('a regularized program', () => {
  const data = xorDataset(4);
  const rows = data.sampleCount;

  it('reports data loss + penalty from trainStep and evaluate, the penalty over kernels only', () => {
    const plain = createProgram(regularizedSpec({}, {}), { seed: 4, batchSize: rows, optimizer: SGD_ONE });
    const penalized = createProgram(regularizedSpec({ l1: 0.01, l2: 0.02 }, { l2: 0.5 }), { seed: 4, batchSize: rows, optimizer: SGD_ONE });
    const weights = plain.getWeights();
    // Non-zero biases: the penalty must leave them out.
    for (const tensor of weights) if (tensor.name.endsWith('.bias')) tensor.data.fill(0.3);
    plain.setWeights(weights);
    penalized.setWeights(weights);
    const kernel = (name: string): Float32Array => weights.find((tensor) => tensor.name === name)!.data;
    const expected = kernelPenaltyForward(kernel('hidden.kernel'), 0.01, 0.02) + kernelPenaltyForward(kernel('out.kernel'), 0, 0.5);
    assert.ok(expected > 0.05);
    const dataLoss = plain.evaluate(data.features, data.labels, rows).loss;
    assert.ok(Math.abs(penalized.evaluate(data.features, data.labels, rows).loss - (dataLoss + expected)) < 1e-9);
    const plainStep = plain.trainStep(data.features, data.labels, rows);
    const penalizedStep = penalized.trainStep(data.features, data.labels, rows);
    assert.ok(plainStep.finite && penalizedStep.finite);
    assert.ok(Math.abs(penalizedStep.loss - (plainStep.loss + expected)) < 1e-9, `${penalizedStep.loss} vs ${plainStep.loss} + ${expected}`);
  });

  it('one SGD step at lr 1 subtracts the gradient of data loss + penalty (finite differences of evaluate)', () => {
    const spec = regularizedSpec({ l1: 0.05, l2: 0.1 }, { l1: 0.2, l2: 0.3 });
    const probe = createProgram(spec, { seed: 8, batchSize: rows, optimizer: SGD_ONE });
    const initial = probe.getWeights();
    probe.trainStep(data.features, data.labels, rows);
    const after = probe.getWeights();
    const evaluator = createProgram(spec, { seed: 8, batchSize: 3, optimizer: SGD_ONE });
    const eps = 1e-2;
    let checked = 0;
    for (let t = 0; t < initial.length; t++) {
      for (let i = 0; i < initial[t].data.length; i++) {
        // Skip weights so close to 0 that ±eps crosses the kink of |w|.
        if (Math.abs(initial[t].data[i]) < 2 * eps && initial[t].name.endsWith('.kernel')) continue;
        const lossAt = (delta: number): number => {
          const weights = initial.map((w) => ({ ...w, data: w.data.slice() }));
          weights[t].data[i] += delta;
          evaluator.setWeights(weights);
          return evaluator.evaluate(data.features, data.labels, rows).loss;
        };
        const numeric = (lossAt(eps) - lossAt(-eps)) / (2 * eps);
        const analytic = initial[t].data[i] - after[t].data[i];
        assert.ok(Math.abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.abs(numeric), `${initial[t].name}[${i}]: ${analytic} vs ${numeric}`);
        checked++;
      }
    }
    assert.ok(checked > 20, `only ${checked} weights checked`);
  });

  it('refuses a negative or non-finite rate, naming the node', () => {
    assert.throws(() => createProgram(regularizedSpec({ l2: -1 }, {}), { seed: 1, batchSize: 4, optimizer: SGD_ONE }), /node "hidden" \(dense\): l2 must be a finite number ≥ 0, got -1/);
    assert.throws(() => createProgram(regularizedSpec({}, { l1: Number.NaN }), { seed: 1, batchSize: 4, optimizer: SGD_ONE }), /node "out" \(dense\): l1 must be/);
  });
});
