// Small readers of parsed JSON shared by the Keras / TF.js importer's parts: own-key reads only (a layer named
// `__proto__` or `constructor` is data), and every failure is a ModelImportError that starts with the source's name.
import { getOwn } from '../reader';
import { ModelImportError } from './importedModel';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of a record; undefined for anything else, and for keys the record only inherits. */
export function field(record: unknown, key: string): unknown {
  return isRecord(record) ? getOwn(record, key) : undefined;
}

/** A name from the file, quoted for a message, cut short so that a megabyte-long name cannot flood it. */
export function quote(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/** The error every part throws: `<source>: <what is wrong>`. */
export function importError(source: string, message: string): ModelImportError {
  return new ModelImportError(`${source}: ${message}`);
}

/** A number, or the default when the key is absent or null; anything else is refused with the setting's name. */
export function numberSetting(config: JsonRecord, key: string, fallback: number, fail: (message: string) => never): number {
  const value = getOwn(config, key);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`its ${key} is ${describe(value)}, not a number`);
  return value;
}

/** A short description of a value from the file, for messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return value.length <= 8 && value.every((item) => item === null || typeof item === 'number' || typeof item === 'boolean') ? JSON.stringify(value) : 'a list';
  if (isRecord(value)) return 'an object';
  return String(value);
}
