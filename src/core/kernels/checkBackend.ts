// A conformance check any Backend must pass: its gemm against a naive float64 triple loop, for all four transpose
// combinations, with and without accumulation, over odd and even sizes. Used by the unit tests of every backend.
import type { Backend } from './types';
import { Random } from '../random';

const SIZES: readonly (readonly [m: number, n: number, k: number])[] = [
  [1, 1, 1], [1, 7, 3], [5, 1, 9], [3, 5, 7], [8, 8, 8], [17, 13, 11], [32, 10, 2], [33, 65, 31], [64, 3, 100],
];

/** C = op(A)·op(B) (+ C) in float64, straight from the definition. */
function naiveGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, b: Float32Array, c: Float64Array, accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = accumulate ? c[i * n + j] : 0;
      for (let p = 0; p < k; p++) sum += a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
      c[i * n + j] = sum;
    }
  }
}

/** Throws an Error describing the first element where the backend's gemm differs beyond float32 rounding. */
export function checkBackendGemm(backend: Backend): void {
  const random = new Random(1234);
  for (const [m, n, k] of SIZES) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          const [a, b, c] = backend.allocate([m * k, k * n, m * n]);
          // Zeros in A exercise kernels that skip them; the rest are uniform in [−1, 1).
          for (let i = 0; i < a.length; i++) a[i] = i % 5 === 0 ? 0 : 2 * random.nextFloat() - 1;
          for (let i = 0; i < b.length; i++) b[i] = 2 * random.nextFloat() - 1;
          for (let i = 0; i < c.length; i++) c[i] = 2 * random.nextFloat() - 1;
          const expected = Float64Array.from(c);
          naiveGemm(transA, transB, m, n, k, a, b, expected, accumulate);
          backend.gemm(transA, transB, m, n, k, a, b, c, accumulate);
          const tolerance = 1e-6 * (k + 1) * 4;
          for (let i = 0; i < m * n; i++) {
            if (!(Math.abs(c[i] - expected[i]) <= tolerance)) {
              throw new Error(
                `${backend.name} gemm(transA=${transA}, transB=${transB}, m=${m}, n=${n}, k=${k}, accumulate=${accumulate}): ` +
                `C[${Math.floor(i / n)}, ${i % n}] = ${c[i]}, expected ${expected[i]}`,
              );
            }
          }
        }
      }
    }
  }
}
