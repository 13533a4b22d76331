// The node-only part of the data sets: finding the package's data/ folder and reading its files. Kept apart so that
// the rest of src/core/datasets stays free of node:* and runs anywhere.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatasetError } from './errors';
import type { ReadDataFile } from './builtin';

/** A file every installation has, to recognise the data folder by. */
const markerFile = 'iris.csv';

/**
 * The package's data/ folder. The bundles live in dist/ (dist/cli.js, dist/extension.js, dist/worker.js), so it is
 * `<bundle dir>/../data`; when running from the sources (tests through tsx) the folder is found by walking up.
 */
export function findDataDirectory(startDirectory: string = __dirname): string {
  const besideBundle = join(startDirectory, '..', 'data');
  if (existsSync(join(besideBundle, markerFile))) return besideBundle;
  let directory = startDirectory;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(directory, 'data');
    if (existsSync(join(candidate, markerFile))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  throw new DatasetError(`the built-in data sets are missing: no data/${markerFile} near ${startDirectory}; reinstall NN Graph`);
}

/** Reads shipped data files from the package's data/ folder (or the given one). */
export function createDataFileReader(dataDirectory?: string): ReadDataFile {
  let resolved = dataDirectory;
  return (fileName: string): string => {
    if (!/^[A-Za-z0-9_-]+\.csv$/.test(fileName)) throw new DatasetError(`not a shipped data file: '${fileName}'`);
    resolved ??= findDataDirectory();
    const path = join(resolved, fileName);
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new DatasetError(`cannot read the built-in data file ${path}: ${(error as Error).message}; reinstall NN Graph`);
    }
  };
}
