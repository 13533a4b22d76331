import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkBackendGemm } from '../../../src/core/kernels/checkBackend';
import { gemm as jsGemm } from '../../../src/core/kernels/js';
import { createWasmBackend, type WasmBackend } from '../../../src/core/kernels/wasm/backend';
import { Random } from '../../../src/core/random';
import type { WasmModule } from '../../../src/core/kernels/wasm/webassembly';
import { kernelModule, until } from './kernelModule';

function fillUniform(values: Float32Array, random: Random): void {
  for (let i = 0; i < values.length; i++) values[i] = 2 * random.nextFloat() - 1;
}

/** |wasm − float64 reference| within float32 rounding of a k-term sum of products of values in [−1, 1). */
function assertClose(actual: Float32Array, expected: Float32Array, k: number, what: string): void {
  const tolerance = 4e-7 * (k + 4);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, the js backend gives ${expected[i]}`);
    }
  }
}

describe('wasm backend gemm', () => {
  let module: WasmModule;
  let single: WasmBackend;
  before(async () => {
    module = await kernelModule();
    single = createWasmBackend(module, { threads: 1 });
  });
  after(() => single.dispose());

  it('passes the core conformance check (all transposes, accumulate, odd sizes)', () => {
    checkBackendGemm(single);
  });

  it('agrees with the js backend on shapes that cross the 256-deep and 512-wide blocks, for every transpose', () => {
    const random = new Random(7);
    for (const [m, n, k] of [[37, 600, 300], [9, 1030, 513], [130, 17, 700]] as const) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          for (const accumulate of [false, true]) {
            const [a, b, c] = single.allocate([m * k, k * n, m * n]);
            fillUniform(a, random);
            fillUniform(b, random);
            fillUniform(c, random);
            const expected = Float32Array.from(c);
            jsGemm(transA, transB, m, n, k, a, b, expected, accumulate);
            single.gemm(transA, transB, m, n, k, a, b, c, accumulate);
            assertClose(c, expected, k, `${m}×${n}×${k} transA=${transA} transB=${transB} accumulate=${accumulate}`);
          }
        }
      }
    }
  });

  it('stages arrays that live outside its memory, including subarrays at odd offsets', () => {
    const random = new Random(8);
    const [m, n, k] = [19, 23, 29];
    const aBacking = new Float32Array(m * k + 3);
    fillUniform(aBacking, random);
    const a = aBacking.subarray(3);
    const [b] = single.allocate([k * n]);
    fillUniform(b, random);
    const cBacking = new Float32Array(m * n + 1);
    fillUniform(cBacking, random);
    const c = cBacking.subarray(1);
    const expected = Float32Array.from(c);
    jsGemm(false, true, m, n, k, a, b, expected, true);
    single.gemm(false, true, m, n, k, a, b, c, true);
    assertClose(c, expected, k, 'staged A and C');
    assert.equal(cBacking[0], Float32Array.from(cBacking)[0], 'the value before the subarray is untouched');
  });

  it('reads and writes only the first m·k, k·n, m·n values of longer buffers', () => {
    const [m, n, k] = [5, 6, 7];
    const [a, b, c] = single.allocate([m * k + 8, k * n + 8, m * n + 8]);
    a.fill(1);
    b.fill(2);
    c.fill(-5);
    single.gemm(false, false, m, n, k, a, b, c, false);
    assert.deepEqual(Array.from(c.subarray(0, m * n)), new Array(m * n).fill(14));
    assert.deepEqual(Array.from(c.subarray(m * n)), new Array(8).fill(-5));
  });

  it('treats k = 0 as an empty sum, and m = 0 or n = 0 as nothing to do', () => {
    const [a, b, c] = single.allocate([8, 8, 6]);
    c.fill(3);
    single.gemm(false, false, 2, 3, 0, a, b, c, true);
    assert.deepEqual(Array.from(c), [3, 3, 3, 3, 3, 3]);
    single.gemm(false, false, 2, 3, 0, a, b, c, false);
    assert.deepEqual(Array.from(c), [0, 0, 0, 0, 0, 0]);
    c.fill(3);
    single.gemm(false, false, 0, 3, 2, a, b, c, false);
    assert.deepEqual(Array.from(c), [3, 3, 3, 3, 3, 3]);
  });

  it('refuses buffers too short for the sizes, naming the operand', () => {
    const [a, b, c] = single.allocate([6, 6, 4]);
    assert.throws(() => single.gemm(false, false, 2, 2, 4, a, b, c, false), /A holds 6 values, needs m·k = 2·4/);
    assert.throws(() => single.gemm(false, false, 2, 3, 2, a, b, c, false), /C holds 4 values, needs m·n = 2·3/);
    assert.throws(() => single.gemm(false, false, 2, 2, 1.5, a, b, c, false), /non-negative integers/);
  });

  it('allocates zeroed, disjoint buffers that stay valid as the memory grows', () => {
    const [first, second] = single.allocate([10, 3]);
    first.fill(1);
    second.fill(2);
    const before = single.committedBytes;
    const [large] = single.allocate([8 << 20]);
    assert.ok(single.committedBytes > before);
    assert.equal(large.length, 8 << 20);
    assert.ok(large.every((value) => value === 0));
    assert.deepEqual(Array.from(first), new Array(10).fill(1));
    assert.deepEqual(Array.from(second), [2, 2, 2]);
    // The old views and the memory still alias: a kernel writing through an address sees what they hold.
    const [c] = single.allocate([1]);
    single.gemm(false, false, 1, 1, 3, first, second, c, false);
    assert.equal(c[0], 6);
  });
});

describe('wasm backend on two threads', () => {
  let module: WasmModule;
  let pair: WasmBackend;
  let single: WasmBackend;
  before(async () => {
    module = await kernelModule();
    pair = createWasmBackend(module, { threads: 2 });
    single = createWasmBackend(module, { threads: 1 });
    await until(() => pair.parallel);
  });
  after(() => {
    pair.dispose();
    single.dispose();
  });

  it('passes the core conformance check', () => {
    checkBackendGemm(pair);
  });

  it('gives bit-for-bit the results of one thread on GEMMs large enough to be split', () => {
    const random = new Random(9);
    const chunksBefore = pair.workerChunks;
    for (const [m, n, k] of [[64, 128, 784], [784, 128, 64], [250, 70, 300], [42, 513, 260]] as const) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const [a, b, c] = pair.allocate([m * k, k * n, m * n]);
          const [a1, b1, c1] = single.allocate([m * k, k * n, m * n]);
          fillUniform(a, random);
          fillUniform(b, random);
          fillUniform(c, random);
          a1.set(a);
          b1.set(b);
          c1.set(c);
          pair.gemm(transA, transB, m, n, k, a, b, c, true);
          single.gemm(transA, transB, m, n, k, a1, b1, c1, true);
          assert.ok(pair.parallel, 'the second thread is still serving');
          assert.deepEqual(c, c1, `${m}×${n}×${k} transA=${transA} transB=${transB}`);
        }
      }
    }
    assert.ok(pair.workerChunks > chunksBefore, 'the second thread computed some of the chunks');
  });

  it('keeps answering after many back-to-back jobs and after the worker went to sleep', async () => {
    const [m, n, k] = [128, 64, 64];
    const [a, b, c] = pair.allocate([m * k, k * n, m * n]);
    a.fill(0.5);
    b.fill(0.25);
    for (let i = 0; i < 500; i++) pair.gemm(false, false, m, n, k, a, b, c, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    c.fill(0);
    pair.gemm(false, false, m, n, k, a, b, c, false);
    assert.ok(c.every((value) => value === 8));
  });
});
