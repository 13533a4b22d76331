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

/** One numeric option of a generated set: its default and the range it must lie in. */
export interface DatasetOptionSpec {
  defaultValue: number;
  min: number;
  max: number;
  /** Whether the minimum itself is allowed (noise 0 is, factor 0 is not). */
  minInclusive: boolean;
  integer: boolean;
  description: string;
}

const samplesOption = (defaultValue: number): DatasetOptionSpec => ({
  defaultValue, min: 2, max: 1_000_000, minInclusive: true, integer: true, description: 'number of samples in all',
});
const noiseOption = (defaultValue: number, description: string): DatasetOptionSpec => ({
  defaultValue, min: 0, max: 100, minInclusive: true, integer: false, description,
});
const classesOption = (max: number): DatasetOptionSpec => ({
  defaultValue: 3, min: 2, max, minInclusive: true, integer: true, description: 'number of classes',
});

/**
 * The options of each generated set and their defaults. Noise follows the library each set comes from: a Gaussian
 * standard deviation on the coordinates (on the angle for spiral, CS231n's 0.2). Spiral's `samples` defaults to 300
 * per arm: 900 for the default 3 classes (see `resolveDatasetOptions`).
 */
export const generatedDatasetOptions: Readonly<Record<GeneratedDatasetName, Readonly<Record<string, DatasetOptionSpec>>>> = {
  xor: { samples: samplesOption(1000), noise: noiseOption(0, 'standard deviation of the noise on x and y') },
  circles: {
    samples: samplesOption(1000),
    noise: noiseOption(0.05, 'standard deviation of the noise on x and y'),
    factor: { defaultValue: 0.5, min: 0, max: 1, minInclusive: false, integer: false, description: 'inner radius / outer radius' },
  },
  moons: { samples: samplesOption(1000), noise: noiseOption(0.1, 'standard deviation of the noise on x and y') },
  spiral: {
    samples: samplesOption(900),
    noise: noiseOption(0.2, 'standard deviation of the noise on the angle, in radians'),
    classes: classesOption(20),
  },
  blobs: {
    samples: samplesOption(1000),
    noise: noiseOption(1, 'standard deviation of each blob'),
    classes: classesOption(100),
    features: { defaultValue: 2, min: 1, max: 1000, minInclusive: true, integer: true, description: 'number of features' },
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
  const belowMin = spec.minInclusive ? value < spec.min : value <= spec.min;
  if (belowMin || value > spec.max) {
    const low = spec.minInclusive ? `[${spec.min}` : `(${spec.min}`;
    throw new DatasetError(`${where} must be in ${low}, ${spec.max}], got ${value}`, key);
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
  const { samples, noise } = resolved;
  switch (name as GeneratedDatasetName) {
    case 'xor': return generateXor({ samples, noise }, random);
    case 'circles': return generateCircles({ samples, noise, factor: resolved.factor }, random);
    case 'moons': return generateMoons({ samples, noise }, random);
    case 'spiral': return generateSpiral({ samples, noise, classes: resolved.classes }, random);
    case 'blobs': return generateBlobs({ samples, noise, classes: resolved.classes, features: resolved.features }, random);
  }
}
