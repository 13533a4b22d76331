// The values a graph diff compares: parameters and training settings with their defaults filled in (so writing a
// default out is not a change), compared field by field with key order ignored.
import { NODE_TYPES, effectiveParam } from './nodeTypes';
import { DEFAULT_ENGINE, DEFAULT_OPTIMIZERS, DEFAULT_TRAINING, OPTIMIZER_TYPES, TRAINING_FIELDS, type OptimizerType } from './training';
import type { JsonValue } from './format';
import type { NodeType } from './types';

/** One field that differs; `before`/`after` are absent when the field is absent on that side. */
export interface ValueChange {
  /** Dotted path from the node's or the training section's root: `units`, `optimizer.learningRate`, `dataset.builtin`. */
  path: string;
  before?: JsonValue;
  after?: JsonValue;
}

/** Values read from a file are JSON already; this only narrows the type (and drops `undefined`). */
function asJson(value: unknown): JsonValue | undefined {
  return value === undefined ? undefined : (value as JsonValue);
}

function isPlainObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so two values that differ only in key order give the same text. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Every differing leaf between two values: objects are compared key by key, anything else as a whole. */
export function valueChanges(before: JsonValue | undefined, after: JsonValue | undefined, path: string, into: ValueChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      valueChanges(Object.hasOwn(before, key) ? before[key] : undefined, Object.hasOwn(after, key) ? after[key] : undefined,
        path === '' ? key : `${path}.${key}`, into);
    }
    return;
  }
  if (canonicalJson(before) === canonicalJson(after)) return;
  const change: ValueChange = { path };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  into.push(change);
}

/** Differences between two maps of fields (parameters, training settings), in key order. */
export function mapChanges(before: ReadonlyMap<string, JsonValue>, after: ReadonlyMap<string, JsonValue>): ValueChange[] {
  const changes: ValueChange[] = [];
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const key of keys) valueChanges(before.get(key), after.get(key), key, changes);
  return changes;
}

/** A node's parameters as in effect: the file's values, and the default of each one the file leaves out. */
export function effectiveParams(type: NodeType, params: Record<string, unknown>): Map<string, JsonValue> {
  const result = new Map<string, JsonValue>();
  for (const key of Object.keys(params)) {
    const value = asJson(params[key]);
    if (value !== undefined) result.set(key, value);
  }
  for (const spec of NODE_TYPES[type].params) {
    const given = result.get(spec.name);
    if (spec.kind === 'enumSet' && Array.isArray(given)) result.set(spec.name, choicesInTableOrder(given, spec.values));
    if (result.has(spec.name)) continue;
    const value = asJson(effectiveParam(type, params, spec.name));
    if (value !== undefined) result.set(spec.name, value);
  }
  return result;
}

/**
 * A list of distinct choices means the same in any order and with repeats (a features node's groups): compared in the
 * table's order, each once. A list holding anything else stays as written, so the diff shows it as it is.
 */
function choicesInTableOrder(given: JsonValue[], choices: readonly string[]): JsonValue[] {
  if (!given.every((entry) => typeof entry === 'string' && choices.includes(entry))) return given;
  return choices.filter((choice) => given.includes(choice));
}

function isOptimizerType(value: unknown): value is OptimizerType {
  return typeof value === 'string' && (OPTIMIZER_TYPES as readonly string[]).includes(value);
}

/** The training section as in effect: the file's values over the documented defaults (the optimizer's per type). */
export function effectiveTraining(training: Record<string, unknown>): Map<string, JsonValue> {
  const result = new Map<string, JsonValue>();
  for (const key of Object.keys(training)) {
    const value = asJson(training[key]);
    if (value !== undefined) result.set(key, value);
  }
  const defaults: Record<string, unknown> = { ...DEFAULT_TRAINING, engine: DEFAULT_ENGINE };
  for (const field of TRAINING_FIELDS) {
    if (!result.has(field)) result.set(field, asJson(defaults[field]) ?? null);
  }
  const optimizer = result.get('optimizer');
  if (isPlainObject(optimizer) && isOptimizerType(optimizer.type)) {
    const filled: { [key: string]: JsonValue } = { ...(DEFAULT_OPTIMIZERS[optimizer.type] as unknown as { [key: string]: JsonValue }) };
    for (const key of Object.keys(optimizer)) Object.defineProperty(filled, key, { value: optimizer[key], enumerable: true, writable: true, configurable: true });
    result.set('optimizer', filled);
  }
  return result;
}

/** A value as a person reads it in a diff: strings quoted, objects as compact JSON, an absent field as "(none)". */
export function formatDiffValue(value: JsonValue | undefined): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map(formatDiffValue).join(', ')}]`;
  if (isPlainObject(value)) {
    const fields = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}: ${formatDiffValue(value[key])}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** `units: 64 → 128`, `init: (none) → "he_normal"`. */
export function formatValueChange(change: ValueChange): string {
  return `${change.path}: ${formatDiffValue(change.before)} → ${formatDiffValue(change.after)}`;
}
