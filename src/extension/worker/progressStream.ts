// Collects batch and epoch reports inside the worker and posts them in one message per interval, so a run of many
// small steps costs the host a few dozen messages a second instead of one per step. Nothing is dropped: every
// batch reaches the host (as columns in transferred buffers, which cost next to nothing to send); thinning for
// display happens there (trainingSeries.ts).
import type {
  BatchColumns, BatchReport, EpochReport, NodeStat, WorkerToHostMessage,
} from '../../protocol/workerMessages';

export interface ProgressStreamOptions {
  runId: number;
  post: (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;
  now: () => number;
  streamIntervalMs: number;
  statsIntervalMs: number;
  /** Called at most every statsIntervalMs, right after a batch, when a message is about to go out. */
  sampleNodeStats: () => NodeStat[] | undefined;
}

const initialCapacity = 256;

function columns(capacity: number): BatchColumns {
  return { globalStep: new Float64Array(capacity), loss: new Float64Array(capacity), accuracy: new Float64Array(capacity) };
}

export class ProgressStream {
  private batches = columns(initialCapacity);
  private batchCount = 0;
  private latest: BatchReport | undefined;
  private epochs: EpochReport[] = [];
  private lastPostAt: number;
  private lastStatsAt = -Infinity;

  constructor(private readonly options: ProgressStreamOptions) {
    this.lastPostAt = options.now();
  }

  addBatch(report: BatchReport): void {
    if (this.batchCount === this.batches.globalStep.length) this.grow();
    const at = this.batchCount++;
    this.batches.globalStep[at] = report.globalStep;
    this.batches.loss[at] = report.batchLoss ?? report.loss;
    this.batches.accuracy[at] = report.batchAccuracy ?? report.accuracy ?? Number.NaN;
    this.latest = report;
    this.flushIfDue();
  }

  addEpoch(report: EpochReport): void {
    this.epochs.push(report);
    this.flushIfDue();
  }

  /** Posts whatever is pending now (end of run), with fresh node statistics. */
  flush(withStats = true): void {
    const now = this.options.now();
    let nodeStats: NodeStat[] | undefined;
    if (withStats || now - this.lastStatsAt >= this.options.statsIntervalMs) {
      nodeStats = this.options.sampleNodeStats();
      this.lastStatsAt = now;
    }
    if (this.batchCount === 0 && this.epochs.length === 0 && nodeStats === undefined) return;
    const count = this.batchCount;
    const batches: BatchColumns = {
      globalStep: this.batches.globalStep.slice(0, count),
      loss: this.batches.loss.slice(0, count),
      accuracy: this.batches.accuracy.slice(0, count),
    };
    const message: WorkerToHostMessage = { type: 'progress', runId: this.options.runId, batches, epochs: this.epochs };
    if (nodeStats !== undefined) message.nodeStats = nodeStats;
    if (this.latest !== undefined) message.latest = this.latest;
    this.options.post(message, [batches.globalStep, batches.loss, batches.accuracy].map((column) => column.buffer as ArrayBuffer));
    this.batchCount = 0;
    this.epochs = [];
    this.lastPostAt = now;
  }

  private grow(): void {
    const bigger = columns(this.batches.globalStep.length * 2);
    bigger.globalStep.set(this.batches.globalStep);
    bigger.loss.set(this.batches.loss);
    bigger.accuracy.set(this.batches.accuracy);
    this.batches = bigger;
  }

  private flushIfDue(): void {
    if (this.options.now() - this.lastPostAt >= this.options.streamIntervalMs) this.flush(false);
  }
}
