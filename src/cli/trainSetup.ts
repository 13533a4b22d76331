// Everything before the first step of `nngraph train`: compile the graph, apply the command line's overrides, load
// the data and the starting weights from disk, and hand them to the core's Run, which owns the rest.
import { readFileSync } from 'node:fs';
import { type Backend, createBackend, createRun, DatasetError, type Run, type TrainingConfig } from '../core/index';
import { compileText, type DatasetRef, type TrainingEngine } from '../graph/index';
import type { TrainOptions } from './args';
import { createDatasetLoader, loadDataset } from './data';
import { CliError, describeFsError } from './errors';
import { readGraphText } from './graphFile';
import { formatDiagnostic, type Output } from './output';

export interface PreparedRun {
  name: string;
  /** Owns the program and its backend: dispose it when done. */
  run: Run;
  datasetRef: DatasetRef;
  backendName: string;
  /** The graph's input node (explain names its features by it). */
  inputNodeId: string;
  /** The file's `training.engine`. */
  engine: TrainingEngine;
}

/** What a run needs from the command line (data options, overrides, backend, starting weights); train passes all of it. */
export type RunSetupOptions = Partial<TrainOptions>;

/** `outcome` ends the message for a graph with errors: what was not done ("nothing was trained"). */
export function prepareRun(file: string, options: RunSetupOptions, output: Output, outcome = 'nothing was trained'): PreparedRun {
  const text = readGraphText(file);
  const datasets = createDatasetLoader(file, options);
  const compiled = compileText(text, undefined, datasets.analyzeOptions);
  if (!compiled.ok) {
    for (const diagnostic of compiled.diagnostics) output.err(formatDiagnostic(file, diagnostic));
    for (const problem of datasets.problems) output.err(problem);
    throw new CliError(`${file}: the graph has errors; ${outcome}`);
  }
  for (const warning of compiled.warnings) output.err(formatDiagnostic(file, warning));
  const training = withOverrides(compiled.training, options);
  const dataset = loadDataset(compiled.dataset, file, training.seed, datasets);
  const initialWeights = options.initWeights !== undefined ? readInitialWeights(options.initWeights) : undefined;
  let backend: Backend;
  try {
    backend = createBackend(options.backend ?? 'auto');
  } catch (error) {
    throw new CliError(`nngraph: ${(error as Error).message}`);
  }
  let run: Run;
  try {
    run = createRun({ dataset, spec: compiled.spec, training, normalize: compiled.normalize, backend, initialWeights });
  } catch (error) {
    backend.dispose();
    if (error instanceof DatasetError) throw new CliError(`${file}: ${error.message}`);
    throw new CliError(`${file}: cannot build the model: ${(error as Error).message}`);
  }
  if (run.weights.kind === 'mismatch') {
    run.dispose();
    throw new CliError(run.weights.reason);
  }
  return { name: compiledName(text, file), run, datasetRef: compiled.dataset, backendName: backend.name, inputNodeId: compiled.inputNodeId, engine: compiled.engine };
}

function withOverrides(fileTraining: TrainingConfig, options: RunSetupOptions): TrainingConfig {
  const training: TrainingConfig = { ...fileTraining, optimizer: { ...fileTraining.optimizer } };
  if (options.epochs !== undefined) training.epochs = options.epochs;
  if (options.batchSize !== undefined) training.batchSize = options.batchSize;
  if (options.seed !== undefined) training.seed = options.seed;
  if (options.learningRate !== undefined) training.optimizer.learningRate = options.learningRate;
  return training;
}

function readInitialWeights(path: string): { bytes: Uint8Array; source: string } {
  try {
    return { bytes: new Uint8Array(readFileSync(path)), source: path };
  } catch (error) {
    throw new CliError(`nngraph: cannot read the weights file '${path}': ${describeFsError(error)}`);
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
