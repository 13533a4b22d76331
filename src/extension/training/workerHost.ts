// Runs one training run in a worker thread and owns that thread: start, stop (ask, then terminate after a grace
// period so even a hung step ends), and exactly one end notice. No vscode here, so it is tested in plain Node.
import { Worker } from 'node:worker_threads';
import {
  receiveWorkerToHost, type HostToWorkerMessage, type WorkerStartMessage, type WorkerToHostMessage,
} from '../../protocol/workerMessages';

export type WorkerStartOptions = Omit<WorkerStartMessage, 'type' | 'stopFlag'>;

/** How the thread ended: on its own after `finished`/`failed`, killed after a stop, or died unexpectedly. */
export type WorkerExit =
  | { kind: 'finished' }
  | { kind: 'terminated' }
  | { kind: 'crashed'; message: string };

export interface WorkerRunListener {
  onMessage(message: WorkerToHostMessage): void;
  onExit(exit: WorkerExit): void;
}

/** Grace between asking the worker to stop and terminating it; "Stop ends the run within a second". */
export const defaultStopGraceMs = 600;

export class WorkerRun {
  private readonly worker: Worker;
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private terminateTimer: NodeJS.Timeout | undefined;
  private ended = false;
  private reportedEnd = false;
  private terminatedByUs = false;
  private crash: string | undefined;
  readonly done: Promise<WorkerExit>;

  constructor(workerPath: string, start: WorkerStartOptions, private readonly listener: WorkerRunListener) {
    this.worker = new Worker(workerPath);
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
      if (message.type === 'stepped' && !message.done) this.worker.unref();
      this.listener.onMessage(message);
    });
    this.worker.on('error', (error: Error) => { this.crash = error.message; });
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
