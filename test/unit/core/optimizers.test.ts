// The optimizers against hand-computed steps and against float64 transcriptions of Keras 3's update rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OptimizerSpec } from '../../../src/core/types';
import { createOptimizer, optimizerSlotCount, checkOptimizerSpec } from '../../../src/core/optimizers/index';
import { Random } from '../../../src/core/random';

function run(spec: OptimizerSpec, initial: number[], gradients: number[][]): Float32Array {
  const params = Float32Array.from(initial);
  const slots = Array.from({ length: optimizerSlotCount(spec) }, () => new Float32Array(initial.length));
  const optimizer = createOptimizer(spec, slots);
  for (const g of gradients) optimizer.step(params, Float32Array.from(g));
  return params;
}

function close(actual: number, expected: number, tolerance = 1e-6): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);
}

/**
 * Float64 transcriptions of Keras 3 (keras/src/optimizers/*.py) for one scalar weight; `learningRateAt(t)` (1-based
 * step) changes the rate between steps, as assigning `optimizer.learning_rate` does: every other state carries on.
 */
function reference(spec: OptimizerSpec, w0: number, gradients: number[], learningRateAt: (t: number) => number = () => spec.learningRate): number {
  let w = w0, m = 0, v = 0, a = 0;
  gradients.forEach((g, index) => {
    const t = index + 1;
    const lr = learningRateAt(t);
    switch (spec.type) {
      case 'sgd':
        if (spec.momentum === 0) { w -= lr * g; break; }
        m = spec.momentum * m - lr * g;
        w += spec.nesterov ? spec.momentum * m - lr * g : m;
        break;
      case 'adamw':
      case 'adam': {
        if (spec.type === 'adamw') w -= w * spec.weightDecay * lr;
        const alpha = (lr * Math.sqrt(1 - spec.beta2 ** t)) / (1 - spec.beta1 ** t);
        m += (g - m) * (1 - spec.beta1);
        v += (g * g - v) * (1 - spec.beta2);
        w -= (alpha * m) / (Math.sqrt(v) + spec.epsilon);
        break;
      }
      case 'rmsprop': {
        v = spec.rho * v + (1 - spec.rho) * g * g;
        let denominator = v + spec.epsilon;
        if (spec.centered) { a = spec.rho * a + (1 - spec.rho) * g; denominator = v - a * a + spec.epsilon; }
        const increment = (lr * g) / Math.sqrt(denominator);
        if (spec.momentum > 0) { m = spec.momentum * m + increment; w -= m; } else w -= increment;
        break;
      }
    }
  });
  return w;
}

const SPECS: OptimizerSpec[] = [
  { type: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false },
  { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: false },
  { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true },
  { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  { type: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
  { type: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: true },
  { type: 'adamw', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.004 },
];

describe('optimizers', () => {
  it('hand-computed steps', () => {
    const sgd = (momentum: number, nesterov: boolean): Float32Array =>
      run({ type: 'sgd', learningRate: 0.1, momentum, nesterov }, [0], [[1], [1]]);
    close(sgd(0, false)[0], -0.2);
    close(sgd(0.9, false)[0], -0.29);
    close(sgd(0.9, true)[0], -0.461);
    // Adam's first step moves every weight by about lr, whatever the gradient's size.
    const adam = run({ type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, [0, 0], [[50, -0.02]]);
    close(adam[0], -0.001, 1e-4);
    close(adam[1], 0.001, 1e-4);
    close(run({ type: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }, [0], [[1]])[0], -0.01 / Math.sqrt(0.1 + 1e-7));
    close(run({ type: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: true }, [0], [[1]])[0], -0.01 / Math.sqrt(0.09 + 1e-7));
    // AdamW decays a weight with zero gradient by lr·wd·w and nothing else.
    close(run({ type: 'adamw', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.004 }, [1], [[0]])[0], 1 - 0.001 * 0.004);
  });

  for (const spec of SPECS) {
    const label = `${spec.type}${'momentum' in spec ? ` momentum ${spec.momentum}` : ''}${spec.type === 'sgd' && spec.nesterov ? ' nesterov' : ''}${spec.type === 'rmsprop' && spec.centered ? ' centered' : ''}`;
    it(`${label}: 30 steps follow Keras' update rule`, () => {
      const random = new Random(4);
      const initial = [0.5, -1.5, 2];
      const gradients = Array.from({ length: 30 }, () => initial.map(() => random.nextNormal()));
      const params = run(spec, initial, gradients);
      initial.forEach((w0, i) => close(params[i], reference(spec, w0, gradients.map((g) => g[i])), 1e-5));
    });
  }

  it('reset forgets the state', () => {
    const spec: OptimizerSpec = { type: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
    const slots = [new Float32Array(1), new Float32Array(1)];
    const optimizer = createOptimizer(spec, slots);
    const params = Float32Array.of(0);
    optimizer.step(params, Float32Array.of(3));
    optimizer.reset();
    assert.equal(optimizer.iterations, 0);
    params[0] = 0;
    optimizer.step(params, Float32Array.of(-1));
    close(params[0], 0.1, 1e-4);
  });

  it('rejects settings out of range, naming the field', () => {
    assert.throws(() => checkOptimizerSpec({ type: 'adam', learningRate: 0.001, beta1: 1.5, beta2: 0.999, epsilon: 1e-7 }), /beta1/);
    assert.throws(() => checkOptimizerSpec({ type: 'sgd', learningRate: -1, momentum: 0, nesterov: false }), /learningRate/);
  });

  it('a learning rate changed between steps is used from the next step on, every moment and the step count kept', () => {
    const random = new Random(17);
    const steps = 12;
    const changeAfter = 5;
    const gradients = Array.from({ length: steps }, () => Array.from({ length: 4 }, () => random.nextNormal()));
    const initial = [0.3, -0.7, 1.1, 0.05];
    for (const spec of SPECS) {
      const newRate = spec.learningRate * 3.5;
      const params = Float32Array.from(initial);
      const slots = Array.from({ length: optimizerSlotCount(spec) }, () => new Float32Array(initial.length));
      const optimizer = createOptimizer(spec, slots);
      gradients.slice(0, changeAfter).forEach((g) => optimizer.step(params, Float32Array.from(g)));
      const slotsBefore = slots.map((slot) => slot.slice());
      optimizer.learningRate = newRate;
      assert.equal(optimizer.learningRate, newRate);
      assert.equal(optimizer.iterations, changeAfter, 'the step count is kept');
      slots.forEach((slot, i) => assert.deepEqual(slot, slotsBefore[i], `${spec.type}: slot ${i} kept`));
      assert.equal(spec.learningRate, newRate / 3.5, 'the caller\'s spec is not written to');
      gradients.slice(changeAfter).forEach((g) => optimizer.step(params, Float32Array.from(g)));
      // What a restart at the new rate would give: the same weights after the first steps, a fresh optimizer after.
      const restarted = Float32Array.from(initial);
      const first = createOptimizer(spec, slots.map((slot) => new Float32Array(slot.length)));
      gradients.slice(0, changeAfter).forEach((g) => first.step(restarted, Float32Array.from(g)));
      const fresh = createOptimizer({ ...spec, learningRate: newRate }, slots.map((slot) => new Float32Array(slot.length)));
      gradients.slice(changeAfter).forEach((g) => fresh.step(restarted, Float32Array.from(g)));
      let differsFromRestart = false;
      initial.forEach((w0, i) => {
        const expected = reference(spec, w0, gradients.map((g) => g[i]), (t) => (t > changeAfter ? newRate : spec.learningRate));
        close(params[i], expected, 1e-5);
        if (Math.abs(restarted[i] - expected) > 1e-4 * Math.max(1, Math.abs(expected))) differsFromRestart = true;
      });
      // Only stateful optimizers tell a kept state from a fresh one.
      const stateful = optimizerSlotCount(spec) > 0;
      assert.equal(differsFromRestart, stateful, `${spec.type}: a fresh optimizer at the new rate would ${stateful ? '' : 'not '}differ`);
    }
  });
});
