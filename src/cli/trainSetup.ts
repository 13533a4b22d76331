// Everything before the first step of `nngraph train`: compile the graph, apply the command line's overrides, load
// and lay out the data, scale it with statistics from the training rows, create the program, load starting weights.
import { readFileSync } from 'node:fs';
import {
  applyNormalization, type Backend, createBackend, createProgram, type Dataset, DatasetError, fitNormalization,
  layOutLabels, matchWeights, readSafetensors, splitRows, type TrainingConfig, type TrainingProgram, WeightsError,
} from '../core/index';
import { compileText, type DatasetRef } from '../graph/index';
import type { TrainOptions } from './args';
import { createDatasetInfoReader, loadDataset } from './data';
import { CliError, describeFsError } from './errors';
import { readGraphText } from './graphFile';
import { formatDiagnostic, type Output } from './output';

export interface PreparedRun {
  name: string;
  program: TrainingProgram;
  /** Owned by the run: dispose it with the program. */
  backend: Backend;
  dataset: Dataset;
  datasetRef: DatasetRef;
  training: TrainingConfig;
  trainCount: number;
  validationCount: number;
}

export function prepareRun(file: string, options: TrainOptions, output: Output): PreparedRun {
  const text = readGraphText(file);
  const datasets = createDatasetInfoReader(file);
  const compiled = compileText(text, datasets.lookup);
  if (!compiled.ok) {
    for (const diagnostic of compiled.diagnostics) output.err(formatDiagnostic(file, diagnostic));
    for (const problem of datasets.problems) output.err(problem);
    throw new CliError(`${file}: the graph has errors; nothing was trained`);
  }
  for (const warning of compiled.warnings) output.err(formatDiagnostic(file, warning));
  const training = withOverrides(compiled.training, options);
  const raw = loadDataset(compiled.dataset, file, training.seed);
  const { spec } = compiled;
  let dataset: Dataset;
  try {
    dataset = layOutLabels(raw, { labelKind: spec.labelKind, labelWidth: spec.labelWidth, classCount: spec.classCount });
  } catch (error) {
    if (error instanceof DatasetError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  const split = splitRows(dataset.sampleCount, training.validationSplit, training.seed);
  if (split.trainingRows.length === 0) {
    throw new CliError(`${file}: no samples left for training (${dataset.sampleCount} samples, validationSplit ${training.validationSplit})`);
  }
  dataset = applyNormalization(dataset, fitNormalization(dataset, compiled.normalize, split.trainingRows));
  let backend: Backend;
  try {
    backend = createBackend(options.backend ?? 'auto');
  } catch (error) {
    throw new CliError(`nngraph: ${(error as Error).message}`);
  }
  let program: TrainingProgram;
  try {
    program = createProgram(spec, { seed: training.seed, batchSize: training.batchSize, optimizer: training.optimizer, backend });
    if (options.initWeights !== undefined) loadInitialWeights(program, options.initWeights);
  } catch (error) {
    backend.dispose();
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: cannot build the model: ${(error as Error).message}`);
  }
  return {
    name: compiledName(text, file),
    program, backend, dataset, datasetRef: compiled.dataset, training,
    trainCount: split.trainingRows.length, validationCount: split.validationRows.length,
  };
}

function withOverrides(fileTraining: TrainingConfig, options: TrainOptions): TrainingConfig {
  const training: TrainingConfig = { ...fileTraining, optimizer: { ...fileTraining.optimizer } };
  if (options.epochs !== undefined) training.epochs = options.epochs;
  if (options.batchSize !== undefined) training.batchSize = options.batchSize;
  if (options.seed !== undefined) training.seed = options.seed;
  if (options.learningRate !== undefined) training.optimizer.learningRate = options.learningRate;
  return training;
}

function loadInitialWeights(program: TrainingProgram, path: string): void {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CliError(`nngraph: cannot read the weights file '${path}': ${describeFsError(error)}`);
  }
  try {
    const { tensors } = readSafetensors(bytes, path);
    program.setWeights(matchWeights(program.getWeights(), tensors, path));
  } catch (error) {
    if (error instanceof WeightsError) throw new CliError(error.message);
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
}

/** The graph's `name`, or its file name. */
function compiledName(text: string, file: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    const name = (parsed as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim() !== '') return name;
  } catch {
    // compileText already accepted the text; a name is only decoration
  }
  return file;
}
