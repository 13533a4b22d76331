// The one reader of .nngraph text: the checks (parse.ts), the edit applier (edits.ts) and the minimal-edit writer
// (format.ts) all turn text into JSON here, so they agree on what a file holds, on its format version, and on what
// is too deep to read. Never throws: the parse tree is built by jsonc-parser, which recurses once per nesting level,
// so text nested deeper than MAX_NESTING_DEPTH is refused by a linear scan before any recursion starts.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { JsonObject, JsonValue } from './format';
import { treeOfValidJson } from './jsonTree';

/** The format version this program reads and writes (the only format-version constant). */
export const FORMAT_VERSION = 1;

/**
 * The deepest nesting of objects and arrays a file may have. A real graph is 6 levels deep (file → nodes → node →
 * params → dataset → features); unknown fields get room to spare, and every recursive step after this check
 * (the tree, values, diffs, printing) stays far from the stack's limit.
 */
export const MAX_NESTING_DEPTH = 100;

export interface TooDeep { depth: number; offset: number }

export type JsonTextRead =
  | {
      ok: true; root: JsonNode | undefined; errors: ParseError[]; value: JsonValue | undefined;
      /** False when the text surely has no key twice in one object (JSON.parse kept every key it read). */
      mayHaveDuplicateKeys: boolean;
    }
  | { ok: false; tooDeep: TooDeep };

export function findTooDeep(text: string): TooDeep | undefined {
  return scanJsonText(text).tooDeep;
}

/** What one pass over the characters finds: nesting too deep, and how many properties (`key: value`) the text has. */
interface TextScan { tooDeep?: TooDeep; propertyCount: number }

function scanJsonText(text: string): TextScan {
  let depth = 0;
  let inString = false;
  // In valid JSON every colon outside a string separates a property's key from its value.
  let propertyCount = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 58 /* : */) {
      propertyCount++;
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return { tooDeep: { depth, offset: i }, propertyCount };
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return { propertyCount };
}

/** How many own properties the objects of a parsed value hold in all; nesting is bounded, but no recursion anyway. */
function countProperties(value: JsonValue): number {
  let count = 0;
  const pending: JsonValue[] = [value];
  while (pending.length > 0) {
    const current = pending.pop() as JsonValue;
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) if (item !== null && typeof item === 'object') pending.push(item);
      continue;
    }
    for (const key in current) {
      count++;
      const item = current[key];
      if (item !== null && typeof item === 'object') pending.push(item);
    }
  }
  return count;
}

/**
 * Text → JSON value and parse tree with the exact range of everything, strict JSON (no comments, no trailing
 * commas). Valid text, the usual case, is read by JSON.parse and a linear tree builder; only broken text goes to
 * jsonc-parser, for its error recovery and messages. JSON.parse makes `__proto__` an own property, as treeValue does.
 */
export function readJsonText(text: string): JsonTextRead {
  const { tooDeep, propertyCount } = scanJsonText(text);
  if (tooDeep) return { ok: false, tooDeep };
  let parsed: { value: JsonValue } | undefined;
  try {
    parsed = { value: JSON.parse(text) as JsonValue };
  } catch {
    parsed = undefined;
  }
  const fastRoot = parsed ? treeOfValidJson(text) : undefined;
  if (parsed && fastRoot) {
    // Counting beats walking the tree: walking would read every container's children from the text.
    const mayHaveDuplicateKeys = countProperties(parsed.value) !== propertyCount;
    return { ok: true, root: fastRoot, errors: [], value: parsed.value, mayHaveDuplicateKeys };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { ok: true, root, errors, value: root ? treeValue(root) : undefined, mayHaveDuplicateKeys: true };
}

/** Defines `key` as an own property, so that `__proto__` and friends stay plain data and never touch a prototype. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // `__proto__` is the one accessor on Object.prototype; every other key, `constructor` included, is assigned as an
  // own property by plain assignment, which keeps the object fast.
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** The own property `key` of a record, never one inherited from Object.prototype (`constructor`, `toString`, …). */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The JSON value of a tree node. Keys such as `__proto__` become own properties; the last of duplicate keys wins. */
export function treeValue(node: JsonNode): JsonValue {
  if (node.type === 'object') {
    const record: JsonObject = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || typeof keyNode.value !== 'string' || !valueNode) continue;
      setOwn(record, keyNode.value, treeValue(valueNode));
    }
    return record;
  }
  if (node.type === 'array') return (node.children ?? []).map(treeValue);
  return node.value as JsonValue;
}

/** The message a person reads when the text is nested too deeply. */
export function tooDeepMessage(): string {
  return `The file is nested more than ${MAX_NESTING_DEPTH} levels deep (objects and arrays inside each other); ` +
    'NN Graph does not read it. A graph needs about 6 levels: remove the deeply nested value.';
}
