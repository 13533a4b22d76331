// Where things are in the text: offsets to 0-based line/column, and JSON paths to the narrowest range.
import type { Node as JsonNode } from 'jsonc-parser';
import type { TextRange } from './types';

export type JsonPath = ReadonlyArray<string | number>;

/** Converts UTF-16 offsets to 0-based line and column, counting `\n`, `\r\n` and `\r` as VS Code does. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: clamped - this.lineStarts[low] };
  }

  range(startOffset: number, endOffset: number): TextRange {
    const start = Math.max(0, Math.min(startOffset, this.text.length));
    const end = Math.max(start, Math.min(endOffset, this.text.length));
    return { start: this.position(start), end: this.position(end), startOffset: start, endOffset: end };
  }
}

/** Finds ranges for JSON paths. Without a text (a graph built in memory) every range is the empty start range. */
export interface Locator {
  /** The value at `path`, else the closest enclosing value that exists. */
  value(path: JsonPath): TextRange;
  /** The property key at `path` (for a field that should not be there), else as `value`. */
  key(path: JsonPath): TextRange;
}

export const EMPTY_RANGE: TextRange = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 }, startOffset: 0, endOffset: 0 };

export const nullLocator: Locator = { value: () => EMPTY_RANGE, key: () => EMPTY_RANGE };

/**
 * The property of each key in an object node (the last one, as JSON.parse keeps the last of duplicate keys), built
 * once per object: a file may report one problem per key of an object with 100k keys, so a scan per lookup would be
 * quadratic.
 */
const propertiesByObject = new WeakMap<JsonNode, Map<string, JsonNode>>();

/** The child of an object node holding `key`. */
export function propertyOf(objectNode: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!objectNode || objectNode.type !== 'object' || !objectNode.children) return undefined;
  let byKey = propertiesByObject.get(objectNode);
  if (!byKey) {
    byKey = new Map();
    for (const property of objectNode.children) {
      const keyNode = property.children?.[0];
      if (keyNode && typeof keyNode.value === 'string') byKey.set(keyNode.value, property);
    }
    propertiesByObject.set(objectNode, byKey);
  }
  return byKey.get(key);
}

export class TreeLocator implements Locator {
  constructor(private readonly root: JsonNode | undefined, private readonly lines: LineIndex) {}

  value(path: JsonPath): TextRange {
    const { node } = this.walk(path);
    return node ? this.lines.range(node.offset, node.offset + node.length) : this.lines.range(0, 0);
  }

  key(path: JsonPath): TextRange {
    const { node, property, complete } = this.walk(path);
    const keyNode = complete ? property?.children?.[0] : undefined;
    if (keyNode) return this.lines.range(keyNode.offset, keyNode.offset + keyNode.length);
    return node ? this.lines.range(node.offset, node.offset + node.length) : this.lines.range(0, 0);
  }

  /** Follows `path` as far as the tree goes; `node` is the deepest value reached. */
  private walk(path: JsonPath): { node: JsonNode | undefined; property: JsonNode | undefined; complete: boolean } {
    let node = this.root;
    let property: JsonNode | undefined;
    for (const segment of path) {
      if (!node) break;
      let next: JsonNode | undefined;
      let nextProperty: JsonNode | undefined;
      if (typeof segment === 'number') {
        next = node.type === 'array' ? node.children?.[segment] : undefined;
      } else {
        nextProperty = propertyOf(node, segment);
        next = nextProperty?.children?.[1];
      }
      if (!next) return { node, property: nextProperty, complete: false };
      node = next;
      property = nextProperty;
    }
    return { node, property, complete: true };
  }
}
