// Random shapes, transposes, offsets and accumulation: the wasm kernel agrees with the js reference on all of them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gemm as jsGemm } from '../../../src/core/kernels/js';
import { createWasmBackend, type WasmBackend } from '../../../src/core/kernels/wasm/backend';
import { Random } from '../../../src/core/random';
import { kernelModule, until } from './kernelModule';

describe('wasm gemm on random problems', () => {
  let pair: WasmBackend;
  before(async () => {
    pair = createWasmBackend(await kernelModule(), { threads: 2 });
    await until(() => pair.parallel);
  });
  after(() => pair.dispose());

  it('matches the js backend within float32 rounding (sizes 1–300, any transpose, offset subarrays)', () => {
    const problem = fc.record({
      m: fc.integer({ min: 1, max: 300 }), n: fc.integer({ min: 1, max: 300 }), k: fc.integer({ min: 1, max: 300 }),
      transA: fc.boolean(), transB: fc.boolean(), accumulate: fc.boolean(),
      offset: fc.integer({ min: 0, max: 5 }), seed: fc.integer({ min: 1, max: 1 << 30 }),
    });
    fc.assert(fc.property(problem, ({ m, n, k, transA, transB, accumulate, offset, seed }) => {
      const random = new Random(seed);
      // Offsets inside one allocation: the kernels must not assume aligned operands.
      const [aBuffer, bBuffer, cBuffer] = pair.allocate([m * k + offset, k * n + offset, m * n + offset]);
      const a = aBuffer.subarray(offset);
      const b = bBuffer.subarray(offset);
      const c = cBuffer.subarray(offset);
      for (let i = 0; i < a.length; i++) a[i] = 2 * random.nextFloat() - 1;
      for (let i = 0; i < b.length; i++) b[i] = 2 * random.nextFloat() - 1;
      for (let i = 0; i < c.length; i++) c[i] = 2 * random.nextFloat() - 1;
      const expected = Float32Array.from(c);
      jsGemm(transA, transB, m, n, k, a, b, expected, accumulate);
      pair.gemm(transA, transB, m, n, k, a, b, c, accumulate);
      const tolerance = 4e-7 * (k + 4);
      for (let i = 0; i < expected.length; i++) {
        if (!(Math.abs(c[i] - expected[i]) <= tolerance)) {
          assert.fail(`${m}×${n}×${k} transA=${transA} transB=${transB} accumulate=${accumulate} offset=${offset}: ` +
            `C[${i}] = ${c[i]}, js gives ${expected[i]}`);
        }
      }
    }), { numRuns: 60, seed: 20241124 });
  });
});
