// The built-in data sets by name: their options and defaults, what they look like without loading them
// (for shape inference), and loading them. Generated sets draw from the seed; real ones are read through a callback so
// that this file stays free of node:fs.
import { Random } from '../random';
import type { Dataset, LabelKind } from '../types';
import { DatasetError } from './errors';
import { generateBlobs, generateCircles, generateMoons, generateSpiral, generateXor } from './generated';
import { isShippedSetName, parseShippedSet, shippedSets } from './shippedSets';

export const generatedDatasetNames = ['xor', 'circles', 'moons', 'spiral', 'blobs'] as const;
export const shippedDatasetNames = ['iris', 'wine', 'breast-cancer', 'digits'] as const;
export const builtinDatasetNames: readonly string[] = [...generatedDatasetNames, ...shippedDatasetNames];

export type GeneratedDatasetName = (typeof generatedDatasetNames)[number];

/** One numeric option of a generated set: its default and the range [min, max] it must lie in. */
export interface DatasetOptionSpec {
  defaultValue: number;
  min: number;
  max: number;
  integer: boolean;
  description: string;
}

const samplesOption = (defaultValue: number): DatasetOptionSpec => ({
  defaultValue, min: 1, max: 1_000_000, integer: true, description: 'number of samples in all',
});
const noiseOption = (defaultValue: number, description: string): DatasetOptionSpec => ({
  defaultValue, min: 0, max: 10, integer: false, description,
});
const classesOption = (): DatasetOptionSpec => ({
  defaultValue: 3, min: 2, max: 100, integer: true, description: 'number of classes',
});

/**
 * The options of each generated set and their defaults. Noise follows the library each set comes from: a Gaussian
 * standard deviation on the coordinates (on the angle for spiral, CS231n's 0.2); blobs have make_blobs' standard
 * deviation 1. Spiral's `samples` defaults to 300 per arm: 900 for the default 3 classes (see `resolveDatasetOptions`).
 * The ranges agree with the graph code's table (src/graph/datasets.ts), which a test checks.
 */
export const generatedDatasetOptions: Readonly<Record<GeneratedDatasetName, Readonly<Record<string, DatasetOptionSpec>>>> = {
  xor: { samples: samplesOption(1000), noise: noiseOption(0, 'standard deviation of the noise on x and y') },
  circles: {
    samples: samplesOption(1000),
    noise: noiseOption(0.05, 'standard deviation of the noise on x and y'),
  },
  moons: { samples: samplesOption(1000), noise: noiseOption(0.1, 'standard deviation of the noise on x and y') },
  spiral: {
    samples: samplesOption(900),
    noise: noiseOption(0.2, 'standard deviation of the noise on the angle, in radians'),
    classes: classesOption(),
  },
  blobs: {
    samples: samplesOption(1000),
    classes: classesOption(),
    features: { defaultValue: 2, min: 1, max: 1000, integer: true, description: 'number of features' },
  },
};

/** What a built-in set looks like, known without loading it. Structurally the graph's `DatasetInfo`. */
export interface BuiltinDatasetInfo {
  featureCount: number;
  classCount: number;
  sampleCount: number;
  labelKind: LabelKind;
  featureNames: string[];
  classNames: string[];
}

/** Reads a file of the package's data/ folder by its bare name (`iris.csv`) and returns its text. */
export type ReadDataFile = (fileName: string) => string;

export function isBuiltinDatasetName(name: string): boolean {
  return builtinDatasetNames.includes(name);
}

function isGeneratedName(name: string): name is GeneratedDatasetName {
  return (generatedDatasetNames as readonly string[]).includes(name);
}

/**
 * Checks the options given for a built-in set and fills in the defaults. Throws a DatasetError naming the set and the
 * option for an unknown name, an unknown option, or a value out of range.
 */
export function resolveDatasetOptions(name: string, options: Readonly<Record<string, unknown>>): Record<string, number> {
  if (isShippedSetName(name)) {
    const given = Object.keys(options);
    if (given.length > 0) {
      throw new DatasetError(`the built-in dataset '${name}' takes no options, but '${given[0]}' is given`, given[0]);
    }
    return {};
  }
  if (!isGeneratedName(name)) {
    throw new DatasetError(`unknown built-in dataset '${name}'; the built-in datasets are ${builtinDatasetNames.join(', ')}`);
  }
  const specs = generatedDatasetOptions[name];
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(specs, key)) {
      throw new DatasetError(`the built-in dataset '${name}' has no option '${key}'; its options are ${Object.keys(specs).join(', ')}`, key);
    }
  }
  const resolved: Record<string, number> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = options[key];
    resolved[key] = value === undefined ? spec.defaultValue : checkOption(name, key, value, spec);
  }
  if (name === 'spiral' && options.samples === undefined) resolved.samples = 300 * resolved.classes;
  if (resolved.classes !== undefined && resolved.samples < resolved.classes) {
    throw new DatasetError(`'${name}' needs at least one sample per class: samples (${resolved.samples}) < classes (${resolved.classes})`, 'samples');
  }
  if (resolved.features !== undefined && resolved.samples * resolved.features > 50_000_000) {
    throw new DatasetError(`'${name}' with ${resolved.samples} samples of ${resolved.features} features is too large (more than 50 million values)`, 'samples');
  }
  return resolved;
}

function checkOption(name: string, key: string, value: unknown, spec: DatasetOptionSpec): number {
  const where = `option '${key}' of the built-in dataset '${name}'`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DatasetError(`${where} must be a number, got ${JSON.stringify(value) ?? String(value)}`, key);
  }
  if (spec.integer && !Number.isInteger(value)) throw new DatasetError(`${where} must be an integer, got ${value}`, key);
  if (value < spec.min || value > spec.max) {
    throw new DatasetError(`${where} must be in [${spec.min}, ${spec.max}], got ${value}`, key);
  }
  return value;
}

/** Static information about a built-in set, for shape inference; throws DatasetError for a bad name or options. */
export function builtinDatasetInfo(name: string, options: Readonly<Record<string, unknown>> = {}): BuiltinDatasetInfo {
  const resolved = resolveDatasetOptions(name, options);
  if (isShippedSetName(name)) {
    const set = shippedSets[name];
    return {
      featureCount: set.featureNames.length,
      classCount: set.classNames.length,
      sampleCount: set.sampleCount,
      labelKind: set.classNames.length === 2 ? 'binary' : 'index',
      featureNames: [...set.featureNames],
      classNames: [...set.classNames],
    };
  }
  const featureCount = resolved.features ?? 2;
  const classCount = resolved.classes ?? 2;
  return {
    featureCount,
    classCount,
    sampleCount: resolved.samples,
    labelKind: classCount === 2 ? 'binary' : 'index',
    featureNames: featureCount === 2 ? ['x', 'y'] : Array.from({ length: featureCount }, (_, f) => `x${f}`),
    classNames: Array.from({ length: classCount }, (_, c) => String(c)),
  };
}

/**
 * Loads a built-in set. Generated sets draw from a generator seeded from `seed` (the file's `training.seed`), on a
 * stream of their own so that they do not mirror the weight initialisation; real sets are read with `readDataFile`.
 * Throws DatasetError for a bad name or options, or a damaged data file.
 */
export function loadBuiltinDataset(
  name: string, options: Readonly<Record<string, unknown>>, seed: number, readDataFile: ReadDataFile,
): Dataset {
  const resolved = resolveDatasetOptions(name, options);
  if (isShippedSetName(name)) {
    const set = shippedSets[name];
    return parseShippedSet(set, readDataFile(set.fileName));
  }
  const random = new Random(seed ^ 0x5eedda7a);
  const { samples } = resolved;
  const noise = resolved.noise ?? 0;
  switch (name as GeneratedDatasetName) {
    case 'xor': return generateXor({ samples, noise }, random);
    case 'circles': return generateCircles({ samples, noise, factor: 0.5 }, random);
    case 'moons': return generateMoons({ samples, noise }, random);
    case 'spiral': return generateSpiral({ samples, noise, classes: resolved.classes }, random);
    case 'blobs': return generateBlobs({ samples, noise: 1, classes: resolved.classes, features: resolved.features }, random);
  }
}
