// The decision boundary a run of two features draws: the data points once, then the model's predictions on a grid
// over the raw feature extent, posted at most every `intervalMs` while training and after each pause or end. A grid
// costs a forward pass over gridSize² rows, which a wide model makes slow: grids are then spaced so that they take
// at most a tenth of the training time, and a fast run stays fast.
import type { Run } from '../../core/index';
import type { BoundaryPoints, WorkerStartMessage, WorkerToHostMessage } from '../../protocol/workerMessages';
import { classifyCells, featureExtent, gridFeatures, samplePoints, strideRows, type Extent } from './boundaryGrid';

/** Between two grids, at least this many times the last grid's cost passes (grids take ≤ 1/10 of the time). */
const maxCostShare = 10;

type Post = (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;

export class DecisionBoundary {
  private lastPostedAt = -Infinity;
  private lastCostMs = 0;

  private constructor(
    private readonly run: Run, private readonly runId: number, private readonly post: Post, private readonly now: () => number,
    private readonly gridSize: number, private readonly intervalMs: number, private readonly extent: Extent,
    /** The grid's cell centres, scaled as the model's inputs are. */
    private readonly gridInputs: Float32Array,
    readonly points: BoundaryPoints,
    /** The file rows of `points`, in order: the per-sample losses report these rows. */
    readonly rows: Uint32Array,
  ) {}

  /** Undefined unless the host asked for one and the data has two features and at least two classes. */
  static create(run: Run, start: WorkerStartMessage, post: Post, now: () => number): DecisionBoundary | undefined {
    const request = start.boundary;
    const { raw } = run.data;
    if (request === undefined || raw.featureCount !== 2 || raw.classCount < 2) return undefined;
    const extent = featureExtent(raw.features, raw.sampleCount);
    const gridInputs = run.scaleFeatures(gridFeatures(extent, request.gridSize));
    const points = samplePoints(raw.features, raw.labels, raw.labelWidth, raw.sampleCount, request.maxPoints);
    const rows = strideRows(raw.sampleCount, request.maxPoints);
    return new DecisionBoundary(run, start.runId, post, now, request.gridSize, request.intervalMs, extent, gridInputs, points, rows);
  }

  due(): boolean {
    return this.now() - this.lastPostedAt >= Math.max(this.intervalMs, maxCostShare * this.lastCostMs);
  }

  postGrid(globalStep: number): void {
    const startedAt = this.now();
    const cellCount = this.gridSize * this.gridSize;
    const probabilities = this.run.predict(this.gridInputs, cellCount);
    const outputWidth = probabilities.length / cellCount;
    const { cellClass, cellConfidence } = classifyCells(probabilities, cellCount, outputWidth);
    this.post({
      type: 'boundary', runId: this.runId,
      grid: { gridSize: this.gridSize, ...this.extent, cellClass, cellConfidence, globalStep },
    }, [cellClass.buffer as ArrayBuffer, cellConfidence.buffer as ArrayBuffer]);
    this.lastPostedAt = this.now();
    this.lastCostMs = this.lastPostedAt - startedAt;
  }
}
