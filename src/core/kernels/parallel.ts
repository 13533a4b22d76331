// A second core for the large GEMMs: one worker thread running the same wasm kernels on the same shared memory.
// The caller splits C by rows, hands the lower part to the worker through a control block of i32 words (see
// workerLoop in wasm/kernels.wat for its layout), computes the upper part itself and waits for the worker's
// "done". Atomics make the hand-over take well under a microsecond while the worker is spinning.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KernelMemory } from './wasm/memory';
import type { WasmModule } from './wasm/webassembly';

const SEQ = 0;
const DONE = 1;
const ASLEEP = 2;
const READY = 3;
const QUIT = 4;
const ARGS = 5;
const CLAIM = 17;
export const CONTROL_WORDS = 18;

/** Spin iterations before the worker sleeps: about a millisecond, longer than the gap between two training GEMMs. */
const WORKER_SPINS = 400_000;
/** The caller spins this long for the worker's half before sleeping on it. */
const CALLER_SPINS = 1_000_000;
/** A worker silent this long is taken for dead: its rows are computed here instead and the pool is retired. */
const WORKER_TIMEOUT_MS = 10_000;

/** Where the worker script is: dist/kernels-worker.js beside a bundle, or this folder's parallelWorker.js. */
export function kernelWorkerCandidates(): string[] {
  return [join(__dirname, 'kernels-worker.js'), join(__dirname, 'parallelWorker.js')];
}

export type GemmArgs = [
  transA: number, transB: number, m: number, n: number, k: number,
  a: number, b: number, c: number, accumulate: number, rowStart: number, rowEnd: number, scratch: number,
];

export class GemmPool {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private sequence = 0;
  private broken = false;

  /** Starts the worker; it becomes `ready` a few tens of milliseconds later, and jobs run single-threaded until then. */
  constructor(module: WasmModule, memory: KernelMemory, controlAddress: number, workerPath: string) {
    this.control = memory.int32s(controlAddress, CONTROL_WORDS);
    this.worker = new Worker(workerPath, {
      workerData: { module, memory: memory.memory, ctrl: controlAddress, spins: WORKER_SPINS },
      // The kernels need no loader hooks; inheriting the parent's (tsx, --test) would only slow the start.
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    this.worker.on('error', () => { this.broken = true; });
    this.worker.on('exit', () => { this.broken = true; });
    // A pool must never keep a command-line run alive after its work is done.
    this.worker.unref();
  }

  get ready(): boolean {
    return !this.broken && Atomics.load(this.control, READY) === 1;
  }

  /**
   * Runs `args` (rows rowStart…rowEnd of one GEMM) on the worker while `ownShare` runs here, and returns when both
   * are done. If the worker has not taken the job by the time `ownShare` is done, or does not finish it in time,
   * `fallback` computes its rows here.
   */
  run(args: GemmArgs, ownShare: () => void, fallback: () => void): void {
    const control = this.control;
    for (let i = 0; i < args.length; i++) control[ARGS + i] = args[i];
    const sequence = (this.sequence = (this.sequence + 1) | 0);
    Atomics.store(control, SEQ, sequence);
    if (Atomics.load(control, ASLEEP) === 1) Atomics.notify(control, SEQ, 1);
    ownShare();
    // Whoever exchanges the claim word first runs the worker's rows: a worker that has not woken up yet (the
    // machine is busy elsewhere) costs the time of those rows here, never a wait for it.
    if (Atomics.exchange(control, CLAIM, sequence) !== sequence) {
      fallback();
      return;
    }
    if (!this.awaitDone(sequence)) {
      this.broken = true;
      fallback();
    }
  }

  private awaitDone(sequence: number): boolean {
    const control = this.control;
    for (let spin = 0; spin < CALLER_SPINS; spin++) {
      if (Atomics.load(control, DONE) === sequence) return true;
    }
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(control, DONE);
      if (done === sequence) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(control, DONE, done, Math.min(left, 100));
    }
  }

  dispose(): void {
    this.broken = true;
    Atomics.store(this.control, QUIT, 1);
    Atomics.store(this.control, SEQ, (this.sequence + 1) | 0);
    Atomics.notify(this.control, SEQ, 1);
    void this.worker.terminate();
  }
}

/** Starts a pool if the worker script can be found; undefined means "run single-threaded". */
export function startGemmPool(
  module: WasmModule, memory: KernelMemory, controlAddress: number,
): GemmPool | undefined {
  const workerPath = kernelWorkerCandidates().find((path) => existsSync(path));
  if (workerPath === undefined) return undefined;
  try {
    return new GemmPool(module, memory, controlAddress, workerPath);
  } catch {
    return undefined;
  }
}
