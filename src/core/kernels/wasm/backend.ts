// The WebAssembly SIMD backend: every program buffer lives in one shared wasm memory, so `gemm` hands the kernels
// byte addresses and nothing is copied. Arrays from elsewhere still work: they are staged through a scratch area.
import type { Backend } from '../types';
import { gemm as jsGemm } from '../js';
import { CONTROL_WORDS, startGemmPool, type GemmPool } from '../parallel';
import { KernelMemory, type AdamKernel } from './memory';
import { wasmApi, type WasmModule } from './webassembly';

/** Packing buffers of one kernel thread: B block (KC·NC floats), A panel (KC·4), one 4×8 tile (see gemm.wat). */
const SCRATCH_BYTES = 256 * 512 * 4 + 256 * 4 * 4 + 4 * 8 * 4;
const CONTROL_ADDRESS = 64;
/**
 * Below this many multiply-adds (about 70 µs on one core) a GEMM stays on one thread: a chunk may have to pack B
 * again, and the hand-over is not free. Measured: 64×128×784 (6.4M) runs 1.5–1.8× faster on two idle cores.
 */
const PARALLEL_MIN_MACS = 1 << 20;
/**
 * A job is cut into this many chunks: enough that a descheduled thread holds up little, few enough that the
 * per-chunk costs (copying a transposed B, the claims) stay small.
 */
const CHUNKS_PER_JOB = 6;
const MIN_CHUNK_ROWS = 8;

type GemmExport = (
  transA: number, transB: number, m: number, n: number, k: number,
  a: number, b: number, c: number, accumulate: number, rowStart: number, rowEnd: number, scratch: number,
) => void;

export interface WasmBackendOptions {
  /** Kernel threads, this one included: 1 or 2 (more would need more control blocks and pays little here). */
  threads: number;
}

export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  /** Bytes of wasm memory committed so far (program buffers, packing scratch, staging). */
  readonly committedBytes: number;
  /** True once the second kernel thread is up and taking chunks of every large GEMM. */
  readonly parallel: boolean;
  /** Chunks of GEMMs the second kernel thread has computed so far (0 on one thread). */
  readonly workerChunks: number;
}

export function createWasmBackend(module: WasmModule, options: WasmBackendOptions): WasmBackend {
  const memory = new KernelMemory(CONTROL_ADDRESS + CONTROL_WORDS * 4);
  if (wasmApi === undefined) throw new Error('this runtime has no WebAssembly');
  const instance = new wasmApi.Instance(module, { env: { memory: memory.memory } });
  const kernel = instance.exports.gemm as GemmExport;
  memory.adam = instance.exports.adam as AdamKernel;
  const mainScratch = reserveOrThrow(memory, SCRATCH_BYTES);
  const takeChunks = instance.exports.takeChunks as (control: number, job: number, scratch: number) => number;
  let pool: GemmPool | undefined;
  if (options.threads >= 2) {
    const workerScratch = reserveOrThrow(memory, SCRATCH_BYTES);
    pool = startGemmPool(module, memory, CONTROL_ADDRESS, workerScratch, takeChunks);
  }
  const staging = new Staging(memory);

  function run(
    transA: number, transB: number, m: number, n: number, k: number,
    a: number, b: number, c: number, accumulate: number,
  ): void {
    if (pool === undefined || m < 2 * MIN_CHUNK_ROWS || m * n * k < PARALLEL_MIN_MACS || !pool.ready) {
      kernel(transA, transB, m, n, k, a, b, c, accumulate, 0, m, mainScratch);
      return;
    }
    // Chunks are whole 4-row panels, so every row is computed exactly as on one thread: same bits either way.
    const chunkRows = Math.max(MIN_CHUNK_ROWS, Math.ceil(m / CHUNKS_PER_JOB / 4) * 4);
    pool.run(transA, transB, m, n, k, a, b, c, accumulate, Math.ceil(m / chunkRows), chunkRows, mainScratch);
  }

  return {
    name: 'wasm',
    get committedBytes(): number { return memory.committedBytes; },
    get parallel(): boolean { return pool?.ready ?? false; },
    get workerChunks(): number { return pool?.workerChunks ?? 0; },
    allocate(lengths: readonly number[]): Float32Array[] {
      let totalBytes = 0;
      for (const length of lengths) totalBytes += alignedBytes(length);
      const base = memory.reserve(totalBytes);
      // Past the memory's limit the program still runs, on ordinary arrays that gemm stages.
      if (base < 0) return lengths.map((length) => new Float32Array(length));
      const buffers: Float32Array[] = [];
      let address = base;
      for (const length of lengths) {
        buffers.push(memory.floats(address, length));
        address += alignedBytes(length);
      }
      return buffers;
    },
    gemm(transA, transB, m, n, k, a, b, c, accumulate): void {
      checkGemmArguments(m, n, k, a, b, c);
      if (m === 0 || n === 0) return;
      if (k === 0) {
        if (!accumulate) c.fill(0, 0, m * n);
        return;
      }
      const ta = transA ? 1 : 0;
      const tb = transB ? 1 : 0;
      const acc = accumulate ? 1 : 0;
      if (memory.contains(a) && memory.contains(b) && memory.contains(c)) {
        run(ta, tb, m, n, k, a.byteOffset, b.byteOffset, c.byteOffset, acc);
        return;
      }
      const staged = staging.stage(m * k, k * n, m * n);
      if (staged === undefined) {
        jsGemm(transA, transB, m, n, k, a, b, c, accumulate);
        return;
      }
      const aAddress = memory.contains(a) ? a.byteOffset : staged.copyIn(0, a, m * k);
      const bAddress = memory.contains(b) ? b.byteOffset : staged.copyIn(1, b, k * n);
      if (memory.contains(c)) {
        run(ta, tb, m, n, k, aAddress, bAddress, c.byteOffset, acc);
      } else {
        const cAddress = accumulate ? staged.copyIn(2, c, m * n) : staged.address(2);
        run(ta, tb, m, n, k, aAddress, bAddress, cAddress, acc);
        c.set(memory.floats(cAddress, m * n));
      }
    },
    dispose(): void {
      pool?.dispose();
      pool = undefined;
    },
  };
}

function alignedBytes(length: number): number {
  return Math.ceil((length * 4) / 64) * 64;
}

function reserveOrThrow(memory: KernelMemory, bytes: number): number {
  const address = memory.reserve(bytes);
  if (address < 0) throw new Error(`the wasm backend could not reserve ${bytes} bytes of WebAssembly memory`);
  return address;
}

/** A bad call would make the kernels read or write other buffers' memory, so it is refused up front. */
function checkGemmArguments(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  if (!(Number.isInteger(m) && Number.isInteger(n) && Number.isInteger(k) && m >= 0 && n >= 0 && k >= 0)) {
    throw new RangeError(`gemm: sizes must be non-negative integers, got m=${m} n=${n} k=${k}`);
  }
  if (a.length < m * k) throw new RangeError(`gemm: A holds ${a.length} values, needs m·k = ${m}·${k}`);
  if (b.length < k * n) throw new RangeError(`gemm: B holds ${b.length} values, needs k·n = ${k}·${n}`);
  if (c.length < m * n) throw new RangeError(`gemm: C holds ${c.length} values, needs m·n = ${m}·${n}`);
}

/** Three slots in wasm memory for operands that live outside it; regrown (doubling) when a larger call comes. */
class Staging {
  private base = -1;
  private capacityFloats = 0;
  private readonly offsets = [0, 0, 0];

  constructor(private readonly memory: KernelMemory) {}

  stage(aFloats: number, bFloats: number, cFloats: number): this | undefined {
    const need = alignedBytes(aFloats) + alignedBytes(bFloats) + alignedBytes(cFloats);
    if (need > this.capacityFloats * 4) {
      const capacityBytes = Math.max(need, this.capacityFloats * 8, 1 << 16);
      const base = this.memory.reserve(capacityBytes);
      if (base < 0) return undefined;
      this.base = base;
      this.capacityFloats = capacityBytes / 4;
    }
    this.offsets[0] = this.base;
    this.offsets[1] = this.base + alignedBytes(aFloats);
    this.offsets[2] = this.offsets[1] + alignedBytes(bFloats);
    return this;
  }

  address(slot: number): number {
    return this.offsets[slot];
  }

  copyIn(slot: number, values: Float32Array, length: number): number {
    this.memory.floats(this.offsets[slot], length).set(values.subarray(0, length));
    return this.offsets[slot];
  }
}
