// The parse tree (what jsonc-parser's parseTree gives: every value with its offset and length, object properties
// with their keys) of a text that JSON.parse has already accepted. jsonc-parser takes ~200 ms per MB, about thirty
// times JSON.parse, because it is built for broken text; valid text needs no error recovery. A whole tree also
// holds ~27 bytes per byte of text (137 MB for a 5 MB file), and most of it is never looked at: the checks want the
// ranges of the few values they report on, the minimal-edit writer only the containers that changed. So each
// container reads its children from the text the first time they are asked for, and skips over nested containers
// without building them. Broken text still goes to jsonc-parser for its error messages.
import type { Node as JsonNode, NodeType } from 'jsonc-parser';

function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) i++;
    else return i;
  }
}

/** The offset just after the closing quote of the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i += 2;
    else if (c === 34 /* " */) return i + 1;
    else i++;
  }
  return text.length; // unreachable for valid JSON; ends the scan rather than loop
}

/** The offset just after the `}` or `]` that closes the container opening at `start` (strings may hold brackets). */
function endOfContainer(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) { i = endOfString(text, i); continue; }
    if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

/** A string, number, boolean or null starting at `start`. */
function readPrimitive(text: string, start: number): JsonNode {
  const ch = text.charCodeAt(start);
  if (ch === 34 /* " */) {
    const end = endOfString(text, start);
    const raw = text.slice(start + 1, end - 1);
    const value = raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
    return { type: 'string', offset: start, length: end - start, value };
  }
  if (ch === 116 /* t */) return { type: 'boolean', offset: start, length: 4, value: true };
  if (ch === 102 /* f */) return { type: 'boolean', offset: start, length: 5, value: false };
  if (ch === 110 /* n */) return { type: 'null', offset: start, length: 4, value: null };
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    // - + . digits e E
    if (c === 45 || c === 43 || c === 46 || (c >= 48 && c <= 57) || c === 101 || c === 69) i++;
    else break;
  }
  return { type: 'number', offset: start, length: i - start, value: Number(text.slice(start, i)) };
}

/** An object or array whose children are read from the text on first use, then kept. */
class LazyContainer implements JsonNode {
  private read: JsonNode[] | undefined;

  constructor(private readonly text: string, readonly type: NodeType, readonly offset: number, readonly length: number) {}

  get children(): JsonNode[] {
    this.read ??= readChildren(this.text, this);
    return this.read;
  }
}

function readValue(text: string, start: number): JsonNode {
  const ch = text.charCodeAt(start);
  if (ch === 123 || ch === 91) return new LazyContainer(text, ch === 123 ? 'object' : 'array', start, endOfContainer(text, start) - start);
  return readPrimitive(text, start);
}

/** The direct children of a container: values for an array, properties (key, then value) for an object. */
function readChildren(text: string, container: JsonNode): JsonNode[] {
  const children: JsonNode[] = [];
  let i = skipWhitespace(text, container.offset + 1);
  const close = container.offset + container.length - 1;
  while (i < close) {
    const from = i;
    if (container.type === 'array') {
      const value = readValue(text, i);
      children.push(value);
      i = value.offset + value.length;
    } else {
      const key = readPrimitive(text, i);
      const colonOffset = skipWhitespace(text, i + key.length);
      const value = readValue(text, skipWhitespace(text, colonOffset + 1));
      const end = value.offset + value.length;
      children.push({ type: 'property', offset: key.offset, length: end - key.offset, colonOffset, children: [key, value] });
      i = end;
    }
    i = skipWhitespace(text, i);
    if (text.charCodeAt(i) === 44 /* , */) i = skipWhitespace(text, i + 1);
    if (i <= from) break; // unreachable for valid JSON; never loop on anything else
  }
  return children;
}

/** The tree of `text`, which must be valid JSON (JSON.parse accepted it); undefined for anything else. */
export function treeOfValidJson(text: string): JsonNode | undefined {
  const start = skipWhitespace(text, 0);
  return start < text.length ? readValue(text, start) : undefined;
}
