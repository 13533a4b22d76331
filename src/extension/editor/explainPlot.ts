// The explain plot's data, free of vscode: for a data set of two features and at least two classes, the decision
// boundary of the weights in use (the hand-edited ones included, so an edit redraws it at once) over the raw feature
// extent, and the data points with their row numbers, so a click on a point picks that row. The grid and the points
// are the training panel's own (../worker/boundaryGrid), so both plots agree.
import type { NamedTensor, Run } from '../../core/index';
import type { ExplainPlotView } from '../../protocol/explainMessages';
import { classifyCells, featureExtent, gridFeatures, labelClass } from '../worker/boundaryGrid';

/** Cells per side: fine enough to see a boundary move when one weight changes, small enough to send with every answer. */
export const EXPLAIN_PLOT_GRID = 48;
/** Points drawn at most; a larger set is drawn every k-th row (each point keeps its own row number). */
export const EXPLAIN_PLOT_MAX_POINTS = 2_000;

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Whether the run's data can be drawn: two features, two classes or more, labels read as classes. */
export function canPlot(run: Run): boolean {
  const { raw } = run.data;
  return raw.featureCount === 2 && raw.classCount >= 2 && raw.classCount <= 256 && raw.labelKind !== 'regression';
}

/** The model's outputs for the grid with `weights` in the program, its own weights put back afterwards. */
function predictWith(run: Run, weights: NamedTensor[] | undefined, inputs: Float32Array, count: number): Float32Array {
  if (weights === undefined) return run.predict(inputs, count);
  const kept = run.program.getWeights();
  run.program.setWeights(weights);
  try {
    return run.predict(inputs, count);
  } finally {
    run.program.setWeights(kept);
  }
}

/** Undefined when the data cannot be drawn; `editedWeights` are the weights with the hand edits, when there are some. */
export function explainPlotOf(run: Run, editedWeights?: NamedTensor[], gridSize = EXPLAIN_PLOT_GRID, maxPoints = EXPLAIN_PLOT_MAX_POINTS): ExplainPlotView | undefined {
  if (!canPlot(run)) return undefined;
  const { raw } = run.data;
  const extent = featureExtent(raw.features, raw.sampleCount);
  const cellCount = gridSize * gridSize;
  const inputs = run.scaleFeatures(gridFeatures(extent, gridSize));
  const outputs = predictWith(run, editedWeights, inputs, cellCount);
  const { cellClass, cellConfidence } = classifyCells(outputs, cellCount, outputs.length / cellCount);
  const confidenceBytes = new Uint8Array(cellCount);
  for (let i = 0; i < cellCount; i++) confidenceBytes[i] = Math.round(Math.min(1, Math.max(0, cellConfidence[i])) * 255);
  const stride = Math.max(1, Math.ceil(raw.sampleCount / maxPoints));
  const points: ExplainPlotView['points'] = { x: [], y: [], label: [], row: [] };
  for (let row = 0; row < raw.sampleCount; row += stride) {
    points.x.push(raw.features[2 * row]);
    points.y.push(raw.features[2 * row + 1]);
    points.label.push(labelClass(raw.labels, raw.labelWidth, row));
    points.row.push(row);
  }
  return {
    gridSize, ...extent, cellClass: base64(cellClass), cellConfidence: base64(confidenceBytes), classCount: raw.classCount, points,
  };
}
