// The plain-TypeScript backend: the reference every other backend is checked against, and the fallback where
// WebAssembly is not available. Loops are ordered so the innermost one walks contiguous memory.
import type { Backend } from './types';
import type { FloatArray } from '../tensor';

/**
 * Row-major C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C when `accumulate`), written over FloatArray so the float64
 * gradient checks run the same code as training.
 */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, b: FloatArray, c: FloatArray, accumulate: boolean,
): void {
  if (!transB) {
    if (!accumulate) c.fill(0, 0, m * n);
    if (!transA) gemmNN(m, n, k, a, b, c);
    else gemmTN(m, n, k, a, b, c);
  } else if (!transA) {
    gemmNT(m, n, k, a, b, c, accumulate);
  } else {
    gemmTT(m, n, k, a, b, c, accumulate);
  }
}

/** A[m×k] · B[k×n]: i-k-j order, so the inner loop is an axpy over a row of B into a row of C. */
function gemmNN(m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    const aRow = i * k;
    for (let p = 0; p < k; p++) {
      const aValue = a[aRow + p];
      if (aValue === 0) continue; // ReLU outputs are often zero; skipping them is exact
      const bRow = p * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aValue * b[bRow + j];
    }
  }
}

/** Aᵀ · B with A stored [k×m]: k-i-j order, again an axpy over contiguous rows (the weight-gradient case). */
function gemmTN(m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
  for (let p = 0; p < k; p++) {
    const aRow = p * m;
    const bRow = p * n;
    for (let i = 0; i < m; i++) {
      const aValue = a[aRow + i];
      if (aValue === 0) continue;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aValue * b[bRow + j];
    }
  }
}

/** A · Bᵀ with B stored [n×k]: each C element is a dot product of two contiguous rows (the input-gradient case). */
function gemmNT(
  m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray, accumulate: boolean,
): void {
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const cRow = i * n;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      // Four partial sums break the dependency chain of a single accumulator.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        s0 += a[aRow + p] * b[bRow + p];
        s1 += a[aRow + p + 1] * b[bRow + p + 1];
        s2 += a[aRow + p + 2] * b[bRow + p + 2];
        s3 += a[aRow + p + 3] * b[bRow + p + 3];
      }
      for (; p < k; p++) s0 += a[aRow + p] * b[bRow + p];
      const dot = (s0 + s1) + (s2 + s3);
      c[cRow + j] = accumulate ? c[cRow + j] + dot : dot;
    }
  }
}

/** Aᵀ · Bᵀ (rare): A stored [k×m], B stored [n×k]. */
function gemmTT(
  m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray, accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      let dot = 0;
      for (let p = 0; p < k; p++) dot += a[p * m + i] * b[bRow + p];
      c[cRow + j] = accumulate ? c[cRow + j] + dot : dot;
    }
  }
}

/** The plain-TypeScript Backend. */
export function createJsBackend(): Backend {
  return {
    name: 'js',
    allocate(lengths: readonly number[]): Float32Array[] {
      // One ArrayBuffer for the whole program keeps its buffers close together in memory.
      let total = 0;
      for (const length of lengths) total += length;
      const memory = new ArrayBuffer(total * 4);
      const buffers: Float32Array[] = [];
      let offset = 0;
      for (const length of lengths) {
        buffers.push(new Float32Array(memory, offset * 4, length));
        offset += length;
      }
      return buffers;
    },
    gemm,
    dispose(): void {
      // Nothing to release: the buffers belong to the garbage collector.
    },
  };
}
