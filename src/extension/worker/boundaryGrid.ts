// The decision boundary of a model with two input features: a grid of predictions over the data's extent, reduced
// to the winning class and its probability per cell, and a fixed sample of the data points to draw on top.
// Pure functions over typed arrays, so the worker calls them and tests check them without a model.
import type { BoundaryPoints } from '../../protocol/workerMessages';

export interface Extent { xMin: number; xMax: number; yMin: number; yMax: number }

/** The bounding box of the two features, padded by 10% on each side so points never sit on the edge. */
export function featureExtent(features: Float32Array, sampleCount: number): Extent {
  let xMin = Infinity; let xMax = -Infinity; let yMin = Infinity; let yMax = -Infinity;
  for (let i = 0; i < sampleCount; i++) {
    const x = features[2 * i]; const y = features[2 * i + 1];
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  if (!(xMax >= xMin)) { xMin = -1; xMax = 1; }
  if (!(yMax >= yMin)) { yMin = -1; yMax = 1; }
  const xPad = (xMax - xMin || 1) * 0.1;
  const yPad = (yMax - yMin || 1) * 0.1;
  return { xMin: xMin - xPad, xMax: xMax + xPad, yMin: yMin - yPad, yMax: yMax + yPad };
}

/** Cell centres of a gridSize × gridSize grid as [gridSize², 2] raw features, row-major, row 0 at yMin. */
export function gridFeatures(extent: Extent, gridSize: number): Float32Array {
  const features = new Float32Array(gridSize * gridSize * 2);
  const cellWidth = (extent.xMax - extent.xMin) / gridSize;
  const cellHeight = (extent.yMax - extent.yMin) / gridSize;
  for (let row = 0; row < gridSize; row++) {
    const y = extent.yMin + (row + 0.5) * cellHeight;
    for (let col = 0; col < gridSize; col++) {
      const cell = row * gridSize + col;
      features[2 * cell] = extent.xMin + (col + 0.5) * cellWidth;
      features[2 * cell + 1] = y;
    }
  }
  return features;
}

/**
 * Reduces model outputs to a class and its probability per cell. One output column is a binary model (class 1 when
 * p ≥ 0.5); more columns are class probabilities.
 */
export function classifyCells(
  probabilities: Float32Array, cellCount: number, outputWidth: number,
): { cellClass: Uint8Array; cellConfidence: Float32Array } {
  const cellClass = new Uint8Array(cellCount);
  const cellConfidence = new Float32Array(cellCount);
  for (let cell = 0; cell < cellCount; cell++) {
    if (outputWidth === 1) {
      const p = probabilities[cell];
      cellClass[cell] = p >= 0.5 ? 1 : 0;
      cellConfidence[cell] = p >= 0.5 ? p : 1 - p;
      continue;
    }
    const offset = cell * outputWidth;
    let best = 0;
    for (let c = 1; c < outputWidth; c++) if (probabilities[offset + c] > probabilities[offset + best]) best = c;
    cellClass[cell] = best;
    cellConfidence[cell] = probabilities[offset + best];
  }
  return { cellClass, cellConfidence };
}

/** The class index of sample i, for index, one-hot or single-column binary labels. */
export function labelClass(labels: Float32Array, labelWidth: number, sample: number): number {
  if (labelWidth === 1) return Math.round(labels[sample]);
  const offset = sample * labelWidth;
  let best = 0;
  for (let c = 1; c < labelWidth; c++) if (labels[offset + c] > labels[offset + best]) best = c;
  return best;
}

/** Every k-th row index of the file, so at most `maxRows` of them: the points drawn and the rows per-sample losses report. */
export function strideRows(sampleCount: number, maxRows: number): Uint32Array {
  const stride = Math.max(1, Math.ceil(sampleCount / Math.max(1, maxRows)));
  const rows = new Uint32Array(Math.ceil(sampleCount / stride));
  for (let i = 0; i < rows.length; i++) rows[i] = i * stride;
  return rows;
}

/** The samples of `strideRows(sampleCount, maxPoints)`, in raw feature units. */
export function samplePoints(
  features: Float32Array, labels: Float32Array, labelWidth: number, sampleCount: number, maxPoints: number,
): BoundaryPoints {
  const points: BoundaryPoints = { x: [], y: [], label: [] };
  for (const i of strideRows(sampleCount, maxPoints)) {
    points.x.push(features[2 * i]);
    points.y.push(features[2 * i + 1]);
    points.label.push(labelClass(labels, labelWidth, i));
  }
  return points;
}
