// Benchmark child: GFLOP/s of our matrix kernel (through Backend.gemm, buffers from allocate) on 1024³ and on the
// W2 training shapes, on one kernel thread and on two; and of TF.js-wasm's matMul on 1024³ for reference.
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createBackend, Random, type Backend } from '../src/core/index';
import { peakRssMiB } from './measure';

interface Shape { label: string; transA: boolean; transB: boolean; m: number; n: number; k: number }

const SHAPES: Shape[] = [
  { label: '1024×1024 · 1024×1024', transA: false, transB: false, m: 1024, n: 1024, k: 1024 },
  { label: 'W2 forward 64×784 · 784×128', transA: false, transB: false, m: 64, n: 128, k: 784 },
  { label: 'W2 kernel grad (64×784)ᵀ · 64×128', transA: true, transB: false, m: 784, n: 128, k: 64 },
  { label: 'W2 forward 64×128 · 128×10', transA: false, transB: false, m: 64, n: 10, k: 128 },
  { label: 'W2 input grad 64×10 · (128×10)ᵀ', transA: false, transB: true, m: 64, n: 128, k: 10 },
  { label: 'W1 forward 32×20 · 20×10', transA: false, transB: false, m: 32, n: 10, k: 20 },
  { label: 'W1 kernel grad (32×20)ᵀ · 32×10', transA: true, transB: false, m: 20, n: 10, k: 32 },
];

/** Median of `runs` timings of enough repetitions to last about 100 ms each. */
function gflops(backend: Backend, shape: Shape): number {
  const { transA, transB, m, n, k } = shape;
  const [a, b, c] = backend.allocate([m * k, k * n, m * n]);
  const random = new Random(5);
  for (let i = 0; i < a.length; i++) a[i] = random.nextFloat() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = random.nextFloat() - 0.5;
  const once = (): void => backend.gemm(transA, transB, m, n, k, a, b, c, false);
  once();
  let repetitions = 1;
  for (;;) {
    const start = performance.now();
    for (let r = 0; r < repetitions; r++) once();
    if (performance.now() - start > 20) break;
    repetitions *= 2;
  }
  repetitions *= 5;
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    for (let r = 0; r < repetitions; r++) once();
    rates.push((2 * m * n * k * repetitions) / ((performance.now() - start) / 1000) / 1e9);
  }
  rates.sort((x, y) => x - y);
  return rates[2];
}

async function tfjsMatMulGflops(): Promise<number> {
  setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
  await tf.setBackend('wasm');
  const a = tf.randomUniform([1024, 1024], -0.5, 0.5, 'float32', 5);
  const b = tf.randomUniform([1024, 1024], -0.5, 0.5, 'float32', 6);
  const once = (): void => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); };
  once();
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    once();
    rates.push((2 * 1024 ** 3) / ((performance.now() - start) / 1000) / 1e9);
  }
  rates.sort((x, y) => x - y);
  return rates[2];
}

async function main(): Promise<void> {
  const rows: { shape: string; oneThread: number; twoThreads: number; js?: number }[] = [];
  const single = createBackend('wasm', { threads: 1 });
  const pair = createBackend('wasm', { threads: 2 });
  const js = createBackend('js');
  // The second kernel thread starts asynchronously; give it a moment before timing.
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const shape of SHAPES) {
    rows.push({
      shape: shape.label,
      oneThread: gflops(single, shape),
      twoThreads: gflops(pair, shape),
      js: shape.m * shape.n * shape.k <= 64 * 784 * 128 ? gflops(js, shape) : undefined,
    });
  }
  single.dispose();
  pair.dispose();
  const tfjsWasm = await tfjsMatMulGflops();
  process.stdout.write(`${JSON.stringify({ kind: 'gemm', rows, tfjsWasm1024: tfjsWasm, peakRssMiB: peakRssMiB() })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
