// The constants block that opens every exported Python script: the graph's values as literals from pythonText.ts,
// the only place file text enters a script. The fixed code below it reads them by these names.
import type { EarlyStoppingConfig } from '../../core/index';
import { reportsAccuracy, type GraphExport } from './exportInput';
import { pyBool, pyCount, pyNumber, pyString, pyStringList } from './pythonText';

export function pythonConstants(input: GraphExport): string {
  const { training, data } = input;
  if (training.batchSize < 1) throw new RangeError('export: the batch size must be at least 1');
  return [
    `GRAPH_NAME = ${pyString(input.graphName)}`,
    `DATA = {"csv": ${pyString(data.csv)}, "label": ${pyString(data.label)}, "features": ${pyStringList(data.features)}}`,
    `NORMALIZE = ${pyString(input.normalize)}`,
    'TRAINING = {',
    `    "epochs": ${pyCount(training.epochs, 'epochs')},`,
    `    "batch_size": ${pyCount(training.batchSize, 'the batch size')},`,
    `    "seed": ${pyNumber(training.seed, 'the seed')},`,
    `    "validation_split": ${pyNumber(training.validationSplit, 'the validation split')},`,
    `    "shuffle": ${pyBool(training.shuffle)},`,
    `    "accuracy": ${pyBool(reportsAccuracy(input))},`,
    `    "early_stopping": ${pyEarlyStopping(training.earlyStopping)},`,
    '}',
    `DEFAULT_INIT_WEIGHTS = ${input.defaultInitWeights === undefined ? 'None' : pyString(input.defaultInitWeights)}`,
    '',
  ].join('\n');
}

/** Keras' EarlyStopping settings on val_loss as a Python dict, or None. */
function pyEarlyStopping(config: EarlyStoppingConfig | undefined): string {
  if (config === undefined) return 'None';
  return `{"patience": ${pyCount(config.patience, 'the patience')}, "min_delta": ${pyNumber(config.minDelta, 'minDelta')}, `
    + `"restore_best_weights": ${pyBool(config.restoreBestWeights)}}`;
}
