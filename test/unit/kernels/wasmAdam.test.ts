import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adamUpdate } from '../../../src/core/optimizers/adam';
import { createWasmBackend, type WasmBackend } from '../../../src/core/kernels/wasm/backend';
import { wasmAdamUpdate } from '../../../src/core/kernels/wasm/optimizers';
import { Random } from '../../../src/core/random';
import { kernelModule } from './kernelModule';

const SETTINGS = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

function stepSizeAt(iteration: number): number {
  const { learningRate, beta1, beta2 } = SETTINGS;
  return (learningRate * Math.sqrt(1 - beta2 ** iteration)) / (1 - beta1 ** iteration);
}

describe('wasm Adam kernel', () => {
  let backend: WasmBackend;
  before(async () => {
    backend = createWasmBackend(await kernelModule(), { threads: 1 });
  });
  after(() => backend.dispose());

  it('takes the TypeScript Adam update\'s steps bit for bit, SIMD pairs and the odd tail alike', () => {
    const count = 1037;
    const random = new Random(21);
    const [params, grads, m, v] = backend.allocate([count, count, count, count]);
    const reference = [new Float32Array(count), new Float32Array(count), new Float32Array(count), new Float32Array(count)];
    for (let i = 0; i < count; i++) params[i] = reference[0][i] = random.nextNormal();
    for (let iteration = 1; iteration <= 6; iteration++) {
      for (let i = 0; i < count; i++) grads[i] = reference[1][i] = random.nextNormal() * (i % 7 === 0 ? 0 : 0.1);
      assert.equal(wasmAdamUpdate(params, grads, m, v, count, stepSizeAt(iteration), SETTINGS.beta1, SETTINGS.beta2, SETTINGS.epsilon), true);
      adamUpdate(SETTINGS, iteration, reference[0], reference[1], reference[2], reference[3]);
    }
    // The same float64 arithmetic in the same order, rounded to float32 at the same places.
    assert.deepEqual(params, reference[0]);
    assert.deepEqual(m, reference[2]);
    assert.deepEqual(v, reference[3]);
  });

  it('declines (changing nothing) when a buffer lives outside the kernel memory', () => {
    const [params, grads, m] = backend.allocate([8, 8, 8]);
    params.fill(1);
    grads.fill(1);
    const outside = new Float32Array(8);
    assert.equal(wasmAdamUpdate(params, grads, m, outside, 8, 0.1, 0.9, 0.999, 1e-7), false);
    assert.equal(wasmAdamUpdate(new Float32Array(8), grads, m, outside, 8, 0.1, 0.9, 0.999, 1e-7), false);
    assert.deepEqual(Array.from(params), new Array(8).fill(1));
    assert.deepEqual(Array.from(m), new Array(8).fill(0));
  });
});
