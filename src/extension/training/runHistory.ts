// Every run of the session as the training panel shows it, plus what changed since the last message to the panels.
// A run's batch curve is thinned (trainingSeries.ts); its epoch points are all kept. No vscode: tested in plain Node.
import type {
  BoundaryPointsView, BoundaryView, EpochPoint, RunHeader, RunSnapshot, RunUpdate, SampleLossesView, SampleSetView,
} from '../../protocol/messages';
import { appendBatchPoint, createThinnedSeries, emptyBatchSeries, type ThinnedSeries } from '../../protocol/trainingSeries';
import { isLiveStatus } from '../../protocol/messages';
import type { NeuronView } from '../../protocol/neuronView';

interface RunRecord {
  header: RunHeader;
  batches: ThinnedSeries;
  epochs: EpochPoint[];
  boundary?: BoundaryView;
  points?: BoundaryPointsView;
  neurons?: NeuronView;
  samples?: SampleSetView;
  sampleLosses?: SampleLossesView;
}

/** The parts of a run that each message replaces whole. */
type PictureKey = 'boundary' | 'points' | 'neurons' | 'samples' | 'sampleLosses';

/** Finished runs beyond this many are forgotten, oldest first, so a long session cannot grow without bound. */
export const maxRunsKept = 50;

export class RunHistory {
  private readonly records = new Map<number, RunRecord>();
  private readonly pending = new Map<number, RunUpdate>();

  addRun(header: RunHeader): void {
    this.records.set(header.runId, { header, batches: createThinnedSeries(), epochs: [] });
    this.pendingFor(header.runId).header = header;
    this.forgetOldRuns();
  }

  header(runId: number): RunHeader | undefined {
    return this.records.get(runId)?.header;
  }

  /** The kept runs of one document, oldest first. */
  runIdsOf(documentUri: string): number[] {
    return [...this.records.values()].filter((record) => record.header.documentUri === documentUri).map((record) => record.header.runId);
  }

  updateHeader(runId: number, patch: Partial<Omit<RunHeader, 'runId'>>): void {
    const record = this.records.get(runId);
    if (record === undefined) return;
    record.header = { ...record.header, ...patch };
    this.pendingFor(runId).header = record.header;
  }

  appendBatch(runId: number, step: number, loss: number | null, accuracy: number | null): void {
    const record = this.records.get(runId);
    if (record === undefined || !appendBatchPoint(record.batches, step, loss, accuracy)) return;
    const update = this.pendingFor(runId);
    update.batches ??= emptyBatchSeries();
    update.batches.step.push(step);
    update.batches.loss.push(loss);
    update.batches.accuracy.push(accuracy);
  }

  appendEpoch(runId: number, point: EpochPoint): void {
    const record = this.records.get(runId);
    if (record === undefined) return;
    record.epochs.push(point);
    const update = this.pendingFor(runId);
    update.epochs ??= [];
    update.epochs.push(point);
  }

  /**
   * Replaces one of the run's pictures (the boundary, its points, the neuron view, the per-sample set or losses): the
   * panel gets the newest whole value, never a history of them.
   */
  setPicture<K extends PictureKey>(runId: number, key: K, value: NonNullable<RunRecord[K]>): void {
    const record = this.records.get(runId);
    if (record === undefined) return;
    record[key] = value;
    // The update carries these parts with the record's own types.
    const update: Pick<RunRecord, PictureKey> = this.pendingFor(runId);
    update[key] = value;
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The changes since the last call, in run order; clears them. */
  takeUpdates(): RunUpdate[] {
    const updates = [...this.pending.values()];
    this.pending.clear();
    return updates;
  }

  /** Every kept run in full, for a panel that just (re)loaded. */
  snapshot(): RunSnapshot[] {
    return [...this.records.values()].map((record) => ({
      ...record.header,
      batches: {
        step: [...record.batches.series.step],
        loss: [...record.batches.series.loss],
        accuracy: [...record.batches.series.accuracy],
      },
      batchStride: record.batches.stride,
      epochs: [...record.epochs],
      boundary: record.boundary,
      points: record.points,
      neurons: record.neurons,
      samples: record.samples,
      sampleLosses: record.sampleLosses,
    }));
  }

  /** Forgets finished runs (the panel's Clear); running ones stay. */
  clearFinished(): void {
    for (const [runId, record] of this.records) {
      if (!isLiveStatus(record.header.status)) {
        this.records.delete(runId);
        this.pending.delete(runId);
      }
    }
  }

  private pendingFor(runId: number): RunUpdate {
    let update = this.pending.get(runId);
    if (update === undefined) {
      update = { runId };
      this.pending.set(runId, update);
    }
    return update;
  }

  private forgetOldRuns(): void {
    for (const [runId, record] of this.records) {
      if (this.records.size <= maxRunsKept) return;
      if (isLiveStatus(record.header.status)) continue;
      this.records.delete(runId);
      this.pending.delete(runId);
    }
  }
}
