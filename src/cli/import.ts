// `nngraph import MODEL`: a trained model (ONNX, or a Keras/TF.js model.json) → a .nngraph and its weights beside it. The graph layer reads the
// model and builds the text; this file reads the files, checks the graph against a dataset named with --dataset
// (its width, and whether the model's input scaling is that dataset's normalization), and writes both files
// atomically, never over an existing file without --force and never over the model or the data.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { prepareRunData, writeSafetensors, type Dataset, type ProgramSpec, type TrainingConfig } from '../core/index';
import {
  analyzeGraph, BUILTIN_DATASET_NAMES, buildGraph, compileText, ModelImportError, readModel,
  type BuildOptions, type BuiltGraph, type ImportedModel, type ImportedNormalization, type JsonObject,
} from '../graph/index';
import { readSideFile } from '../node/modelFolder';
import { newFileKind, type ProtectedFile, type WriteTarget } from '../node/safeWrite';
import type { ImportOptions } from './args';
import { createDatasetLoader, loadDataset } from './data';
import { CliError, describeFsError } from './errors';
import { writeFiles } from './exportFiles';
import { weightsBesideGraph } from './graphFile';
import { formatDiagnostic, type Output } from './output';

/** Models larger than this are refused before they are read (an MLP's ONNX file is kilobytes to megabytes). */
const MAX_MODEL_BYTES = 1_000_000_000;

function readBytes(path: string, what: string): Uint8Array {
  try {
    const size = statSync(path).size;
    if (size > MAX_MODEL_BYTES) throw new CliError(`nngraph: import: ${what} '${path}' is ${(size / 1e6).toFixed(0)} MB, over the ${MAX_MODEL_BYTES / 1e6} MB NN Graph reads`);
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`nngraph: import: cannot read ${what} '${path}': ${describeFsError(error)}`);
  }
}

function readModelFile(path: string): ImportedModel {
  const bytes = readBytes(path, 'the model');
  const folder = dirname(path);
  try {
    return readModel({
      fileName: basename(path), bytes,
      readBeside: (name) => readSideFile(folder, name),
    });
  } catch (error) {
    if (error instanceof ModelImportError) throw new CliError(`nngraph: import: ${error.message}; nothing was written`);
    throw error;
  }
}

/** `iris` or `{"csv": "data.csv", "label": "y"}`: what --dataset names, as the input node's `dataset`. */
export function datasetFromSpec(spec: string): JsonObject {
  const text = spec.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new CliError(`nngraph: import: --dataset is not valid JSON: ${(error as Error).message}`, 2);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError('nngraph: import: --dataset must be a JSON object', 2);
    return parsed as JsonObject;
  }
  if (BUILTIN_DATASET_NAMES.includes(text)) return { builtin: text };
  throw new CliError(`nngraph: import: --dataset takes a built-in dataset (${BUILTIN_DATASET_NAMES.join(', ')}) or a dataset object as JSON, `
    + `such as '{"csv": "data.csv", "label": "y"}' (the path relative to the graph); got '${spec}'`, 2);
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/** 'standard' or 'minmax' when fitting it on the dataset's training rows gives exactly the model's scaling. */
function matchingNormalize(scaling: ImportedNormalization, loaded: Dataset, spec: ProgramSpec, training: TrainingConfig): BuildOptions['normalize'] {
  for (const mode of ['standard', 'minmax'] as const) {
    const fitted = prepareRunData(loaded, spec, training, mode).normalization;
    if (sameValues(fitted.offset, scaling.offset) && sameValues(fitted.scale, scaling.scale)) return mode;
  }
  return undefined;
}

/** Checks the graph with the named dataset: it compiles, has the model's width, and whose normalization it is. */
function checkWithDataset(model: ImportedModel, dataset: JsonObject, graphPath: string, options: ImportOptions, output: Output): BuildOptions {
  // The trial declares the model's width too, so a dataset of another width is the NG052 diagnostic, found first.
  const trial = buildGraph(model, { dataset, declareFeatureCount: true, ...(model.normalization ? { normalize: 'standard' as const } : {}) });
  const datasets = createDatasetLoader(graphPath, options);
  const compiled = compileText(trial.text, undefined, datasets.analyzeOptions);
  if (!compiled.ok) {
    // The graph is not written yet, so its diagnostics have no place in a file to point at.
    for (const diagnostic of compiled.diagnostics) output.err(`nngraph: import: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`);
    for (const problem of datasets.problems) output.err(problem);
    throw new CliError(`nngraph: import: the model does not fit the dataset ${JSON.stringify(dataset)} (above); nothing was written`);
  }
  if (!model.normalization) return { dataset };
  const loaded = loadDataset(compiled.dataset, graphPath, compiled.training.seed, datasets);
  const normalize = matchingNormalize(model.normalization, loaded, compiled.spec, compiled.training);
  return normalize ? { dataset, normalize } : { dataset };
}

export function runImport(modelPath: string, options: ImportOptions, output: Output): number {
  const model = readModelFile(modelPath);
  const graphPath = options.output ?? join(dirname(modelPath), `${basename(modelPath, extname(modelPath))}.nngraph`);
  if (!graphPath.toLowerCase().endsWith('.nngraph')) throw new CliError(`nngraph: import: -o ${graphPath}: the graph's file name must end in .nngraph`, 2);
  const dataset = options.dataset !== undefined ? datasetFromSpec(options.dataset) : undefined;
  const buildOptions = dataset ? checkWithDataset(model, dataset, graphPath, options, output) : {};
  let built: BuiltGraph;
  try {
    built = buildGraph(model, buildOptions);
  } catch (error) {
    if (error instanceof ModelImportError) throw new CliError(`nngraph: import: ${error.message}; nothing was written`);
    throw error;
  }
  for (const note of built.notes) output.err(`nngraph: import: note: ${note}`);
  const weightsPath = weightsBesideGraph(graphPath);
  const protectedFiles: ProtectedFile[] = [{ path: resolve(modelPath), role: 'the model being imported' }];
  if (typeof dataset?.csv === 'string') protectedFiles.push({ path: resolve(dirname(resolve(graphPath)), dataset.csv), role: "the graph's CSV data file" });
  const target = (path: string, description: string): WriteTarget => ({ path, kind: newFileKind(description), protectedFiles, overwriteOtherKind: options.force });
  const { text, weights } = built;
  // A model without weights (a Keras JSON config) writes no weights file: the graph starts from its initializers.
  writeFiles([
    { target: target(graphPath, 'the imported graph'), bytes: () => new TextEncoder().encode(text) },
    ...(weights.length > 0 ? [{ target: target(weightsPath, 'the imported weights'), bytes: () => writeSafetensors(weights) }] : []),
  ], 'import');
  const analysis = analyzeGraph(text, createDatasetLoader(graphPath, options).analyzeOptions);
  for (const diagnostic of analysis.diagnostics) output.err(formatDiagnostic(graphPath, diagnostic));
  const layers = (analysis.graph?.nodes.length ?? 2) - 2;
  const wrote = weights.length > 0 ? `and ${weightsPath}` : '(the model holds no weights: the graph starts from its initializers)';
  output.out(`Wrote ${graphPath} (${layers} layer${layers === 1 ? '' : 's'}, ${model.featureWidth} features in) ${wrote}`);
  return 0;
}
