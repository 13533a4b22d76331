// Text -> GraphDocument, with every problem of the text itself (JSON syntax, comments, trailing commas, duplicate
// keys, the file's structure and field types) as a diagnostic with an exact range. Never throws.
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { checkUnknownKeys, isRecord, Reporter, sentence, wrongType, type ValueSite } from './checks';
import { INTERNAL_ERROR_CODE, makeDiagnostic, quote } from './diagnostics';
import { isNodeType, NODE_TYPE_NAMES } from './nodeTypes';
import { FORMAT_VERSION, readJsonText, setOwn, tooDeepMessage } from './reader';
import { LineIndex, TreeLocator, nullLocator, type JsonPath, type Locator } from './source';
import type { Diagnostic, GraphDocument, GraphEdge, GraphNode, Position } from './types';

export { FORMAT_VERSION };

export const TOP_LEVEL_FIELDS = ['format', 'version', 'name', 'nodes', 'edges', 'training'] as const;
export const NODE_FIELDS = ['id', 'type', 'position', 'params'] as const;
export const EDGE_FIELDS = ['from', 'to'] as const;

/** A parsed file with what validation needs beyond the graph: where each node and edge is in the text. */
export interface ParsedFile {
  graph?: GraphDocument;
  diagnostics: Diagnostic[];
  locator: Locator;
  /** The JSON path of each graph node / edge (unreadable ones are left out of the graph, so indices differ). */
  nodePaths: JsonPath[];
  edgePaths: JsonPath[];
  /** Ids of nodes left out because their type or fields could not be read; edges to them are not reported again. */
  unreadableNodeIds: Set<string>;
}

export function parseGraph(text: string): { graph?: GraphDocument; diagnostics: Diagnostic[] } {
  const parsed = parseGraphFile(text);
  return parsed.graph ? { graph: parsed.graph, diagnostics: parsed.diagnostics } : { diagnostics: parsed.diagnostics };
}

export function parseGraphFile(text: string): ParsedFile {
  try {
    return parseUnsafe(typeof text === 'string' ? text : '');
  } catch (error) {
    // Deep nesting is refused by the reader before anything recurses, so this is a bug, shown rather than thrown.
    const lines = new LineIndex(typeof text === 'string' ? text : '');
    const diagnostic = makeDiagnostic(INTERNAL_ERROR_CODE, `NN Graph could not read this file (an internal error; please report it): ${String(error)}`, lines.range(0, 0));
    return { diagnostics: [diagnostic], locator: nullLocator, nodePaths: [], edgePaths: [], unreadableNodeIds: new Set() };
  }
}

function parseUnsafe(text: string): ParsedFile {
  const lines = new LineIndex(text);
  const read = readJsonText(text);
  if (!read.ok) {
    const at = read.tooDeep.offset;
    const diagnostic = makeDiagnostic('NG050', tooDeepMessage(), lines.range(at, at + 1));
    return { diagnostics: [diagnostic], locator: nullLocator, nodePaths: [], edgePaths: [], unreadableNodeIds: new Set() };
  }
  const { root, errors } = read;
  const locator = new TreeLocator(root, lines);
  const result: ParsedFile = { diagnostics: syntaxDiagnostics(text, errors, lines), locator, nodePaths: [], edgePaths: [], unreadableNodeIds: new Set() };
  if (!root || result.diagnostics.some((d) => d.code === 'NG001')) return result;
  const reporter = new Reporter(locator);
  if (root.type !== 'object') {
    reporter.report('NG004', `A .nngraph file holds one JSON object ({ "format": "nngraph", … }), not ${describeNodeType(root)}.`, []);
    result.diagnostics.push(...reporter.diagnostics);
    return result;
  }
  const file = read.value as Record<string, unknown>;
  const version = file.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    reporter.report('NG007', `This file is format version ${version}; this NN Graph reads version ${FORMAT_VERSION} only. ` +
      'Update the NN Graph extension to open it; the file is left unchanged.', ['version']);
    // Only this: a newer format may allow what version 1 reports (comments, new fields).
    return { ...result, diagnostics: reporter.diagnostics };
  }
  if (read.mayHaveDuplicateKeys) reportDuplicateKeys(root, lines, reporter.diagnostics);
  const openBrace = lines.range(root.offset, root.offset + 1);
  result.graph = readDocument(file, reporter, openBrace, result);
  result.diagnostics.push(...reporter.diagnostics);
  return result;
}

// jsonc-parser's ParseErrorCode is an ambient const enum, which isolatedModules cannot read; these are its values.
const ParseErrorCode = {
  InvalidSymbol: 1, InvalidNumberFormat: 2, PropertyNameExpected: 3, ValueExpected: 4, ColonExpected: 5,
  CommaExpected: 6, CloseBraceExpected: 7, CloseBracketExpected: 8, EndOfFileExpected: 9, InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11, UnexpectedEndOfString: 12, UnexpectedEndOfNumber: 13, InvalidUnicode: 14,
  InvalidEscapeCharacter: 15, InvalidCharacter: 16,
} as const;

const syntaxMessages: Partial<Record<number, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character.',
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number.',
  [ParseErrorCode.PropertyNameExpected]: 'Expected a property name in double quotes.',
  [ParseErrorCode.ValueExpected]: 'Expected a value.',
  [ParseErrorCode.ColonExpected]: 'Expected a colon (:) after the property name.',
  [ParseErrorCode.CommaExpected]: 'Expected a comma (,).',
  [ParseErrorCode.CloseBraceExpected]: 'Expected a closing brace (}).',
  [ParseErrorCode.CloseBracketExpected]: 'Expected a closing bracket (]).',
  [ParseErrorCode.EndOfFileExpected]: 'Expected the end of the file after the closing brace.',
  [ParseErrorCode.UnexpectedEndOfString]: 'The string is not closed (missing ").',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'The number is incomplete.',
  [ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape in a string.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character in a string.',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in a string (control characters must be escaped).',
};

function syntaxDiagnostics(text: string, errors: readonly ParseError[], lines: LineIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const trailingCommas = new Set<number>();
  for (const error of errors) {
    const { offset, length } = error;
    if (error.error === ParseErrorCode.InvalidCommentToken || error.error === ParseErrorCode.UnexpectedEndOfComment) {
      diagnostics.push(makeDiagnostic('NG002', 'Comments are not allowed in a .nngraph file (it is plain JSON); ' +
        'put notes in the "name" field instead.', lines.range(offset, offset + length)));
      continue;
    }
    const comma = trailingCommaBefore(text, offset, error.error);
    if (comma !== undefined) {
      if (!trailingCommas.has(comma)) {
        trailingCommas.add(comma);
        diagnostics.push(makeDiagnostic('NG003', 'Trailing comma: JSON allows no comma before a closing } or ].', lines.range(comma, comma + 1)));
      }
      continue;
    }
    if (offset >= text.length && text.trim().length === 0) {
      diagnostics.push(makeDiagnostic('NG001', 'The file is empty; a .nngraph file holds one JSON object.', lines.range(0, 0)));
      continue;
    }
    const message = syntaxMessages[error.error] ?? 'Invalid JSON.';
    diagnostics.push(makeDiagnostic('NG001', `JSON syntax error: ${message}`, lines.range(offset, offset + length)));
  }
  return diagnostics;
}

/** The offset of the comma when an error at `offset` is a `}`/`]` right after a comma (skipping whitespace). */
function trailingCommaBefore(text: string, offset: number, code: number): number | undefined {
  if (code !== ParseErrorCode.PropertyNameExpected && code !== ParseErrorCode.ValueExpected) return undefined;
  const closing = text[offset];
  if (closing !== '}' && closing !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

function reportDuplicateKeys(node: JsonNode, lines: LineIndex, out: Diagnostic[]): void {
  const stack: JsonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as JsonNode;
    if (current.type === 'object') {
      // One Set per object keeps this linear in the keys of an object (100k keys in one object read in milliseconds).
      const seen = new Set<string>();
      for (const property of current.children ?? []) {
        const keyNode = property.children?.[0];
        if (keyNode && typeof keyNode.value === 'string') {
          if (seen.has(keyNode.value)) {
            out.push(makeDiagnostic('NG040', `The key ${quote(keyNode.value)} appears more than once in this object; ` +
              'only the last one counts. Remove the others.', lines.range(keyNode.offset, keyNode.offset + keyNode.length)));
          }
          seen.add(keyNode.value);
        }
      }
    }
    for (const child of current.children ?? []) stack.push(child);
  }
}

function describeNodeType(node: JsonNode): string {
  return node.type === 'array' ? 'an array' : `a ${node.type}`;
}

function readDocument(file: Record<string, unknown>, reporter: Reporter, openBrace: Diagnostic['range'], result: ParsedFile): GraphDocument {
  const missingAtTop = (code: string, message: string, field: string): void => {
    reporter.diagnostics.push(makeDiagnostic(code, message, openBrace, { field }));
  };
  if (file.format === undefined) missingAtTop('NG005', 'The file has no "format" field; add "format": "nngraph".', 'format');
  else if (file.format !== 'nngraph') {
    reporter.report('NG005', `"format" is ${quote(file.format)}; a .nngraph file has "format": "nngraph".`, ['format'], { field: 'format' });
  }
  if (file.version === undefined) missingAtTop('NG006', 'The file has no "version" field; add "version": 1.', 'version');
  else if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
    reporter.report('NG006', `"version" is ${quote(file.version)}; it must be a whole number ≥ 1 (this NN Graph writes 1).`,
      ['version'], { field: 'version' });
  }
  checkUnknownKeys(reporter, file, TOP_LEVEL_FIELDS, [], {}, 'the file');
  const graph: GraphDocument = { format: 'nngraph', version: FORMAT_VERSION, nodes: [], edges: [], training: {} };
  if (typeof file.version === 'number' && Number.isInteger(file.version) && file.version >= 1) graph.version = file.version;
  if (file.name !== undefined) {
    if (typeof file.name === 'string') graph.name = file.name;
    else wrongType(reporter, { path: ['name'], place: { field: 'name' }, label: '"name"' }, 'a string', file.name);
  }
  const extra = unknownFields(file, TOP_LEVEL_FIELDS);
  if (extra) graph.extra = extra;
  for (const list of ['nodes', 'edges'] as const) {
    const value = file[list];
    if (value === undefined) missingAtTop('NG009', `The file has no "${list}" array; add "${list}": [].`, list);
    else if (!Array.isArray(value)) wrongType(reporter, { path: [list], place: { field: list }, label: `"${list}"` }, 'an array', value);
    else if (list === 'nodes') value.forEach((node: unknown, index) => readNode(node, index, reporter, graph, result));
    else value.forEach((edge: unknown, index) => readEdge(edge, index, reporter, graph, result));
  }
  if (file.training !== undefined) {
    if (isRecord(file.training)) graph.training = file.training;
    else wrongType(reporter, { path: ['training'], place: { field: 'training' }, label: '"training"' }, 'an object', file.training);
  }
  return graph;
}

function unknownFields(record: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | undefined {
  // Made only when there is one: most nodes and edges of a file have none.
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    extra ??= {};
    setOwn(extra, key, record[key]);
  }
  return extra;
}

function readNode(value: unknown, index: number, reporter: Reporter, graph: GraphDocument, result: ParsedFile): void {
  const path: JsonPath = ['nodes', index];
  const nodeLabel = `entry ${index} of "nodes"`;
  if (!isRecord(value)) {
    wrongType(reporter, { path, place: {}, label: nodeLabel }, 'a node object { "id", "type", "params" }', value);
    return;
  }
  const id = value.id;
  const idText = typeof id === 'string' ? id : undefined;
  const place = idText !== undefined ? { nodeId: idText } : {};
  let readable = true;
  if (id === undefined) {
    reporter.report('NG009', `${sentence(nodeLabel)} has no "id".`, path, { field: 'id' });
    readable = false;
  } else if (typeof id !== 'string') {
    wrongType(reporter, { path: [...path, 'id'], place: { field: 'id' }, label: `The id of ${nodeLabel}` }, 'a string', id);
    readable = false;
  }
  const type = value.type;
  // How the node is named in a message, built only for one: a file's nodes are read on every change.
  const whoInText = (): string => (idText !== undefined ? `node ${quote(idText)}` : nodeLabel);
  const who = (): string => sentence(whoInText());
  if (type === undefined) {
    reporter.report('NG009', `${who()} has no "type"; use one of ${NODE_TYPE_NAMES.join(', ')}.`, path, { ...place, field: 'type' });
    readable = false;
  } else if (typeof type !== 'string') {
    wrongType(reporter, { path: [...path, 'type'], place: { ...place, field: 'type' }, label: `The type of ${whoInText()}` }, 'a string', type);
    readable = false;
  } else if (!isNodeType(type)) {
    reporter.report('NG013', `${who()} has unknown type ${quote(type)}; known types: ${NODE_TYPE_NAMES.join(', ')}.`,
      [...path, 'type'], { ...place, field: 'type' });
    readable = false;
  }
  // The unknown fields are kept on the node; only when there are some is there anything to report.
  const extra = unknownFields(value, NODE_FIELDS);
  if (extra) checkUnknownKeys(reporter, value, NODE_FIELDS, path, place, whoInText);
  const position = readPosition(value.position, () => ({ path: [...path, 'position'], place: { ...place, field: 'position' }, label: `The position of ${whoInText()}` }), reporter);
  let params: Record<string, unknown> = {};
  if (value.params !== undefined) {
    if (isRecord(value.params)) params = value.params;
    else wrongType(reporter, { path: [...path, 'params'], place: { ...place, field: 'params' }, label: `The params of ${whoInText()}` }, 'an object', value.params);
  }
  if (!readable || idText === undefined || !isNodeType(type)) {
    if (idText !== undefined) result.unreadableNodeIds.add(idText);
    return;
  }
  const node: GraphNode = { id: idText, type, position, params };
  if (extra) node.extra = extra;
  graph.nodes.push(node);
  result.nodePaths.push(path);
}

/** A node's position; `site` is built only to report a problem. */
function readPosition(value: unknown, site: () => ValueSite, reporter: Reporter): Position {
  if (value === undefined) return { x: 0, y: 0 };
  if (!isRecord(value) || typeof value.x !== 'number' || typeof value.y !== 'number' ||
      !Number.isFinite(value.x) || !Number.isFinite(value.y)) {
    wrongType(reporter, site(), 'an object { "x": number, "y": number }', value);
    return { x: 0, y: 0 };
  }
  const keys = Object.keys(value);
  if (keys.length !== 2) {
    const { path, place } = site();
    checkUnknownKeys(reporter, value, ['x', 'y'], path, place, 'a position');
  }
  return { x: value.x, y: value.y };
}

function readEdge(value: unknown, index: number, reporter: Reporter, graph: GraphDocument, result: ParsedFile): void {
  const path: JsonPath = ['edges', index];
  // Named in a message only when there is one to give.
  const label = (): string => `entry ${index} of "edges"`;
  if (!isRecord(value)) {
    wrongType(reporter, { path, place: {}, label: label() }, 'an edge object { "from": "node.port", "to": "node.port" }', value);
    return;
  }
  const extra = unknownFields(value, EDGE_FIELDS);
  if (extra) checkUnknownKeys(reporter, value, EDGE_FIELDS, path, {}, label);
  let readable = true;
  for (const end of EDGE_FIELDS) {
    const endpoint = value[end];
    if (endpoint === undefined) {
      reporter.report('NG009', `${sentence(label())} has no "${end}"; give it as "<nodeId>.<port>".`, path, { field: `edges[${index}].${end}` });
      readable = false;
    } else if (typeof endpoint !== 'string') {
      wrongType(reporter, { path: [...path, end], place: { field: `edges[${index}].${end}` }, label: `"${end}" of ${label()}` },
        'a string "<nodeId>.<port>"', endpoint);
      readable = false;
    }
  }
  if (!readable) return;
  const edge: GraphEdge = { from: value.from as string, to: value.to as string };
  if (extra) edge.extra = extra;
  graph.edges.push(edge);
  result.edgePaths.push(path);
}
