// Small checks of single values from the file, each reporting at the value's own range and returning the value
// only when it is usable. Shared by parameter, dataset and training validation.
import { makeDiagnostic, quote, type DiagnosticPlace } from './diagnostics';
import type { JsonPath, Locator } from './source';
import type { Diagnostic } from './types';

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly locator: Locator) {}

  /** Reports at the value at `path` (or, with `atKey`, at its property name). */
  report(code: string, message: string, path: JsonPath, place: DiagnosticPlace = {}, atKey = false): void {
    const range = atKey ? this.locator.key(path) : this.locator.value(path);
    this.diagnostics.push(makeDiagnostic(code, message, range, place));
  }
}

/** Where a value is: its JSON path, the node it belongs to, its dotted field name and how to name it in messages. */
export interface ValueSite {
  path: JsonPath;
  place: DiagnosticPlace;
  /** e.g. `units of dense node "hidden"` or `training.epochs`. */
  label: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a number too large to represent';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

/** The label with its first letter capitalized, for the start of a message. */
export function sentence(label: string): string {
  return label.length > 0 ? label[0].toUpperCase() + label.slice(1) : label;
}

export function wrongType(reporter: Reporter, site: ValueSite, expected: string, value: unknown): void {
  reporter.report('NG010', `${sentence(site.label)} must be ${expected}, but is ${jsonTypeName(value)} (${quote(value)}).`, site.path, site.place);
}

export interface NumberRange {
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

function describeRange(range: NumberRange): string {
  const low = range.min === undefined ? undefined : `${range.minExclusive ? '>' : '≥'} ${range.min}`;
  const high = range.max === undefined ? undefined : `${range.maxExclusive ? '<' : '≤'} ${range.max}`;
  if (low && high && range.min !== undefined && range.max !== undefined) {
    return `in ${range.minExclusive ? '(' : '['}${range.min}, ${range.max}${range.maxExclusive ? ')' : ']'}`;
  }
  return low ?? high ?? 'a number';
}

function inRange(value: number, range: NumberRange): boolean {
  if (range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min)) return false;
  if (range.max !== undefined && (range.maxExclusive ? value >= range.max : value > range.max)) return false;
  return true;
}

export function checkNumber(reporter: Reporter, site: ValueSite, value: unknown, range: NumberRange): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    wrongType(reporter, site, 'a number', value);
    return undefined;
  }
  if (!inRange(value, range)) {
    reporter.report('NG011', `${sentence(site.label)} must be ${describeRange(range)}, but is ${value}.`, site.path, site.place);
    return undefined;
  }
  return value;
}

export function checkInteger(reporter: Reporter, site: ValueSite, value: unknown, range: NumberRange): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    wrongType(reporter, site, 'a whole number', value);
    return undefined;
  }
  if (!inRange(value, range)) {
    reporter.report('NG011', `${sentence(site.label)} must be a whole number ${describeRange(range)}, but is ${value}.`, site.path, site.place);
    return undefined;
  }
  return value;
}

export function checkBoolean(reporter: Reporter, site: ValueSite, value: unknown): boolean | undefined {
  if (typeof value !== 'boolean') {
    wrongType(reporter, site, 'true or false', value);
    return undefined;
  }
  return value;
}

export function checkEnum<T extends string>(reporter: Reporter, site: ValueSite, value: unknown, allowed: readonly T[]): T | undefined {
  const choices = allowed.map((v) => `"${v}"`).join(', ');
  if (typeof value !== 'string') {
    wrongType(reporter, site, `one of ${choices}`, value);
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    reporter.report('NG012', `${sentence(site.label)} is ${quote(value)}, which is not one of ${choices}.`, site.path, site.place);
    return undefined;
  }
  return value as T;
}

/**
 * A list of distinct choices: an array (NG010), each entry one of `allowed` (NG012, at the entry); an entry listed
 * again is kept but has no effect (NG008). Returns the distinct entries when every one is allowed.
 */
export function checkEnumSet<T extends string>(reporter: Reporter, site: ValueSite, value: unknown, allowed: readonly T[]): T[] | undefined {
  const choices = allowed.map((v) => `"${v}"`).join(', ');
  if (!Array.isArray(value)) {
    wrongType(reporter, site, `a list of ${choices}`, value);
    return undefined;
  }
  const seen: T[] = [];
  let valid = true;
  value.forEach((entry: unknown, index) => {
    const entrySite = childSite(site, index, `entry ${index + 1} of ${site.label}`);
    if (seen.includes(entry as T)) {
      reporter.report('NG008', `${sentence(entrySite.label)} is ${quote(entry)} again; it is kept but has no effect.`, entrySite.path, entrySite.place);
      return;
    }
    if (checkEnum(reporter, entrySite, entry, allowed) === undefined) valid = false;
    else seen.push(entry as T);
  });
  return valid ? seen : undefined;
}

/**
 * Warns about every key of `record` not in `known` (they are kept in the file, but have no effect). `where` and
 * `hint` may be given as functions: they are built only for a report (a check runs this for every node of a file).
 */
export function checkUnknownKeys(
  reporter: Reporter, record: Record<string, unknown>, known: readonly string[], path: JsonPath,
  place: DiagnosticPlace, where: string | (() => string), hint: string | (() => string) = '',
): void {
  const keys = Object.keys(record);
  let firstUnknown = 0;
  while (firstUnknown < keys.length && known.includes(keys[firstUnknown])) firstUnknown++;
  if (firstUnknown === keys.length) return;
  const whereText = typeof where === 'string' ? where : where();
  const hintText = typeof hint === 'string' ? hint : hint();
  const knownList = known.length > 0 ? ` Known fields: ${known.join(', ')}.` : '';
  let reported = 0;
  let unreported = 0;
  for (let k = firstUnknown; k < keys.length; k++) {
    const key = keys[k];
    if (known.includes(key)) continue;
    if (reported === MAX_UNKNOWN_KEYS_REPORTED) { unreported++; continue; }
    reported++;
    const field = place.field ? `${place.field}.${key}` : key;
    reporter.report('NG008', `Unknown field ${quote(key)} in ${whereText}; it is kept but has no effect.${hintText || knownList}`,
      [...path, key], { ...place, field }, true);
  }
  if (unreported > 0) {
    reporter.report('NG008', `${whereText.length > 0 ? sentence(whereText) : 'This object'} has ${unreported.toLocaleString('en-US')} more unknown fields ` +
      `besides the ${MAX_UNKNOWN_KEYS_REPORTED} above; they are kept but have no effect.`, path, place);
  }
}

/** Unknown fields reported one by one per object; the rest are counted in one more warning (a file with 100k keys
 * in one object would otherwise fill the Problems panel, and the host's time, with 100k warnings). */
export const MAX_UNKNOWN_KEYS_REPORTED = 50;

export function childSite(site: ValueSite, key: string | number, label: string): ValueSite {
  const field = site.place.field ? `${site.place.field}.${key}` : String(key);
  return { path: [...site.path, key], place: { ...site.place, field }, label };
}
