// The host's handle on one training worker thread: it owns the thread: start, stop (ask, then terminate after a grace
// period so even a hung step ends), and exactly one end notice. No vscode here, so it is tested in plain Node.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  receiveWorkerToHost, type HostToWorkerMessage, type WorkerStartMessage, type WorkerToHostMessage,
} from '../../protocol/workerMessages';

export type WorkerStartOptions = Omit<WorkerStartMessage, 'type' | 'stopFlag'>;

/** How the thread ended: on its own after `finished`/`failed`, killed after a stop, or died unexpectedly. */
export type WorkerExit =
  | { kind: 'finished' }
  | { kind: 'terminated' }
  | { kind: 'crashed'; message: string };

export interface WorkerHostListener {
  onMessage(message: WorkerToHostMessage): void;
  onExit(exit: WorkerExit): void;
}

/**
 * What a run's controller drives: the worker thread, or a PyTorch run that speaks the worker's messages
 * (pytorchHost.ts).
 */
export interface RunHost {
  step(): void;
  stop(graceMs?: number): void;
  kill(): void;
  /** Live control of a running run; absent where the engine cannot (a PyTorch run). */
  pause?(): void;
  resume?(): void;
  setPace?(epochsPerSecond: number | undefined): void;
  setLearningRate?(learningRate: number): void;
}

/** Grace between asking the worker to stop and terminating it; "Stop ends the run within a second". */
export const defaultStopGraceMs = 600;

/**
 * The worker's JavaScript heap is capped, so a run that outgrows it (a huge CSV parsed into rows) ends that thread
 * with ERR_WORKER_OUT_OF_MEMORY instead of taking the whole extension host down. Model buffers live outside this
 * heap (typed arrays, WebAssembly memory); the NG042 check bounds those at 2 GB before a run starts.
 */
export const defaultWorkerResourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

export class WorkerHost implements RunHost {
  private readonly worker: Worker;
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private terminateTimer: NodeJS.Timeout | undefined;
  private ended = false;
  private reportedEnd = false;
  private terminatedByUs = false;
  private crash: string | undefined;
  readonly done: Promise<WorkerExit>;

  constructor(
    workerPath: string, start: WorkerStartOptions, private readonly listener: WorkerHostListener,
    resourceLimits: ResourceLimits = defaultWorkerResourceLimits,
  ) {
    this.worker = new Worker(workerPath, { resourceLimits });
    let resolveDone: (exit: WorkerExit) => void = () => undefined;
    this.done = new Promise((resolve) => { resolveDone = resolve; });
    this.worker.on('message', (raw: unknown) => {
      const received = receiveWorkerToHost(raw);
      if (!received.ok) {
        console.warn(`NN Graph: dropped a message from the training worker: ${received.reason}`);
        return;
      }
      const message = received.message;
      if (message.type === 'finished' || message.type === 'failed') this.reportedEnd = true;
      // A stepping session idles between Steps: an idle worker must never keep the host process alive.
      if ((message.type === 'stepped' && !message.done) || message.type === 'paused') this.worker.unref();
      this.listener.onMessage(message);
    });
    this.worker.on('error', (error: Error) => { this.crash = describeWorkerError(error, resourceLimits); });
    this.worker.on('exit', (code: number) => {
      this.ended = true;
      if (this.terminateTimer !== undefined) clearTimeout(this.terminateTimer);
      const exit: WorkerExit = this.reportedEnd ? { kind: 'finished' }
        : this.terminatedByUs ? { kind: 'terminated' }
          : { kind: 'crashed', message: this.crash ?? `the training worker exited with code ${code}` };
      this.listener.onExit(exit);
      resolveDone(exit);
    });
    const message: WorkerStartMessage = { type: 'start', ...start, stopFlag: this.stopFlag.buffer as SharedArrayBuffer };
    this.post(message);
  }

  private post(message: HostToWorkerMessage): void {
    this.worker.postMessage(message);
  }

  /** Trains the next batch of a stepping session (started with `stepping: true`). */
  step(): void {
    if (this.ended) return;
    this.worker.ref();
    this.post({ type: 'step' });
  }

  /** Trains with this learning rate from the next step on, keeping the optimizer's state (a finite number > 0). */
  setLearningRate(learningRate: number): void {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`the learning rate must be a finite number > 0, got ${learningRate}`);
    if (this.ended) return;
    this.post({ type: 'setLearningRate', learningRate });
  }

  /** Pauses the run after its current step; the worker answers `paused` and idles until resume, step or stop. */
  pause(): void {
    if (this.ended) return;
    this.post({ type: 'pause' });
  }

  resume(): void {
    if (this.ended) return;
    this.worker.ref();
    this.post({ type: 'resume' });
  }

  /** Trains at most `epochsPerSecond` epochs per second from the next step on; undefined for as fast as possible. */
  setPace(epochsPerSecond: number | undefined): void {
    if (this.ended) return;
    this.post(epochsPerSecond === undefined ? { type: 'setPace' } : { type: 'setPace', epochsPerSecond });
  }

  /** Asks the run to stop at its next step; terminates the thread if it has not ended after `graceMs`. */
  stop(graceMs = defaultStopGraceMs): void {
    if (this.ended) return;
    this.worker.ref();
    Atomics.store(this.stopFlag, 0, 1);
    this.post({ type: 'stop' });
    if (this.terminateTimer !== undefined) return;
    this.terminateTimer = setTimeout(() => this.kill(), graceMs);
  }

  /** Ends the thread now (window closing, extension deactivating). */
  kill(): void {
    if (this.ended) return;
    this.terminatedByUs = true;
    void this.worker.terminate();
  }
}

function describeWorkerError(error: Error, limits: ResourceLimits): string {
  if ((error as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return error.message;
  const heap = limits.maxOldGenerationSizeMb !== undefined ? ` (its limit is ${limits.maxOldGenerationSizeMb} MB)` : '';
  return `the training worker ran out of memory${heap} and was stopped; the data set or the model is too large for it`;
}
