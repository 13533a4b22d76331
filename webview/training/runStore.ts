// The panel's copy of the session's runs, rebuilt from a snapshot and kept current by updates. Batch series are
// thinned by the same rule as the host's (trainingSeries.ts), so both hold the same points.
import type { HostToTrainingPanel, RunHeader, RunSnapshot } from '../../src/protocol/messages';
import type { BoundaryPointsView, BoundaryView, EpochPoint, SampleLossesView, SampleSetView } from '../../src/protocol/messages';
import type { NeuronView } from '../../src/protocol/neuronView';
import { appendBatchSeries, createThinnedSeries, type ThinnedSeries } from '../../src/protocol/trainingSeries';

export interface PanelRun {
  header: RunHeader;
  batches: ThinnedSeries;
  epochs: EpochPoint[];
  boundary?: BoundaryView;
  points?: BoundaryPointsView;
  neurons?: NeuronView;
  /** The rows of the per-sample losses, and the latest report on them. */
  samples?: SampleSetView;
  sampleLosses?: SampleLossesView;
  /** Bumped on every change, so views redraw only the runs that changed. */
  version: number;
}

export type RunMap = ReadonlyMap<number, PanelRun>;

function fromSnapshot(run: RunSnapshot): PanelRun {
  const { batches, batchStride, epochs, boundary, points, neurons, samples, sampleLosses, ...header } = run;
  return {
    header,
    batches: { series: { step: [...batches.step], loss: [...batches.loss], accuracy: [...batches.accuracy] }, stride: batchStride },
    epochs: [...epochs],
    boundary,
    points,
    neurons,
    samples,
    sampleLosses,
    version: 0,
  };
}

/** Applies one message from the host; returns a new map (runs that changed are new objects). */
export function applyHostMessage(runs: RunMap, message: HostToTrainingPanel): RunMap {
  switch (message.type) {
    case 'snapshot':
      return new Map(message.runs.map((run) => [run.runId, fromSnapshot(run)]));
    case 'update': {
      const next = new Map(runs);
      for (const update of message.updates) {
        const existing = next.get(update.runId);
        if (existing === undefined && update.header === undefined) continue;
        const run: PanelRun = existing !== undefined
          ? { ...existing, version: existing.version + 1 }
          : { header: update.header as RunHeader, batches: createThinnedSeries(), epochs: [], version: 0 };
        if (update.header !== undefined) run.header = update.header;
        // Series grow in place: copying thousands of points thirty times a second would cost more than drawing
        // them; the new PanelRun object and its version tell the views that something changed.
        if (update.batches !== undefined) appendBatchSeries(run.batches, update.batches);
        if (update.epochs !== undefined) run.epochs.push(...update.epochs);
        if (update.boundary !== undefined) run.boundary = update.boundary;
        if (update.points !== undefined) run.points = update.points;
        if (update.neurons !== undefined) run.neurons = update.neurons;
        if (update.samples !== undefined) run.samples = update.samples;
        if (update.sampleLosses !== undefined) run.sampleLosses = update.sampleLosses;
        next.set(update.runId, run);
      }
      return next;
    }
    default: {
      const unexpected: never = message;
      return unexpected;
    }
  }
}

/** Runs newest first. */
export function runsNewestFirst(runs: RunMap): PanelRun[] {
  return [...runs.values()].sort((a, b) => b.header.runId - a.header.runId);
}
