// The canonical, diff-friendly text of a .nngraph file, and the smallest text change that turns an existing file into
// a new value. The editor never re-prints a whole file for a small change: a moved node changes its position line
// only, and anything the program does not understand (unknown fields, the author's own layout) is kept.
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { findTooDeep, getOwn, readJsonText } from './reader';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A replacement of `length` characters at `offset` by `content`, all offsets in the original text. */
export interface TextEdit { offset: number; length: number; content: string }

const INDENT = '  ';

/** Where a value sits, so that small records print on one line (`position`, each edge). */
interface FormatContext { key?: string; inEdges?: boolean }

function isPrimitive(value: JsonValue): value is null | boolean | number | string {
  return value === null || typeof value !== 'object';
}

function printsInline(value: JsonValue, context: FormatContext): boolean {
  if (isPrimitive(value)) return true;
  if (Array.isArray(value)) return value.every((item) => isPrimitive(item));
  const onOneLine = context.key === 'position' || context.inEdges === true;
  return onOneLine && Object.values(value).every((item) => isPrimitive(item));
}

/** Prints a value in the canonical style, its first line unindented and later lines indented by `indent`. */
export function formatValue(value: JsonValue, indent = '', context: FormatContext = {}): string {
  if (isPrimitive(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (printsInline(value, context)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    const inner = indent + INDENT;
    const itemContext: FormatContext = { inEdges: context.key === 'edges' };
    const items = value.map((item) => inner + formatValue(item, inner, itemContext));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  if (printsInline(value, context)) {
    return `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`).join(', ')} }`;
  }
  const inner = indent + INDENT;
  const lines = entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatValue(item, inner, { key })}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** The canonical text of a whole file: 2-space indent, one line per position and per edge, a final newline. */
export function formatGraphText(value: JsonValue): string {
  return formatValue(value) + '\n';
}

/** The text after applying non-overlapping edits (given in any order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  // One pass from the start: slicing the whole text once per edit would be quadratic when every node moves.
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (const edit of sorted) {
    parts.push(text.slice(copiedUpTo, edit.offset), edit.content);
    copiedUpTo = edit.offset + edit.length;
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** Reads JSON text strictly (no comments, no trailing commas); `undefined` when it is not valid JSON. */
export function parseJsonStrict(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const objectA = a as JsonObject;
  const objectB = b as JsonObject;
  const keysA = Object.keys(objectA);
  if (keysA.length !== Object.keys(objectB).length) return false;
  return keysA.every((key) => Object.hasOwn(objectB, key) && jsonEqual(objectA[key], objectB[key]));
}

/** The indentation (leading blanks) of the line that holds `offset`. */
function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match ? match[0] : '';
}

/** How the children of a container are laid out in the existing text, so inserted ones look like their siblings. */
interface ChildLayout { multiline: boolean; childIndent: string }

function childLayoutOf(text: string, container: JsonNode): ChildLayout {
  const parentIndent = lineIndentAt(text, container.offset);
  const first = container.children?.[0];
  if (!first) return { multiline: true, childIndent: parentIndent + INDENT };
  const before = text.slice(container.offset + 1, first.offset);
  if (!before.includes('\n')) return { multiline: false, childIndent: parentIndent + INDENT };
  return { multiline: true, childIndent: lineIndentAt(text, first.offset) };
}

/** One child of a container in the old text, with the text range it occupies (a property includes its key). */
interface OldChild { key: string; node: JsonNode; valueNode: JsonNode; value: JsonValue }

/** One child of the new value, printed by `print` when it has to be inserted. */
interface NewChild { key: string; value: JsonValue; print: (indent: string) => string }

/**
 * Edits for one container whose children are matched by key: kept children are diffed recursively, runs of removed
 * children and inserted ones become one replacement per gap between kept children, so edits never overlap.
 */
function diffChildren(text: string, container: JsonNode, oldChildren: OldChild[], newChildren: NewChild[],
  recurse: (old: OldChild, next: NewChild) => TextEdit[]): TextEdit[] {
  const kept = longestCommonKeys(oldChildren.map((c) => c.key), newChildren.map((c) => c.key));
  const layout = childLayoutOf(text, container);
  const separator = layout.multiline ? `,\n${layout.childIndent}` : ', ';
  const edits: TextEdit[] = [];
  if (kept.length === 0) {
    const closeIndent = lineIndentAt(text, container.offset);
    const printed = newChildren.map((c) => c.print(layout.childIndent));
    const open = container.offset + 1;
    const close = container.offset + container.length - 1;
    const body = printed.length === 0 ? '' : layout.multiline
      ? `\n${layout.childIndent}${printed.join(separator)}\n${closeIndent}`
      : (container.type === 'object' ? ` ${printed.join(separator)} ` : printed.join(separator));
    return [{ offset: open, length: close - open, content: body }];
  }
  const gapBounds = [...kept, [oldChildren.length, newChildren.length] as const];
  let previousOld = -1;
  let previousNew = -1;
  for (const [oldIndex, newIndex] of gapBounds) {
    const removedFirst = previousOld + 1;
    const removedLast = oldIndex - 1;
    const inserted = newChildren.slice(previousNew + 1, newIndex).map((c) => c.print(layout.childIndent));
    const hasRemoved = removedLast >= removedFirst;
    if (hasRemoved || inserted.length > 0) {
      if (previousOld >= 0) {
        const start = oldChildren[previousOld].node.offset + oldChildren[previousOld].node.length;
        const end = hasRemoved ? oldChildren[removedLast].node.offset + oldChildren[removedLast].node.length : start;
        edits.push({ offset: start, length: end - start, content: inserted.map((p) => separator + p).join('') });
      } else {
        // Before the first kept child: the removed run is followed by a comma and the kept child.
        const start = hasRemoved ? oldChildren[removedFirst].node.offset : oldChildren[oldIndex].node.offset;
        const end = oldChildren[oldIndex].node.offset;
        edits.push({ offset: start, length: end - start, content: inserted.map((p) => p + separator).join('') });
      }
    }
    if (oldIndex < oldChildren.length) edits.push(...recurse(oldChildren[oldIndex], newChildren[newIndex]));
    previousOld = oldIndex;
    previousNew = newIndex;
  }
  return edits;
}

/** Above this many cells (old × new children between the common ends) the key lists are matched greedily. */
const MAX_LCS_CELLS = 1_000_000;

/**
 * Index pairs of a longest common subsequence of two key lists. The common start and end are matched first, in
 * linear time, so moving or editing one node of 10,000 never builds the quadratic table; a middle part too large for
 * the table is matched greedily, in order, which may print more than needed but is still a correct patch.
 */
function longestCommonKeys(oldKeys: string[], newKeys: string[]): Array<readonly [number, number]> {
  let start = 0;
  while (start < oldKeys.length && start < newKeys.length && oldKeys[start] === newKeys[start]) start++;
  let endOld = oldKeys.length;
  let endNew = newKeys.length;
  while (endOld > start && endNew > start && oldKeys[endOld - 1] === newKeys[endNew - 1]) { endOld--; endNew--; }
  const pairs: Array<readonly [number, number]> = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const middle = (endOld - start) * (endNew - start) <= MAX_LCS_CELLS
    ? tableCommonKeys(oldKeys.slice(start, endOld), newKeys.slice(start, endNew))
    : greedyCommonKeys(oldKeys.slice(start, endOld), newKeys.slice(start, endNew));
  for (const [i, j] of middle) pairs.push([i + start, j + start]);
  for (let k = 0; endOld + k < oldKeys.length; k++) pairs.push([endOld + k, endNew + k]);
  return pairs;
}

function tableCommonKeys(oldKeys: string[], newKeys: string[]): Array<readonly [number, number]> {
  const rows = oldKeys.length;
  const cols = newKeys.length;
  const lengths = new Uint32Array((rows + 1) * (cols + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const here = i * (cols + 1) + j;
      lengths[here] = oldKeys[i] === newKeys[j]
        ? lengths[(i + 1) * (cols + 1) + j + 1] + 1
        : Math.max(lengths[(i + 1) * (cols + 1) + j], lengths[i * (cols + 1) + j + 1]);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (oldKeys[i] === newKeys[j]) { pairs.push([i, j]); i++; j++; }
    else if (lengths[(i + 1) * (cols + 1) + j] >= lengths[i * (cols + 1) + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Pairs each new key with the next unused old occurrence after the previous pair (increasing in both lists). */
function greedyCommonKeys(oldKeys: string[], newKeys: string[]): Array<readonly [number, number]> {
  const positions = new Map<string, number[]>();
  oldKeys.forEach((key, index) => {
    const list = positions.get(key);
    if (list) list.push(index);
    else positions.set(key, [index]);
  });
  const nextOf = new Map<string, number>();
  const pairs: Array<readonly [number, number]> = [];
  let lastOld = -1;
  newKeys.forEach((key, j) => {
    const list = positions.get(key);
    if (!list) return;
    let k = nextOf.get(key) ?? 0;
    while (k < list.length && list[k] <= lastOld) k++;
    nextOf.set(key, k + 1);
    if (k < list.length) { pairs.push([list[k], j]); lastOld = list[k]; }
  });
  return pairs;
}

/** Array elements are matched by `id` when they have one (nodes), else by their whole content (edges, values). */
function elementKey(value: JsonValue): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.id === 'string') {
    return `id:${value.id}`;
  }
  return `value:${JSON.stringify(value)}`;
}

/**
 * Edits that turn the old text's `oldNode`, whose value is `oldValue`, into `newValue`. The old values come from the
 * reader's JSON.parse, beside the tree: rebuilding them from the tree at every level would read the whole tree once
 * per level, and a moved node would cost a walk of every node and edge.
 */
function diffValue(text: string, oldNode: JsonNode, oldValue: JsonValue, newValue: JsonValue, context: FormatContext): TextEdit[] {
  if (jsonEqual(oldValue, newValue)) return [];
  const indent = lineIndentAt(text, oldNode.offset);
  const replaceWhole = (): TextEdit[] => [{ offset: oldNode.offset, length: oldNode.length, content: formatValue(newValue, indent, context) }];
  if (oldNode.type === 'object' && isJsonObject(oldValue) && isJsonObject(newValue)) {
    const oldChildren: OldChild[] = (oldNode.children ?? []).map((property) => {
      const key = String(property.children?.[0]?.value);
      // With a key twice, the value is the last one's; the duplicate check below then replaces the whole object.
      return { key, node: property, valueNode: property.children?.[1] ?? property, value: getOwn(oldValue, key) ?? null };
    });
    if (new Set(oldChildren.map((c) => c.key)).size !== oldChildren.length) return replaceWhole();
    const newChildren: NewChild[] = Object.entries(newValue).map(([key, value]) => ({
      key, value, print: (childIndent) => `${JSON.stringify(key)}: ${formatValue(value, childIndent, { key })}`,
    }));
    return diffChildren(text, oldNode, oldChildren, newChildren,
      (old, next) => diffValue(text, old.valueNode, old.value, next.value, { key: next.key }));
  }
  if (oldNode.type === 'array' && Array.isArray(oldValue) && Array.isArray(newValue)) {
    const elementContext: FormatContext = { inEdges: context.key === 'edges' };
    const oldChildren: OldChild[] = (oldNode.children ?? []).map((element, index) => ({
      key: elementKey(oldValue[index]), node: element, valueNode: element, value: oldValue[index],
    }));
    const newChildren: NewChild[] = newValue.map((value) => ({
      key: elementKey(value), value, print: (childIndent) => formatValue(value, childIndent, elementContext),
    }));
    return diffChildren(text, oldNode, oldChildren, newChildren,
      (old, next) => diffValue(text, old.valueNode, old.value, next.value, elementContext));
  }
  return replaceWhole();
}

function isJsonObject(value: JsonValue): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The smallest practical set of edits that turns `oldText` into a text whose JSON value is `newValue`, keeping the
 * layout of everything that did not change. Falls back to the canonical text, trimmed to the changed lines, when
 * the old text is not valid JSON or a structural patch would not give `newValue` back.
 */
export function computeTextEdits(oldText: string, newValue: JsonValue): TextEdit[] {
  const read = readJsonText(oldText);
  if (read.ok && read.root && read.errors.length === 0 && read.value !== undefined) {
    const edits = diffValue(oldText, read.root, read.value, newValue, {});
    if (jsonEqual(parseJsonStrict(applyTextEdits(oldText, edits)), newValue)) return edits;
  }
  return minimalLineEdit(oldText, formatGraphText(newValue));
}

/** One edit that replaces only the lines between the common first and last lines of two texts. */
export function minimalLineEdit(oldText: string, newText: string): TextEdit[] {
  if (oldText === newText) return [];
  const shortest = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shortest && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  prefix = oldText.lastIndexOf('\n', prefix - 1) + 1;
  // Whole lines: the replaced part of the old text ends just after a line break (or at the end of the text).
  while (suffix > 0 && oldText.charCodeAt(oldText.length - suffix - 1) !== 10) suffix--;
  const oldEnd = oldText.length - suffix;
  return [{ offset: prefix, length: oldEnd - prefix, content: newText.slice(prefix, newText.length - suffix) }];
}

/** The id of the node whose object in the `nodes` list contains `offset`, for following a text cursor or a problem. */
export function nodeIdAtOffset(text: string, offset: number): string | undefined {
  // Lenient on purpose (a cursor in a file being typed), but never on text too deep for jsonc-parser's recursion.
  if (findTooDeep(text)) return undefined;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const nodesProperty = root?.children?.find((property) => property.children?.[0]?.value === 'nodes');
  const nodesArray = nodesProperty?.children?.[1];
  if (nodesArray?.type !== 'array') return undefined;
  for (const element of nodesArray.children ?? []) {
    if (offset < element.offset || offset > element.offset + element.length) continue;
    const idProperty = element.children?.find((property) => property.children?.[0]?.value === 'id');
    const id = idProperty?.children?.[1]?.value;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}
