// Collects batch and epoch reports inside the worker and posts them in one message per interval, so a run of many
// small steps costs the host a few dozen messages a second instead of one per step. Nothing is dropped: every
// report reaches the host; thinning for display happens there (trainingSeries.ts).
import type { BatchReport, EpochReport, NodeStat, WorkerToHostMessage } from '../../protocol/workerMessages';

export interface ProgressStreamOptions {
  runId: number;
  post: (message: WorkerToHostMessage) => void;
  now: () => number;
  streamIntervalMs: number;
  statsIntervalMs: number;
  /** Called at most every statsIntervalMs, right after a batch, when a message is about to go out. */
  sampleNodeStats: () => NodeStat[] | undefined;
}

export class ProgressStream {
  private batches: BatchReport[] = [];
  private epochs: EpochReport[] = [];
  private lastPostAt: number;
  private lastStatsAt = -Infinity;

  constructor(private readonly options: ProgressStreamOptions) {
    this.lastPostAt = options.now();
  }

  addBatch(report: BatchReport): void {
    this.batches.push(report);
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
    if (this.batches.length === 0 && this.epochs.length === 0 && nodeStats === undefined) return;
    const message: WorkerToHostMessage = {
      type: 'progress', runId: this.options.runId, batches: this.batches, epochs: this.epochs,
    };
    if (nodeStats !== undefined) message.nodeStats = nodeStats;
    this.options.post(message);
    this.batches = [];
    this.epochs = [];
    this.lastPostAt = now;
  }

  private flushIfDue(): void {
    if (this.options.now() - this.lastPostAt >= this.options.streamIntervalMs) this.flush(false);
  }
}
