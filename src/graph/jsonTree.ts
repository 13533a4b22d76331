// The parse tree (what jsonc-parser's parseTree gives: every value with its offset and length, object properties
// with their keys) of a text that JSON.parse has already accepted. jsonc-parser takes ~200 ms per MB, about thirty
// times JSON.parse, because it is built for broken text; valid text needs no error recovery, so one loop without
// recursion builds the same tree in linear time. Broken text still goes to jsonc-parser for its error messages.
import type { Node as ReadonlyJsonNode, NodeType } from 'jsonc-parser';

/** jsonc-parser's Node, writable while the tree is being built. */
interface JsonNode {
  type: NodeType; offset: number; length: number; value?: unknown; colonOffset?: number;
  parent?: JsonNode; children?: JsonNode[];
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) i++;
    else return i;
  }
}

/** A string, number, boolean or null starting at `start`, with its parent set. */
function readPrimitive(text: string, start: number, parent: JsonNode | undefined): JsonNode {
  const ch = text.charCodeAt(start);
  if (ch === 34 /* " */) {
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) { escaped = true; i += 2; continue; }
      if (c === 34) break;
      i++;
    }
    const value = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
    return { type: 'string', offset: start, length: i + 1 - start, value, parent };
  }
  if (ch === 116 /* t */) return { type: 'boolean', offset: start, length: 4, value: true, parent };
  if (ch === 102 /* f */) return { type: 'boolean', offset: start, length: 5, value: false, parent };
  if (ch === 110 /* n */) return { type: 'null', offset: start, length: 4, value: null, parent };
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    // - + . digits e E
    if (c === 45 || c === 43 || c === 46 || (c >= 48 && c <= 57) || c === 101 || c === 69) i++;
    else break;
  }
  return { type: 'number', offset: start, length: i - start, value: Number(text.slice(start, i)), parent };
}

/** The tree of `text`, which must be valid JSON (JSON.parse accepted it); undefined for anything else. */
export function treeOfValidJson(text: string): ReadonlyJsonNode | undefined {
  let root: JsonNode | undefined;
  const open: JsonNode[] = [];
  /** Where the next value goes: an array, a property, or nothing for the root. */
  let holder: JsonNode | undefined;
  let i = skipWhitespace(text, 0);
  for (;;) {
    const ch = text.charCodeAt(i);
    let node: JsonNode;
    if (ch === 123 /* { */ || ch === 91 /* [ */) {
      node = { type: ch === 123 ? 'object' : 'array', offset: i, length: 1, children: [], parent: holder };
      open.push(node);
      i++;
    } else {
      if (Number.isNaN(ch)) return undefined;
      node = readPrimitive(text, i, holder);
      i += node.length;
      if (holder?.type === 'property') holder.length = i - holder.offset;
    }
    if (holder) holder.children?.push(node);
    else root = node;
    // Closers, commas and keys up to the start of the next value.
    for (;;) {
      i = skipWhitespace(text, i);
      const top = open[open.length - 1];
      if (!top) return root;
      const next = text.charCodeAt(i);
      if (next === 125 /* } */ || next === 93 /* ] */) {
        i++;
        top.length = i - top.offset;
        open.pop();
        if (top.parent?.type === 'property') top.parent.length = i - top.parent.offset;
        continue;
      }
      if (next === 44 /* , */) i = skipWhitespace(text, i + 1);
      if (top.type === 'array') { holder = top; break; }
      const property: JsonNode = { type: 'property', offset: i, length: 0, parent: top, children: [] };
      const key = readPrimitive(text, i, property);
      if (key.type !== 'string') return undefined;
      property.children?.push(key);
      top.children?.push(property);
      i = skipWhitespace(text, i + key.length);
      property.colonOffset = i;
      i = skipWhitespace(text, i + 1);
      holder = property;
      break;
    }
  }
}
