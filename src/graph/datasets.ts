// The datasets a file can name: the table of built-in sets (what the graph code must know about them without
// loading them) and the checks of a `dataset` parameter, which turn it into a DatasetRef.
import {
  checkInteger, checkNumber, checkUnknownKeys, childSite, isRecord, sentence, wrongType, type NumberRange, type Reporter, type ValueSite,
} from './checks';
import { quote } from './diagnostics';
import { type CsvError, type CsvFileProblemKind } from '../core/index';
import { csvPathProblem } from '../core/pure';
import type { DatasetInfo, DatasetRef } from './types';

export type BuiltinOption = 'samples' | 'noise' | 'classes' | 'features';

interface OptionRule { integer: boolean; range: NumberRange; description: string }

export const BUILTIN_OPTION_RULES: Readonly<Record<BuiltinOption, OptionRule>> = {
  samples: { integer: true, range: { min: 1, max: 1_000_000 }, description: 'Number of samples generated.' },
  noise: { integer: false, range: { min: 0, max: 10 }, description: 'Standard deviation of the noise added to each point.' },
  classes: { integer: true, range: { min: 2, max: 100 }, description: 'Number of classes.' },
  features: { integer: true, range: { min: 1, max: 1000 }, description: 'Number of features per sample.' },
};

export interface BuiltinDataset {
  name: string;
  description: string;
  options: readonly BuiltinOption[];
  info(options: Readonly<Record<string, number>>): DatasetInfo;
}

const twoD = ['x', 'y'];

function fixed(featureCount: number, classCount: number, featureNames?: string[]): () => DatasetInfo {
  return () => (featureNames ? { featureCount, classCount, featureNames } : { featureCount, classCount });
}

export const BUILTIN_DATASETS: Readonly<Record<string, BuiltinDataset>> = {
  xor: { name: 'xor', description: 'Four noisy clusters labelled by the XOR of their quadrant (2 features, 2 classes).',
    options: ['samples', 'noise'], info: fixed(2, 2, twoD) },
  circles: { name: 'circles', description: 'A small circle inside a large one (2 features, 2 classes).',
    options: ['samples', 'noise'], info: fixed(2, 2, twoD) },
  moons: { name: 'moons', description: 'Two interleaving half circles (2 features, 2 classes).',
    options: ['samples', 'noise'], info: fixed(2, 2, twoD) },
  spiral: { name: 'spiral', description: 'Interleaved spiral arms, one per class (2 features, `classes` classes, 3 by default).',
    options: ['samples', 'noise', 'classes'],
    info: (o) => ({ featureCount: 2, classCount: o.classes ?? 3, featureNames: twoD }) },
  blobs: { name: 'blobs', description: 'Gaussian blobs, one per class (`features` features, 2 by default; `classes` classes, 3 by default).',
    options: ['samples', 'classes', 'features'],
    info: (o) => ({ featureCount: o.features ?? 2, classCount: o.classes ?? 3 }) },
  iris: { name: 'iris', description: 'Fisher\'s iris flowers: 150 samples, 4 features, 3 classes.', options: [], info: fixed(4, 3) },
  wine: { name: 'wine', description: 'Wine recognition: 178 samples, 13 features, 3 classes.', options: [], info: fixed(13, 3) },
  'breast-cancer': { name: 'breast-cancer', description: 'Wisconsin diagnostic breast cancer: 569 samples, 30 features, 2 classes.',
    options: [], info: fixed(30, 2) },
  digits: { name: 'digits', description: '8×8 handwritten digits: 1,797 samples, 64 features, 10 classes.', options: [], info: fixed(64, 10) },
};

export const BUILTIN_DATASET_NAMES = Object.keys(BUILTIN_DATASETS);

/** What the graph code knows about a built-in set; undefined for a CSV file or an unknown name. */
export function builtinDatasetInfo(ref: DatasetRef): DatasetInfo | undefined {
  if (ref.kind !== 'builtin') return undefined;
  const dataset = Object.prototype.hasOwnProperty.call(BUILTIN_DATASETS, ref.name) ? BUILTIN_DATASETS[ref.name] : undefined;
  return dataset?.info(ref.options);
}

export interface CsvPathOptions {
  /** How many folders the .nngraph file lies below the workspace root; `..` may climb at most this far. */
  workspaceDepth?: number;
}

/** A field inside the dataset object, named for messages as `"csv" in the dataset of input node "data"`. */
function sub(site: ValueSite, key: string | number): ValueSite {
  return childSite(site, key, typeof key === 'number' ? `item ${key} of ${site.label}` : `"${key}" in the ${site.label}`);
}

/** Checks a `dataset` parameter and returns the reference it describes, or undefined when it is unusable. */
export function checkDataset(reporter: Reporter, site: ValueSite, value: unknown, pathOptions: CsvPathOptions): DatasetRef | undefined {
  if (!isRecord(value)) {
    wrongType(reporter, site, 'an object such as { "builtin": "moons" } or { "csv": "data.csv", "label": "y" }', value);
    return undefined;
  }
  const hasBuiltin = 'builtin' in value;
  const hasCsv = 'csv' in value;
  if (hasBuiltin === hasCsv) {
    const problem = hasBuiltin ? 'has both "builtin" and "csv"' : 'has neither "builtin" nor "csv"';
    reporter.report('NG027', `The ${site.label} ${problem}; give exactly one of them.`, site.path, site.place);
    return undefined;
  }
  return hasBuiltin ? checkBuiltin(reporter, site, value) : checkCsv(reporter, site, value, pathOptions);
}

function checkBuiltin(reporter: Reporter, site: ValueSite, value: Record<string, unknown>): DatasetRef | undefined {
  const nameSite = sub(site, 'builtin');
  const name = value.builtin;
  if (typeof name !== 'string') {
    wrongType(reporter, nameSite, 'the name of a built-in dataset', name);
    return undefined;
  }
  const dataset = Object.prototype.hasOwnProperty.call(BUILTIN_DATASETS, name) ? BUILTIN_DATASETS[name] : undefined;
  if (!dataset) {
    reporter.report('NG026', `Unknown built-in dataset ${quote(name)}; known: ${BUILTIN_DATASET_NAMES.join(', ')}.`,
      nameSite.path, nameSite.place);
    return undefined;
  }
  const takes = dataset.options.length > 0 ? `${name} takes ${dataset.options.join(', ')}.` : `${name} takes no options.`;
  checkUnknownKeys(reporter, value, ['builtin', ...dataset.options], site.path, site.place, `dataset ${quote(name)}`, ` ${takes}`);
  const options: Record<string, number> = {};
  let valid = true;
  for (const option of dataset.options) {
    if (!(option in value)) continue;
    const rule = BUILTIN_OPTION_RULES[option];
    const optionSite = sub(site, option);
    const checked = rule.integer
      ? checkInteger(reporter, optionSite, value[option], rule.range)
      : checkNumber(reporter, optionSite, value[option], rule.range);
    if (checked === undefined) valid = false;
    else options[option] = checked;
  }
  return valid ? { kind: 'builtin', name, options } : undefined;
}

function checkCsv(reporter: Reporter, site: ValueSite, value: Record<string, unknown>, pathOptions: CsvPathOptions): DatasetRef | undefined {
  checkUnknownKeys(reporter, value, ['csv', 'label', 'features'], site.path, site.place, 'a CSV dataset');
  const pathSite = sub(site, 'csv');
  const path = value.csv;
  let valid = true;
  if (typeof path !== 'string') {
    wrongType(reporter, pathSite, 'a path relative to the .nngraph file', path);
    valid = false;
  } else {
    const problem = csvPathProblem(path, pathOptions.workspaceDepth ?? 0);
    if (problem) {
      reporter.report('NG028', `The CSV path ${quote(path)} ${problem}`, pathSite.path, pathSite.place);
      valid = false;
    }
  }
  const labelSite = sub(site, 'label');
  const label = value.label;
  if (label === undefined) {
    reporter.report('NG009', `The ${site.label} needs "label": the name of the CSV column that holds the labels.`, site.path, site.place);
    valid = false;
  } else if (typeof label !== 'string' || label.length === 0) {
    wrongType(reporter, labelSite, 'the name of a CSV column', label);
    valid = false;
  }
  const features = checkFeatureColumns(reporter, sub(site, 'features'), value.features, label);
  if (features === null) valid = false;
  if (!valid || typeof path !== 'string' || typeof label !== 'string') return undefined;
  return features ? { kind: 'csv', path, label, features } : { kind: 'csv', path, label };
}

/** undefined: not given; null: invalid (reported). */
function checkFeatureColumns(reporter: Reporter, site: ValueSite, value: unknown, label: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    wrongType(reporter, site, 'an array of CSV column names', value);
    return null;
  }
  let valid = true;
  value.forEach((column: unknown, index) => {
    const columnSite = sub(site, index);
    if (typeof column !== 'string' || column.length === 0) {
      wrongType(reporter, columnSite, 'the name of a CSV column', column);
      valid = false;
    } else if (column === label) {
      reporter.report('NG027', `${sentence(columnSite.label)} names the label column ${quote(label)}; a model must not read its own labels.`,
        columnSite.path, columnSite.place);
      valid = false;
    }
  });
  return valid ? (value as string[]) : null;
}

export { csvPathProblem };

/**
 * A problem with the dataset's file that only the side that reads files can find (a link out of the workspace, a
 * missing, unreadable or oversized file, bad rows), reported on the input node's `csv` field.
 */
export interface DatasetProblem { code: 'NG028' | 'NG043'; message: string }

/** The diagnostic for a CSV file the path rule or the reader refused; `message` follows the quoted path. */
export function csvFileProblem(path: string, kind: CsvFileProblemKind, message: string): DatasetProblem {
  return { code: kind === 'outside' ? 'NG028' : 'NG043', message: `The CSV path ${quote(path)} ${message}` };
}

/** The diagnostic for a bad row (or header) of a CSV file, with the place in the file an editor can jump to. */
export function csvContentProblem(path: string, error: CsvError): DatasetProblem {
  // The reader's messages end in a question ("did you mean …?") or not at all: a full stop only where none is.
  const ended = /[.?!]$/.test(error.message) ? error.message : `${error.message}.`;
  return { code: 'NG043', message: `The CSV path ${quote(path)} cannot be used: ${error.file}:${error.line}:${error.column}: ${ended}` };
}
