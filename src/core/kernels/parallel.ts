// A second core for the large GEMMs: one worker thread running the same wasm kernels on the same shared memory.
// A job is one GEMM cut into chunks of rows of C; the caller and the worker both claim chunks (takeChunks in
// wasm/jobs.wat, which also documents the control block) until none is left, and the caller returns once every
// chunk is finished. If the worker is asleep or descheduled, the caller simply does more of the chunks itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KernelMemory } from './wasm/memory';
import type { WasmModule } from './wasm/webassembly';

const JOB = 0;
const CHUNKS_DONE = 1;
const ASLEEP = 2;
const READY = 3;
const QUIT = 4;
const ARGS = 5;
const WORKER_SCRATCH = 16;
const CLAIM = 17;
const CHUNK_COUNT = 18;
const CHUNK_ROWS = 19;
const WORKER_CHUNKS = 20;
export const CONTROL_WORDS = 21;

/** Spin iterations before the worker sleeps: about a millisecond, longer than the gap between two training GEMMs. */
const WORKER_SPINS = 400_000;
/** The caller spins this long for the worker's last chunk before sleeping on it. */
const CALLER_SPINS = 100_000;
/** A chunk unfinished this long means the worker is gone; the GEMM then fails rather than return wrong values. */
const WORKER_TIMEOUT_MS = 30_000;

/** Where the worker script is: dist/kernels-worker.js beside a bundle, or this folder's parallelWorker.js. */
export function kernelWorkerCandidates(): string[] {
  return [join(__dirname, 'kernels-worker.js'), join(__dirname, 'parallelWorker.js')];
}

type TakeChunks = (control: number, job: number, scratch: number) => number;

export class GemmPool {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private job = 0;
  private broken = false;

  /** Starts the worker; it becomes `ready` a few tens of milliseconds later, and jobs run single-threaded until then. */
  constructor(
    module: WasmModule, memory: KernelMemory, private readonly controlAddress: number, workerScratch: number,
    private readonly takeChunks: TakeChunks, workerPath: string,
  ) {
    this.control = memory.int32s(controlAddress, CONTROL_WORDS);
    this.control[WORKER_SCRATCH] = workerScratch;
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

  /** Chunks the worker has computed so far. */
  get workerChunks(): number {
    return Atomics.load(this.control, WORKER_CHUNKS);
  }

  /**
   * Runs one GEMM (the first nine arguments of the wasm gemm) in `chunkCount` chunks of `chunkRows` rows (at most
   * 255 chunks), on both threads. Arguments are passed one by one so a training step allocates nothing here.
   */
  run(
    transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number,
    accumulate: number, chunkCount: number, chunkRows: number, ownScratch: number,
  ): void {
    const control = this.control;
    control[ARGS] = transA;
    control[ARGS + 1] = transB;
    control[ARGS + 2] = m;
    control[ARGS + 3] = n;
    control[ARGS + 4] = k;
    control[ARGS + 5] = a;
    control[ARGS + 6] = b;
    control[ARGS + 7] = c;
    control[ARGS + 8] = accumulate;
    control[CHUNK_COUNT] = chunkCount;
    control[CHUNK_ROWS] = chunkRows;
    const number = (this.job = (this.job + 1) & 0xffffff);
    Atomics.store(control, CHUNKS_DONE, 0);
    Atomics.store(control, CLAIM, number << 8);
    Atomics.store(control, JOB, number);
    if (Atomics.load(control, ASLEEP) === 1) Atomics.notify(control, JOB, 1);
    this.takeChunks(this.controlAddress, number, ownScratch);
    this.awaitChunks(chunkCount);
  }

  private awaitChunks(chunkCount: number): void {
    const control = this.control;
    for (let spin = 0; spin < CALLER_SPINS; spin++) {
      if (Atomics.load(control, CHUNKS_DONE) === chunkCount) return;
    }
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(control, CHUNKS_DONE);
      if (done === chunkCount) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.broken = true;
        throw new Error('the second kernel thread stopped responding in the middle of a matrix product');
      }
      Atomics.wait(control, CHUNKS_DONE, done, Math.min(left, 100));
    }
  }

  dispose(): void {
    this.broken = true;
    Atomics.store(this.control, QUIT, 1);
    Atomics.store(this.control, JOB, (this.job + 1) & 0xffffff);
    Atomics.notify(this.control, JOB, 1);
    void this.worker.terminate();
  }
}

/** Starts a pool if the worker script can be found; undefined means "run single-threaded". */
export function startGemmPool(
  module: WasmModule, memory: KernelMemory, controlAddress: number, workerScratch: number, takeChunks: TakeChunks,
): GemmPool | undefined {
  const workerPath = kernelWorkerCandidates().find((path) => existsSync(path));
  if (workerPath === undefined) return undefined;
  try {
    return new GemmPool(module, memory, controlAddress, workerScratch, takeChunks, workerPath);
  } catch {
    return undefined;
  }
}
