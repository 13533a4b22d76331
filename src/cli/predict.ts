// `nngraph predict FILE`: the trained model's outputs for each row of its dataset, or of a CSV of raw feature rows.
// It builds the same Run as `train` (the same split, normalization fitted on the same training rows, the same program),
// so its numbers are the reference the exported scripts are compared against. A graph that declares its featureCount
// and names no dataset (an import) predicts on --input rows as they are, with the program built here directly.
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  createBackend, createProgram, DEFAULT_MAX_CSV_MEGABYTES, formatCsvError, isCsvError, matchWeights, parseCsvFeatureRows, readSafetensors, WeightsError,
  type Backend, type FeatureColumnChoice, type Run, type TrainingProgram,
} from '../core/index';
import { compileForPrediction, csvCell, featureColumnNames, outputColumnNames, predictionColumnNames, type PredictionCompileResult } from '../graph/index';
import type { PredictOptions } from './args';
import { CliError, describeFsError } from './errors';
import { readGraphText, weightsBesideGraph } from './graphFile';
import { formatDiagnostic, type Output } from './output';
import { prepareRun } from './trainSetup';

interface FeatureRows { features: Float32Array; sampleCount: number }
interface Predicted { outputs: Float32Array; sampleCount: number; columns: (width: number) => string[] }

export function runPredict(file: string, options: PredictOptions, output: Output): number {
  const withoutDataset = compileForPrediction(readGraphText(file));
  const predicted = withoutDataset ? predictWithoutDataset(file, withoutDataset, options, output) : predictWithRun(file, options, output);
  const { outputs, sampleCount } = predicted;
  const width = sampleCount > 0 ? outputs.length / sampleCount : 0;
  if (!options.json) output.out(predicted.columns(width).map(csvCell).join(','));
  for (let r = 0; r < sampleCount; r++) {
    const values = Array.from(outputs.subarray(r * width, (r + 1) * width));
    output.out(options.json ? JSON.stringify(values) : values.join(','));
  }
  return 0;
}

function predictWithRun(file: string, options: PredictOptions, output: Output): Predicted {
  const weights = options.weights ?? defaultWeightsFile(file);
  const prepared = prepareRun(file, { root: options.root, maxCsvMegabytes: options.maxCsvMegabytes, initWeights: weights }, output, 'nothing was predicted');
  try {
    const { run } = prepared;
    const rows = options.input === undefined ? datasetRows(run) : inputRows(run, options.input, options.maxCsvMegabytes);
    return { outputs: run.predict(rows.features, rows.sampleCount), sampleCount: rows.sampleCount, columns: (width) => outputColumnNames(run, width) };
  } finally {
    prepared.run.dispose();
  }
}

/** Without --weights: the file the editor and `train --save-weights` keep beside the graph. */
function defaultWeightsFile(file: string): string {
  const path = weightsBesideGraph(file);
  if (!existsSync(path)) {
    throw new CliError(`nngraph: no trained weights for ${file}: ${path} does not exist; pass --weights F, `
      + `or train first (nngraph train ${file} --save-weights ${path})`);
  }
  return path;
}

/** The graph's own dataset, in file order, scaled as training scaled it. */
function datasetRows(run: Run): FeatureRows {
  return { features: run.data.dataset.features, sampleCount: run.data.dataset.sampleCount };
}

/** Raw feature rows from a CSV, found by the dataset's feature names and scaled with the training rows' statistics. */
function inputRows(run: Run, path: string, maxCsvMegabytes = DEFAULT_MAX_CSV_MEGABYTES): FeatureRows {
  const rows = readFeatureRows(path, featureColumnNames(run.data.dataset), maxCsvMegabytes);
  return { features: run.scaleFeatures(rows.features), sampleCount: rows.sampleCount };
}

function readFeatureRows(path: string, columns: FeatureColumnChoice, maxCsvMegabytes: number): FeatureRows {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > maxCsvMegabytes * 1e6) {
      throw new CliError(`nngraph: --input ${path} is ${(size / 1e6).toFixed(1)} MB, over the ${maxCsvMegabytes} MB cap (raise it with --max-csv-mb)`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`nngraph: cannot read the input '${path}': ${describeFsError(error)}`);
  }
  const parsed = parseCsvFeatureRows(text, columns, path);
  if (isCsvError(parsed)) throw new CliError(formatCsvError({ ...parsed, message: `error: ${parsed.message}` }));
  return parsed;
}

/**
 * A graph with no dataset: the --input rows go through the program unscaled (normalize "none", what an import without
 * --dataset writes); a graph that normalizes needs the training rows' statistics, so it is refused.
 */
function predictWithoutDataset(file: string, compiled: PredictionCompileResult, options: PredictOptions, output: Output): Predicted {
  if (!compiled.ok) {
    for (const diagnostic of compiled.diagnostics) output.err(formatDiagnostic(file, diagnostic));
    throw new CliError(`${file}: the graph has errors; nothing was predicted`);
  }
  for (const warning of compiled.warnings) output.err(formatDiagnostic(file, warning));
  const { spec, featureCount, inputNodeId } = compiled;
  if (compiled.normalize !== 'none') {
    throw new CliError(`nngraph: ${file}: input node "${inputNodeId}" normalizes its features ("${compiled.normalize}") with statistics fitted on `
      + 'the training rows of its dataset, and it names no dataset; choose its dataset, or set normalize to "none" if the model reads raw '
      + 'features; nothing was predicted');
  }
  if (options.input === undefined) {
    throw new CliError(`nngraph: ${file} names no dataset to predict on: pass --input CSV (a header, then rows of its ${featureCount} `
      + `feature${featureCount === 1 ? '' : 's'}), or choose a dataset for input node "${inputNodeId}"`);
  }
  const weightsPath = options.weights ?? defaultWeightsFile(file);
  const weights = readWeightsFile(weightsPath);
  const rows = readFeatureRows(options.input, (header) => inputColumns(header, featureCount), options.maxCsvMegabytes ?? DEFAULT_MAX_CSV_MEGABYTES);
  let backend: Backend;
  try {
    backend = createBackend('auto');
  } catch (error) {
    throw new CliError(`nngraph: ${(error as Error).message}`);
  }
  let program: TrainingProgram;
  try {
    program = createProgram(spec, { seed: compiled.training.seed, batchSize: compiled.training.batchSize, optimizer: compiled.training.optimizer, backend });
  } catch (error) {
    backend.dispose();
    throw new CliError(`${file}: cannot build the model: ${(error as Error).message}`);
  }
  try {
    program.setWeights(matchWeights(program.getWeights(), readSafetensors(weights, weightsPath).tensors, weightsPath));
    const outputs = program.predict(rows.features, rows.sampleCount);
    return { outputs, sampleCount: rows.sampleCount, columns: (width) => predictionColumnNames(spec.loss.kind, width) };
  } catch (error) {
    if (error instanceof WeightsError) throw new CliError(error.message);
    throw error;
  } finally {
    program.dispose();
  }
}

/**
 * Which --input columns are the features when the graph names no dataset: x0…x{n-1} when the header has them all
 * (the names `nngraph` gives unnamed features, in any order, other columns ignored), else every column when there
 * are exactly featureCount of them, in file order.
 */
function inputColumns(header: readonly string[], featureCount: number): number[] | string {
  const names = featureColumnNames({ featureCount });
  const byName = names.map((name) => header.indexOf(name));
  if (byName.every((index) => index >= 0)) return byName;
  if (header.length === featureCount) return header.map((_, index) => index);
  return `the model reads ${featureCount} feature${featureCount === 1 ? '' : 's'} and the graph names no dataset, so the header must have `
    + `${featureCount === 1 ? 'the column x0' : `the columns ${names[0]}…${names[featureCount - 1]}`} (other columns are ignored) or exactly `
    + `${featureCount} column${featureCount === 1 ? '' : 's'}; it has ${header.length}: ${header.map((h) => `'${h}'`).join(', ')}`;
}

function readWeightsFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CliError(`nngraph: cannot read the weights file '${path}': ${describeFsError(error)}`);
  }
}
