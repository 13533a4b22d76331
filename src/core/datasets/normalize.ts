// Feature scaling. The statistics come from the training rows only, so the validation rows stay unseen, and are kept
// (offset, scale per feature) so that predictions on new points — a decision-boundary grid — use the same scaling.
import type { Dataset } from '../types';

export type NormalizeMethod = 'standard' | 'minmax' | 'none';

export interface NormalizationStats {
  method: NormalizeMethod;
  /** Per feature: normalized = (raw − offset) / scale. */
  offset: Float32Array;
  scale: Float32Array;
}

/**
 * Computes the scaling from the given rows (the training part). `standard`: offset = mean, scale = population
 * standard deviation (as scikit-learn's StandardScaler); `minmax`: offset = min, scale = max − min. A constant
 * feature gets scale 1, so it becomes 0 instead of NaN.
 */
export function fitNormalization(dataset: Dataset, method: NormalizeMethod, trainingRows: ArrayLike<number>): NormalizationStats {
  const { featureCount, features } = dataset;
  const offset = new Float32Array(featureCount);
  const scale = new Float32Array(featureCount).fill(1);
  const rowCount = trainingRows.length;
  if (method === 'none' || rowCount === 0) return { method, offset, scale };
  for (let f = 0; f < featureCount; f++) {
    let low = Infinity;
    let high = -Infinity;
    let sum = 0;
    for (let i = 0; i < rowCount; i++) {
      const value = features[trainingRows[i] * featureCount + f];
      sum += value;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    if (method === 'minmax') {
      offset[f] = low;
      scale[f] = high > low ? high - low : 1;
      continue;
    }
    const mean = sum / rowCount;
    // Two passes: the textbook one-pass formula loses every digit when the mean is large against the spread.
    let squares = 0;
    for (let i = 0; i < rowCount; i++) {
      const centred = features[trainingRows[i] * featureCount + f] - mean;
      squares += centred * centred;
    }
    const std = Math.sqrt(squares / rowCount);
    offset[f] = mean;
    scale[f] = std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1;
  }
  return { method, offset, scale };
}

/** Scales features in place: (raw − offset) / scale, row-major [rows, featureCount]. */
export function normalizeFeaturesInPlace(features: Float32Array, stats: NormalizationStats): void {
  const featureCount = stats.offset.length;
  if (stats.method === 'none') return;
  for (let i = 0; i < features.length; i++) {
    const f = i % featureCount;
    features[i] = (features[i] - stats.offset[f]) / stats.scale[f];
  }
}

/** A copy of the data set with scaled features; labels are shared, not copied. */
export function applyNormalization(dataset: Dataset, stats: NormalizationStats): Dataset {
  if (stats.offset.length !== dataset.featureCount) {
    throw new RangeError(`normalization for ${stats.offset.length} features applied to a data set of ${dataset.featureCount}`);
  }
  const features = Float32Array.from(dataset.features);
  normalizeFeaturesInPlace(features, stats);
  return { ...dataset, features };
}
