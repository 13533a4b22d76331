// Checks that a data set and a training configuration fit a program before a run starts, with messages that say
// which field is wrong and how.
import type { Dataset, TrainingConfig } from './types';
import type { TrainingProgram } from './program/types';
import { validationCountOf } from './run/split';

/** Throws an Error naming the first mismatch between program, data set and configuration. */
export function checkTrainingInputs(program: TrainingProgram, dataset: Dataset, config: TrainingConfig): void {
  const spec = program.spec;
  const name = `dataset "${dataset.name}"`;
  if (dataset.featureCount !== spec.featureCount) {
    throw new Error(`${name} has ${dataset.featureCount} features but the model's input expects ${spec.featureCount}`);
  }
  if (dataset.labelWidth !== spec.labelWidth || dataset.labelKind !== spec.labelKind) {
    throw new Error(`${name} has ${dataset.labelKind} labels of width ${dataset.labelWidth}, but the model was compiled for ${spec.labelKind} labels of width ${spec.labelWidth}`);
  }
  if (dataset.features.length < dataset.sampleCount * dataset.featureCount || dataset.labels.length < dataset.sampleCount * dataset.labelWidth) {
    throw new Error(`${name}: features or labels hold fewer values than ${dataset.sampleCount} samples need`);
  }
  // 0 epochs is a run that is over before it starts (the command line's --epochs 0 reports the starting loss).
  if (!Number.isInteger(config.epochs) || config.epochs < 0) throw new Error(`training.epochs must be an integer ≥ 0, got ${config.epochs}`);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1) throw new Error(`training.batchSize must be an integer ≥ 1, got ${config.batchSize}`);
  if (config.batchSize > program.batchCapacity) {
    throw new Error(`training.batchSize ${config.batchSize} exceeds the program's batch capacity ${program.batchCapacity}`);
  }
  if (!(config.validationSplit >= 0 && config.validationSplit < 1)) {
    throw new Error(`training.validationSplit must be in [0, 1), got ${config.validationSplit}`);
  }
  const trainCount = dataset.sampleCount - validationCountOf(dataset.sampleCount, config.validationSplit);
  if (trainCount < 1) throw new Error(`${name} has no samples left for training (${dataset.sampleCount} samples, validationSplit ${config.validationSplit})`);
  const badLabel = findBadLabel(dataset, spec.classCount);
  if (badLabel !== null) throw new Error(`${name}: ${badLabel}`);
}

/** Describes the first label a cross-entropy cannot use (a class index out of range, a binary label outside [0, 1]). */
function findBadLabel(dataset: Dataset, classCount: number): string | null {
  const { labels, labelKind, labelWidth } = dataset;
  const count = dataset.sampleCount * labelWidth;
  for (let i = 0; i < count; i++) {
    const y = labels[i];
    const sample = Math.floor(i / labelWidth);
    if (!Number.isFinite(y)) return `label of sample ${sample} is ${y}`;
    if (labelKind === 'index' && (!Number.isInteger(y) || y < 0 || y >= classCount)) {
      return `label of sample ${sample} is ${y}, not a class index in 0…${classCount - 1}`;
    }
    if ((labelKind === 'binary' || labelKind === 'onehot') && (y < 0 || y > 1)) {
      return `label of sample ${sample} is ${y}, outside [0, 1]`;
    }
  }
  return null;
}
