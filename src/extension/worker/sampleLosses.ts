// Per-sample predictions and losses on a fixed set of rows: the set once (row, true class, split), then the core's
// outputs and per-sample loss for the current weights at most every `intervalMs` at an epoch's end, and after each
// pause and at the end. The loss is the core's own loss on one row at a time (TrainingProgram.evaluateSamples).
import { predictedClass, type Run } from '../../core/index';
import type { SampleReport, SampleSet, WorkerStartMessage, WorkerToHostMessage } from '../../protocol/workerMessages';
import { labelClass, strideRows } from './boundaryGrid';

type Post = (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;

export class SampleLosses {
  private lastPostedAt = -Infinity;

  private constructor(
    private readonly run: Run, private readonly runId: number, private readonly post: Post, private readonly now: () => number,
    private readonly intervalMs: number, private readonly rows: Uint32Array, readonly set: SampleSet,
  ) {}

  /**
   * Undefined unless the host asked and each sample has one true class (a classifier with a softmax output or one
   * sigmoid column; binary labels of several columns have none). `plottedRows`, when the run draws points, are the rows.
   */
  static create(run: Run, start: WorkerStartMessage, post: Post, now: () => number, plottedRows?: Uint32Array): SampleLosses | undefined {
    const request = start.samples;
    const { spec } = run.program;
    const { raw, validationRows } = run.data;
    const width = spec.valueWidths[spec.loss.predictions];
    if (request === undefined || spec.loss.kind === 'mse' || (spec.loss.kind === 'binary-cross-entropy' && width !== 1)) return undefined;
    const rows = plottedRows ?? strideRows(raw.sampleCount, request.maxSamples);
    const heldOut = new Uint8Array(raw.sampleCount);
    for (const row of validationRows) heldOut[row] = 1;
    const set: SampleSet = { row: [], label: [], validation: [] };
    for (const row of rows) {
      set.row.push(row);
      set.label.push(labelClass(raw.labels, raw.labelWidth, row));
      set.validation.push(heldOut[row] === 1);
    }
    if (raw.featureNames !== undefined) set.featureNames = raw.featureNames;
    if (raw.classNames !== undefined) set.classNames = raw.classNames;
    return new SampleLosses(run, start.runId, post, now, request.intervalMs, rows, set);
  }

  due(): boolean {
    return this.now() - this.lastPostedAt >= this.intervalMs;
  }

  postReport(): void {
    this.lastPostedAt = this.now();
    const report = sampleReport(this.run, this.rows);
    this.post({ type: 'samples', runId: this.runId, report }, [report.outputs, report.losses, report.predicted].map((array) => array.buffer as ArrayBuffer));
  }
}

/** The current weights on `rows`: outputs, per-sample loss and predicted class, all from the core. */
export function sampleReport(run: Run, rows: Uint32Array): SampleReport {
  const { spec } = run.program;
  const { outputs, losses } = run.evaluateRows(rows);
  const predicted = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) predicted[i] = predictedClass(spec, outputs, i);
  return {
    globalStep: run.globalStep, epochsDone: run.epochs.length, width: spec.valueWidths[spec.loss.predictions], outputs, losses, predicted,
  };
}
