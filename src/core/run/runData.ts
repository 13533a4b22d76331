// A run's data, prepared once: labels laid out for the loss, the train/validation split, normalization fitted on the
// training rows only, and the validation rows gathered for the per-epoch evaluation.
import type { Dataset, ProgramSpec, TrainingConfig } from '../types';
import { applyNormalization, fitNormalization, normalizeFeaturesInPlace, type NormalizationStats, type NormalizeMethod } from '../datasets/normalize';
import { layOutLabels } from '../datasets/labels';
import { gatherRows } from '../tensor';
import type { Random } from '../random';
import { dataRandom, splitRows } from './split';

export interface RunData {
  /** The data set as loaded, labels laid out for the loss, features unscaled (a decision boundary is drawn in these). */
  raw: Dataset;
  /** What the program trains on: `raw` with scaled features. */
  dataset: Dataset;
  trainingRows: Uint32Array;
  validationRows: Uint32Array;
  /** The validation rows, gathered once: [validationRows.length, featureCount] and [.., labelWidth]. */
  validationFeatures: Float32Array;
  validationLabels: Float32Array;
  normalization: NormalizationStats;
  /** The seed's data stream after the split's draw: the run shuffles the training rows with it every epoch. */
  random: Random;
}

/** Throws a DatasetError when the labels cannot be read the way the loss needs. */
export function prepareRunData(loaded: Dataset, spec: ProgramSpec, training: TrainingConfig, normalize: NormalizeMethod): RunData {
  const raw = layOutLabels(loaded, spec);
  const random = dataRandom(training.seed);
  const { trainingRows, validationRows } = splitRows(raw.sampleCount, training.validationSplit, training.shuffle, random);
  const normalization = fitNormalization(raw, normalize, trainingRows);
  const dataset = normalize === 'none' ? raw : applyNormalization(raw, normalization);
  const validationFeatures = new Float32Array(validationRows.length * dataset.featureCount);
  const validationLabels = new Float32Array(validationRows.length * dataset.labelWidth);
  gatherRows(dataset.features, dataset.featureCount, validationRows, 0, validationRows.length, validationFeatures);
  gatherRows(dataset.labels, dataset.labelWidth, validationRows, 0, validationRows.length, validationLabels);
  return { raw, dataset, trainingRows, validationRows, validationFeatures, validationLabels, normalization, random };
}

/** Scales raw feature rows (a decision-boundary grid) as the run's data was scaled; returns the same array. */
export function normalizeLikeRun(data: RunData, features: Float32Array): Float32Array {
  normalizeFeaturesInPlace(features, data.normalization);
  return features;
}
