// The numeric kernels a training program runs on. The plain-TypeScript backend is the reference and the fallback;
// the WebAssembly SIMD backend is the fast path. Both must give the same results within float32 rounding.

export type BackendName = 'js' | 'wasm';

export interface Backend {
  readonly name: BackendName;
  /**
   * Allocates every buffer of one program at once, zeroed. The wasm backend places them in its own memory, so the
   * kernels read and write them in place; call it while planning a program, never per batch.
   */
  allocate(lengths: readonly number[]): Float32Array[];
  /**
   * Row-major GEMM: C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C when `accumulate`), where op(X) is Xᵀ when its flag is set.
   * `a`, `b` and `c` are buffers from `allocate` (or subarrays of them) for the wasm backend, any Float32Array for js.
   */
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number,
    a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean,
  ): void;
  /** Releases workers or memory held by the backend. */
  dispose(): void;
}
