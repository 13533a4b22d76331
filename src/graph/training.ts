// The `training` section: its defaults (as the format page states them, Keras's where the page is silent) and its
// checks, which turn the file's values into a complete TrainingConfig.
import type { EarlyStoppingConfig, OptimizerSpec, TrainingConfig } from '../core/index';
import {
  checkBoolean, checkEnum, checkInteger, checkNumber, checkUnknownKeys, childSite, isRecord, wrongType,
  type NumberRange, type Reporter, type ValueSite,
} from './checks';

export const OPTIMIZER_TYPES = ['sgd', 'adam', 'rmsprop', 'adamw'] as const;
export type OptimizerType = (typeof OPTIMIZER_TYPES)[number];

/** Metrics the training core reports besides the loss. */
export const KNOWN_METRICS = ['accuracy'] as const;

export const DEFAULT_OPTIMIZERS: { readonly [K in OptimizerType]: Extract<OptimizerSpec, { type: K }> } = {
  sgd: { type: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false },
  adam: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  rmsprop: { type: 'rmsprop', learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
  adamw: { type: 'adamw', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.004 },
};

export const DEFAULT_TRAINING: TrainingConfig = {
  epochs: 10, batchSize: 32, seed: 42, validationSplit: 0, shuffle: true,
  optimizer: DEFAULT_OPTIMIZERS.adam, metrics: ['accuracy'],
};

/** Which engine trains the graph: NN Graph's own core, or PyTorch through the exported script (the person's Python). */
export const TRAINING_ENGINES = ['builtin', 'pytorch'] as const;
export type TrainingEngine = (typeof TRAINING_ENGINES)[number];
export const DEFAULT_ENGINE: TrainingEngine = 'builtin';

export const TRAINING_FIELDS = ['optimizer', 'epochs', 'batchSize', 'seed', 'validationSplit', 'shuffle', 'metrics', 'earlyStopping', 'engine'] as const;
/** Keras' EarlyStopping defaults for what the file may leave out (`patience` is required). */
export const EARLY_STOPPING_DEFAULTS: Omit<EarlyStoppingConfig, 'patience'> = { minDelta: 0, restoreBestWeights: false };
export const EARLY_STOPPING_FIELDS = ['patience', 'minDelta', 'restoreBestWeights'] as const;

type FieldRule = { kind: 'number' | 'integer'; range: NumberRange } | { kind: 'boolean' };

const unitInterval: NumberRange = { min: 0, max: 1, maxExclusive: true };

/** Per optimizer field, its rule; every optimizer also has `type`. */
export const OPTIMIZER_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  learningRate: { kind: 'number', range: { min: 0, minExclusive: true } },
  momentum: { kind: 'number', range: unitInterval },
  nesterov: { kind: 'boolean' },
  beta1: { kind: 'number', range: unitInterval },
  beta2: { kind: 'number', range: unitInterval },
  epsilon: { kind: 'number', range: { min: 0, minExclusive: true } },
  rho: { kind: 'number', range: unitInterval },
  centered: { kind: 'boolean' },
  weightDecay: { kind: 'number', range: { min: 0 } },
};

export const SEED_RANGE: NumberRange = { min: 0, max: 4294967295 };

/** Checks `training` and fills in every default. Invalid fields are reported and replaced by their defaults. */
export function checkTraining(reporter: Reporter, training: Record<string, unknown>): TrainingConfig {
  const site: ValueSite = { path: ['training'], place: { field: 'training' }, label: 'training' };
  checkUnknownKeys(reporter, training, TRAINING_FIELDS, site.path, site.place, 'training');
  const config: TrainingConfig = { ...DEFAULT_TRAINING, metrics: [...DEFAULT_TRAINING.metrics] };
  const field = (name: string): ValueSite => childSite(site, name, `"training.${name}"`);
  if (training.optimizer !== undefined) config.optimizer = checkOptimizer(reporter, field('optimizer'), training.optimizer);
  if (training.epochs !== undefined) config.epochs = checkInteger(reporter, field('epochs'), training.epochs, { min: 1 }) ?? config.epochs;
  if (training.batchSize !== undefined) {
    config.batchSize = checkInteger(reporter, field('batchSize'), training.batchSize, { min: 1 }) ?? config.batchSize;
  }
  if (training.seed !== undefined) config.seed = checkInteger(reporter, field('seed'), training.seed, SEED_RANGE) ?? config.seed;
  if (training.validationSplit !== undefined) {
    config.validationSplit = checkNumber(reporter, field('validationSplit'), training.validationSplit, unitInterval) ?? config.validationSplit;
  }
  if (training.shuffle !== undefined) config.shuffle = checkBoolean(reporter, field('shuffle'), training.shuffle) ?? config.shuffle;
  if (training.metrics !== undefined) config.metrics = checkMetrics(reporter, field('metrics'), training.metrics);
  if (training.earlyStopping !== undefined) {
    const earlyStopping = checkEarlyStopping(reporter, field('earlyStopping'), training.earlyStopping);
    if (earlyStopping !== undefined) config.earlyStopping = earlyStopping;
    if (earlyStopping !== undefined && config.validationSplit === 0) {
      const site = field('earlyStopping');
      reporter.report('NG045', 'Early stopping watches the validation loss, but "training.validationSplit" is 0, so no rows are held out '
        + 'to measure it. Set "validationSplit" (for example 0.2) or remove "earlyStopping".', site.path, site.place, true);
    }
  }
  return config;
}

/** `{ "patience": 5, "minDelta"?: 0, "restoreBestWeights"?: false }`, with Keras' defaults; undefined when unusable. */
function checkEarlyStopping(reporter: Reporter, site: ValueSite, value: unknown): EarlyStoppingConfig | undefined {
  if (!isRecord(value)) {
    wrongType(reporter, site, 'an object such as { "patience": 5, "restoreBestWeights": true }', value);
    return undefined;
  }
  checkUnknownKeys(reporter, value, EARLY_STOPPING_FIELDS, site.path, site.place, '"training.earlyStopping"');
  const child = (name: string): ValueSite => childSite(site, name, `"training.earlyStopping.${name}"`);
  if (value.patience === undefined) {
    reporter.report('NG009', '"training.earlyStopping" needs "patience": how many epochs without improvement of the validation loss to wait before stopping.', site.path, site.place);
    return undefined;
  }
  const patience = checkInteger(reporter, child('patience'), value.patience, { min: 0 });
  const minDelta = value.minDelta === undefined ? EARLY_STOPPING_DEFAULTS.minDelta : checkNumber(reporter, child('minDelta'), value.minDelta, { min: 0 });
  const restoreBestWeights = value.restoreBestWeights === undefined
    ? EARLY_STOPPING_DEFAULTS.restoreBestWeights
    : checkBoolean(reporter, child('restoreBestWeights'), value.restoreBestWeights);
  if (patience === undefined || minDelta === undefined || restoreBestWeights === undefined) return undefined;
  return { patience, minDelta, restoreBestWeights };
}

/**
 * `training.engine`: not part of the core's TrainingConfig (the core is one engine), so checked on its own; an
 * invalid value is reported (by checkEnum) and the default engine used.
 */
export function checkEngine(reporter: Reporter, training: Record<string, unknown>): TrainingEngine {
  if (training.engine === undefined) return DEFAULT_ENGINE;
  const site: ValueSite = childSite({ path: ['training'], place: { field: 'training' }, label: 'training' }, 'engine', '"training.engine"');
  return checkEnum(reporter, site, training.engine, TRAINING_ENGINES) ?? DEFAULT_ENGINE;
}

function checkMetrics(reporter: Reporter, site: ValueSite, value: unknown): string[] {
  if (!Array.isArray(value)) {
    wrongType(reporter, site, `an array of metric names such as ["accuracy"]`, value);
    return [...DEFAULT_TRAINING.metrics];
  }
  const metrics: string[] = [];
  value.forEach((metric: unknown, index) => {
    const checked = checkEnum(reporter, childSite(site, index, `"training.metrics[${index}]"`), metric, KNOWN_METRICS);
    if (checked !== undefined && !metrics.includes(checked)) metrics.push(checked);
  });
  return metrics;
}

function checkOptimizer(reporter: Reporter, site: ValueSite, value: unknown): OptimizerSpec {
  if (!isRecord(value)) {
    wrongType(reporter, site, 'an object such as { "type": "adam", "learningRate": 0.001 }', value);
    return DEFAULT_OPTIMIZERS.adam;
  }
  if (value.type === undefined) {
    reporter.report('NG009', `"training.optimizer" needs "type": one of ${OPTIMIZER_TYPES.join(', ')}.`, site.path, site.place);
    return DEFAULT_OPTIMIZERS.adam;
  }
  const type = checkEnum(reporter, childSite(site, 'type', '"training.optimizer.type"'), value.type, OPTIMIZER_TYPES);
  if (type === undefined) return DEFAULT_OPTIMIZERS.adam;
  const defaults: Record<string, unknown> = { ...DEFAULT_OPTIMIZERS[type] };
  const fields = Object.keys(defaults).filter((k) => k !== 'type');
  checkUnknownKeys(reporter, value, ['type', ...fields], site.path, site.place, `the ${type} optimizer`,
    ` The ${type} optimizer takes ${fields.join(', ')}.`);
  const spec: Record<string, unknown> = { ...defaults };
  for (const name of fields) {
    if (value[name] === undefined) continue;
    const rule = OPTIMIZER_FIELD_RULES[name];
    const fieldSite = childSite(site, name, `"training.optimizer.${name}"`);
    const checked = rule.kind === 'boolean'
      ? checkBoolean(reporter, fieldSite, value[name])
      : rule.kind === 'integer'
        ? checkInteger(reporter, fieldSite, value[name], rule.range)
        : checkNumber(reporter, fieldSite, value[name], rule.range);
    if (checked !== undefined) spec[name] = checked;
  }
  // Every field of `spec` starts from the defaults of this `type` and keeps its type, so this is that variant.
  return spec as unknown as OptimizerSpec;
}
