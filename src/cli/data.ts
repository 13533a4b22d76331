// Reading a graph's dataset from disk for the command line: built-in sets from the package's data/ folder, CSV files
// relative to the .nngraph file and never outside its folder tree.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  type Dataset, DatasetError, formatCsvError, isCsvError, loadBuiltinDataset, parseCsvDataset, readCsvInfo,
} from '../core/index';
import { createDataFileReader } from '../core/node';
import type { DatasetInfo, DatasetRef } from '../graph/index';
import { CliError, describeFsError } from './errors';

/**
 * The absolute path of a CSV file named in a graph: relative to the graph's folder, and inside that folder's tree
 * (symbolic links included), so a shared .nngraph file cannot make the program read anything else on the machine.
 */
export function resolveCsvPath(graphFile: string, csvPath: string): string {
  const graphFolder = dirname(resolve(graphFile));
  const candidate = resolve(graphFolder, csvPath);
  const outside = (path: string, folder: string): boolean => {
    const fromFolder = relative(folder, path);
    return fromFolder === '' || fromFolder.startsWith('..') || isAbsolute(fromFolder);
  };
  if (isAbsolute(csvPath) || outside(candidate, graphFolder)) {
    throw new CliError(`${graphFile}: the CSV path '${csvPath}' leads outside the folder of the .nngraph file (${graphFolder}); keep data files inside it`);
  }
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch (error) {
    throw new CliError(`${graphFile}: cannot read the CSV file '${csvPath}': ${describeFsError(error)}`);
  }
  if (outside(real, realpathSync(graphFolder))) {
    throw new CliError(`${graphFile}: the CSV path '${csvPath}' is a link to ${real}, outside the folder of the .nngraph file; keep data files inside it`);
  }
  return real;
}

function readCsvText(graphFile: string, csvPath: string): { path: string; text: string } {
  const path = resolveCsvPath(graphFile, csvPath);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new CliError(`${graphFile}: cannot read the CSV file '${csvPath}': ${describeFsError(error)}`);
  }
}

/** The name a CSV error is reported under: the path as the user would type it from here. */
function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

export interface DatasetInfoReader {
  /** For analyzeGraph / compileText: describes CSV datasets from their header and labels. */
  lookup(ref: DatasetRef): DatasetInfo | undefined;
  /** Problems met reading CSV files, as printable lines (`file:line:col - error: message`). */
  problems: string[];
}

export function createDatasetInfoReader(graphFile: string): DatasetInfoReader {
  const problems: string[] = [];
  const lookup = (ref: DatasetRef): DatasetInfo | undefined => {
    if (ref.kind !== 'csv') return undefined; // the graph code knows the built-in sets
    try {
      const { path, text } = readCsvText(graphFile, ref.path);
      const info = readCsvInfo(text, { label: ref.label, features: ref.features }, displayPath(path));
      if (isCsvError(info)) {
        problems.push(formatCsvError({ ...info, message: `error: ${info.message}` }));
        return undefined;
      }
      return info;
    } catch (error) {
      if (error instanceof CliError) {
        problems.push(`${error.message}`);
        return undefined;
      }
      throw error;
    }
  };
  return { lookup, problems };
}

/** Loads a graph's dataset; throws a CliError that names the file (and line and column for a CSV problem). */
export function loadDataset(ref: DatasetRef, graphFile: string, seed: number): Dataset {
  if (ref.kind === 'builtin') {
    try {
      return loadBuiltinDataset(ref.name, ref.options, seed, createDataFileReader());
    } catch (error) {
      if (error instanceof DatasetError) throw new CliError(`${graphFile}: ${error.message}`);
      throw error;
    }
  }
  const { path, text } = readCsvText(graphFile, ref.path);
  const dataset = parseCsvDataset(text, { label: ref.label, features: ref.features }, displayPath(path));
  if (isCsvError(dataset)) throw new CliError(formatCsvError({ ...dataset, message: `error: ${dataset.message}` }));
  return dataset;
}
