// Reading a graph's dataset from disk for the command line: built-in sets from the package's data/ folder, CSV files
// under the one path rule of src/core/datasets/csvFile (relative to the .nngraph file, inside `--root`, by default the
// graph's folder, links included, under the size cap). `check` and `summary` scan a CSV as a stream; `train` loads
// it once, a chunk at a time, and describes it from what it loaded.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { type CsvDatasetInfo, type CsvError, type CsvFileRequest, type Dataset, DatasetError, DEFAULT_MAX_CSV_MEGABYTES, formatCsvError, isCsvError, loadBuiltinDataset } from '../core/index';
import { loadCsvDatasetFile, resolveCsvFile, resolveCsvFileSync, scanCsvInfoFile } from '../core/node';
import { createDataFileReader } from '../core/node';
import {
  csvContentProblem, csvFileProblem, type AnalyzeOptions, type DatasetInfo, type DatasetProblem, type DatasetRef,
} from '../graph/index';
import type { DataOptions } from './args';
import { CliError, describeFsError } from './errors';

export type { DataOptions };

/** The name a CSV error is reported under: the path as the user would type it from here. */
function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

export function csvRequest(graphFile: string, csvPath: string, options: DataOptions): CsvFileRequest {
  const graphFolder = dirname(resolve(graphFile));
  return {
    root: options.root !== undefined ? resolve(options.root) : graphFolder, graphFolder, csvPath,
    maxMegabytes: options.maxCsvMegabytes ?? DEFAULT_MAX_CSV_MEGABYTES, howToRaise: '--max-csv-mb',
  };
}

/** How many folders the graph lies below the root, for the graph code's text check of `..`; 0 when not below it. */
function graphDepth(graphFile: string, options: DataOptions): number {
  const request = csvRequest(graphFile, '.', options);
  const fromRoot = relative(request.root, request.graphFolder);
  return fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) ? 0 : fromRoot.split(sep).length;
}

/** What reading a dataset gave: a description (and the loaded set, when loaded), or the problem to report. */
interface DatasetReading { info?: DatasetInfo; dataset?: Dataset; problem?: DatasetProblem; csvError?: CsvError }

export interface DatasetReader {
  /** Options for analyzeGraph / compileText: the graph's depth below the root, the CSV's description and problems. */
  analyzeOptions: AnalyzeOptions;
  /** Problems inside CSV files, as printable lines (`file:line:col - error: message`), beside the NG043 on the node. */
  problems: string[];
  /** The set `train` loaded while compiling, so that the file is read once. */
  loaded(ref: DatasetRef): Dataset | undefined;
}

function describe(ref: Extract<DatasetRef, { kind: 'csv' }>, result: CsvDatasetInfo | CsvError | Dataset): DatasetReading {
  if (isCsvError(result)) return { problem: csvContentProblem(ref.path, result), csvError: result };
  const info: DatasetInfo = { featureCount: result.featureCount, classCount: result.classCount };
  if (result.featureNames) info.featureNames = result.featureNames;
  if (result.classNames) info.classNames = result.classNames;
  if (!('features' in result)) {
    // A scanned description also knows the row count and the class run at the end of the file (NG044).
    info.sampleCount = result.sampleCount;
    if (result.lastClassRun !== undefined) info.lastClassRun = result.lastClassRun;
  }
  return 'features' in result ? { info, dataset: result } : { info };
}

function readerOver(graphFile: string, options: DataOptions, read: (ref: Extract<DatasetRef, { kind: 'csv' }>) => DatasetReading): DatasetReader {
  const problems: string[] = [];
  const readings = new Map<string, DatasetReading>();
  const readingFor = (ref: DatasetRef): DatasetReading | undefined => {
    if (ref.kind !== 'csv') return undefined; // the graph code knows the built-in sets
    const key = JSON.stringify(ref);
    let reading = readings.get(key);
    if (!reading) {
      reading = read(ref);
      readings.set(key, reading);
      if (reading.csvError) problems.push(formatCsvError({ ...reading.csvError, message: `error: ${reading.csvError.message}` }));
    }
    return reading;
  };
  return {
    analyzeOptions: {
      workspaceDepth: graphDepth(graphFile, options),
      datasetInfo: (ref) => readingFor(ref)?.info,
      datasetProblem: (ref) => readingFor(ref)?.problem,
    },
    problems,
    loaded: (ref) => readingFor(ref)?.dataset,
  };
}

/**
 * For `train`: a CSV is loaded whole, once, while the graph compiles (synchronously, as compiling asks), and its
 * description is taken from the loaded set.
 */
export function createDatasetLoader(graphFile: string, options: DataOptions): DatasetReader {
  return readerOver(graphFile, options, (ref) => {
    const resolution = resolveCsvFileSync(csvRequest(graphFile, ref.path, options));
    if (!resolution.ok) return { problem: csvFileProblem(ref.path, resolution.kind, resolution.message) };
    let loaded: Dataset | CsvError;
    try {
      // In chunks, turned into numbers as they come: the text is never held whole beside the table.
      loaded = loadCsvDatasetFile(resolution.path, { label: ref.label, features: ref.features }, displayPath(resolution.path));
    } catch (error) {
      return { problem: csvFileProblem(ref.path, 'unreadable', `cannot be read: ${describeFsError(error)}.`) };
    }
    return describe(ref, loaded);
  });
}

/**
 * For `check` and `summary`: the CSV the graph names is scanned as a stream (its header and label column) before the
 * graph is analyzed with what was found. `findDataset` analyzes once to learn which dataset the graph names.
 */
export async function createDatasetScanner(graphFile: string, options: DataOptions, findDataset: (options: AnalyzeOptions) => DatasetRef | undefined): Promise<DatasetReader> {
  const named = findDataset(readerOver(graphFile, options, () => ({})).analyzeOptions);
  if (named?.kind !== 'csv') return readerOver(graphFile, options, () => ({}));
  const resolution = await resolveCsvFile(csvRequest(graphFile, named.path, options));
  const reading = resolution.ok
    ? describe(named, await scanCsvInfoFile(resolution.path, { label: named.label, features: named.features }, displayPath(resolution.path)))
    : { problem: csvFileProblem(named.path, resolution.kind, resolution.message) };
  const key = JSON.stringify(named);
  return readerOver(graphFile, options, (ref) => (JSON.stringify(ref) === key ? reading : {}));
}

/** Loads a graph's dataset (a CSV comes from the reader, read while compiling); throws a CliError that names the file. */
export function loadDataset(ref: DatasetRef, graphFile: string, seed: number, reader: DatasetReader): Dataset {
  if (ref.kind === 'builtin') {
    try {
      return loadBuiltinDataset(ref.name, ref.options, seed, createDataFileReader());
    } catch (error) {
      if (error instanceof DatasetError) throw new CliError(`${graphFile}: ${error.message}`);
      throw error;
    }
  }
  const dataset = reader.loaded(ref);
  if (!dataset) throw new CliError(`${graphFile}: the CSV file '${ref.path}' was not loaded`);
  return dataset;
}
