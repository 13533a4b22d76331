// Derived input features, as TensorFlow Playground offers them: x itself, x² per column, the product xᵢxⱼ of every
// pair of columns (i < j), and sin x per column. The output holds the chosen groups side by side, always in the order
// of FEATURE_GROUPS (Playground's order: X₁, X₂, X₁², X₂², X₁X₂, sin X₁, sin X₂), whatever order a file lists them in.
// Forward and backward side by side; the op has no weights.
import type { FloatArray } from '../tensor';

/** The groups of derived features, in the order their columns appear in the output. */
export const FEATURE_GROUPS = ['x', 'square', 'product', 'sin'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/** The number of columns one group adds for an input of `width` columns (product: one per pair i < j). */
export function featureGroupWidth(group: FeatureGroup, width: number): number {
  return group === 'product' ? (width * (width - 1)) / 2 : width;
}

/** The output width for the chosen groups (each counted once). */
export function featuresWidth(groups: readonly FeatureGroup[], width: number): number {
  let total = 0;
  for (const group of FEATURE_GROUPS) if (groups.includes(group)) total += featureGroupWidth(group, width);
  return total;
}

/** Whether each group of FEATURE_GROUPS is chosen, in that order (the passes' loops read these flags). */
function chosen(groups: readonly FeatureGroup[]): [x: boolean, square: boolean, product: boolean, sin: boolean] {
  return [groups.includes('x'), groups.includes('square'), groups.includes('product'), groups.includes('sin')];
}

/** y[r, :] = [x, x², xᵢxⱼ (i < j, row-major), sin x] for the chosen groups; y is [rows, featuresWidth(groups, width)]. */
export function featuresForward(groups: readonly FeatureGroup[], x: FloatArray, y: FloatArray, rows: number, width: number): void {
  const [withX, withSquare, withProduct, withSin] = chosen(groups);
  const outWidth = featuresWidth(groups, width);
  for (let r = 0; r < rows; r++) {
    const inRow = r * width;
    let out = r * outWidth;
    if (withX) for (let c = 0; c < width; c++) y[out++] = x[inRow + c];
    if (withSquare) for (let c = 0; c < width; c++) { const v = x[inRow + c]; y[out++] = v * v; }
    if (withProduct) {
      for (let i = 0; i < width; i++) {
        const xi = x[inRow + i];
        for (let j = i + 1; j < width; j++) y[out++] = xi * x[inRow + j];
      }
    }
    if (withSin) for (let c = 0; c < width; c++) y[out++] = Math.sin(x[inRow + c]);
  }
}

/**
 * dx (+)= dy_x + 2x·dy_square + Σ_{j≠i} xⱼ·dy_product(i, j) + cos x·dy_sin, each term only for a chosen group.
 * `accumulate` adds to dx (the input feeds several ops) instead of writing it.
 */
export function featuresBackward(
  groups: readonly FeatureGroup[], x: FloatArray, dy: FloatArray, dx: FloatArray, rows: number, width: number, accumulate: boolean,
): void {
  const [withX, withSquare, withProduct, withSin] = chosen(groups);
  const outWidth = featuresWidth(groups, width);
  for (let r = 0; r < rows; r++) {
    const inRow = r * width;
    if (!accumulate) for (let c = 0; c < width; c++) dx[inRow + c] = 0;
    let out = r * outWidth;
    if (withX) for (let c = 0; c < width; c++) dx[inRow + c] += dy[out++];
    if (withSquare) for (let c = 0; c < width; c++) dx[inRow + c] += 2 * x[inRow + c] * dy[out++];
    if (withProduct) {
      for (let i = 0; i < width; i++) {
        const xi = x[inRow + i];
        for (let j = i + 1; j < width; j++) {
          const g = dy[out++];
          dx[inRow + i] += x[inRow + j] * g;
          dx[inRow + j] += xi * g;
        }
      }
    }
    if (withSin) for (let c = 0; c < width; c++) dx[inRow + c] += Math.cos(x[inRow + c]) * dy[out++];
  }
}
