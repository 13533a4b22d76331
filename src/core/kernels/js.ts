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

/**
 * Positions of the non-zero multipliers of the current row, reused across calls (grown, never shrunk). Inputs are
 * often sparse (ReLU outputs, image pixels), and skipping exact zeros is exact for finite operands.
 */
let nonZero = new Int32Array(256);

function nonZeroScratch(length: number): Int32Array {
  if (nonZero.length < length) nonZero = new Int32Array(Math.max(length, nonZero.length * 2));
  return nonZero;
}

/**
 * C[i, :] += Σ_p a_p · B[p, :] over the non-zero a_p listed in `positions` (a_p read at aBase + p·aStride): four rows
 * of B per pass, so each element of C is loaded and stored once per four multiply-adds.
 */
function axpyRows(
  positions: Int32Array, count: number, a: FloatArray, aBase: number, aStride: number,
  b: FloatArray, n: number, c: FloatArray, cRow: number,
): void {
  let q = 0;
  for (; q + 3 < count; q += 4) {
    const p0 = positions[q], p1 = positions[q + 1], p2 = positions[q + 2], p3 = positions[q + 3];
    const a0 = a[aBase + p0 * aStride], a1 = a[aBase + p1 * aStride], a2 = a[aBase + p2 * aStride], a3 = a[aBase + p3 * aStride];
    const b0 = p0 * n, b1 = p1 * n, b2 = p2 * n, b3 = p3 * n;
    for (let j = 0; j < n; j++) {
      c[cRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
    }
  }
  for (; q < count; q++) {
    const p = positions[q];
    const aValue = a[aBase + p * aStride];
    const bRow = p * n;
    for (let j = 0; j < n; j++) c[cRow + j] += aValue * b[bRow + j];
  }
}

/** A[m×k] · B[k×n]: row i of C is a combination of the rows of B weighted by row i of A. */
function gemmNN(m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
  const positions = nonZeroScratch(k);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    let count = 0;
    for (let p = 0; p < k; p++) if (a[aRow + p] !== 0) positions[count++] = p;
    axpyRows(positions, count, a, aRow, 1, b, n, c, i * n);
  }
}

/**
 * Aᵀ · B with A stored [k×m] (the weight gradient xᵀ·dy, k = batch): row i of C combines the rows of B weighted by
 * column i of A, so C's row stays in cache while the (small) B is swept.
 */
function gemmTN(m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
  const positions = nonZeroScratch(k);
  for (let i = 0; i < m; i++) {
    let count = 0;
    for (let p = 0; p < k; p++) if (a[p * m + i] !== 0) positions[count++] = p;
    axpyRows(positions, count, a, i, m, b, n, c, i * n);
  }
}

/**
 * A · Bᵀ with B stored [n×k] (the input gradient dy·Wᵀ): every C element is a dot product of two contiguous rows;
 * four of them at a time share each load of A's row.
 */
function gemmNT(
  m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray, accumulate: boolean,
): void {
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const cRow = i * n;
    let j = 0;
    for (; j < n4; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const aValue = a[aRow + p];
        s0 += aValue * b[b0 + p];
        s1 += aValue * b[b1 + p];
        s2 += aValue * b[b2 + p];
        s3 += aValue * b[b3 + p];
      }
      if (accumulate) {
        c[cRow + j] += s0; c[cRow + j + 1] += s1; c[cRow + j + 2] += s2; c[cRow + j + 3] += s3;
      } else {
        c[cRow + j] = s0; c[cRow + j + 1] = s1; c[cRow + j + 2] = s2; c[cRow + j + 3] = s3;
      }
    }
    for (; j < n; j++) {
      const bRow = j * k;
      let dot = 0;
      for (let p = 0; p < k; p++) dot += a[aRow + p] * b[bRow + p];
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
