// Edit intents from the graph editor, applied to the file's JSON value. Pure: the host turns the new value into
// minimal text edits (format.ts) and one WorkspaceEdit. Fields the editor does not know are carried along untouched.
import type { JsonObject, JsonValue } from './format';
import { LAYOUT_MAX_NODES, layoutPositions, type NodeSize } from './layout';
import { FORMAT_VERSION, getOwn, readJsonText, setOwn, tooDeepMessage } from './reader';
import { LineIndex } from './source';
import { ID_PATTERN, MAX_ID_LENGTH, parseEndpoint } from './structure';
import { isNodeType, NODE_TYPES } from './nodeTypes';
import { initialParams } from './templates';
import type { GraphEdge, NodeType, Position } from './types';

export interface NodeMove { nodeId: string; position: Position }

export type EditIntent =
  | { kind: 'addNode'; nodeType: NodeType; position: Position; params?: JsonObject }
  | { kind: 'connect'; from: string; to: string }
  /** Quick-add: a new node wired from an existing output, as one edit (so one undo step). */
  | { kind: 'addConnected'; nodeType: NodeType; position: Position; params?: JsonObject; from: string; toPort: string }
  | { kind: 'disconnect'; from: string; to: string }
  | { kind: 'deleteElements'; nodeIds: string[]; edges: GraphEdge[] }
  | { kind: 'setParam'; nodeId: string; path: string[]; value?: JsonValue }
  | { kind: 'setDataset'; nodeId: string; dataset: JsonObject }
  | { kind: 'renameNode'; nodeId: string; newId: string }
  | { kind: 'moveNodes'; moves: NodeMove[] }
  | { kind: 'setTraining'; path: string[]; value?: JsonValue }
  | { kind: 'setName'; name: string }
  | { kind: 'paste'; nodes: JsonObject[]; edges: GraphEdge[]; offset: Position }
  | { kind: 'duplicate'; nodeIds: string[] }
  /** `nodeSizes`: each node as the editor draws it now (it grows with its problems), so the layout keeps them apart. */
  | { kind: 'autoLayout'; nodeSizes?: NodeSizeOf[] };

export interface NodeSizeOf extends NodeSize { nodeId: string }

export type EditResult = { ok: true; value: JsonObject; selectNodeIds?: string[] } | { ok: false; message: string };


function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** The file's nodes that are objects with a string id (others are left exactly where they are). */
function nodesOf(doc: JsonObject): JsonValue[] {
  return Array.isArray(doc.nodes) ? doc.nodes : [];
}

function edgesOf(doc: JsonObject): JsonValue[] {
  return Array.isArray(doc.edges) ? doc.edges : [];
}

function nodeIdOf(node: JsonValue): string | undefined {
  return isObject(node) && typeof node.id === 'string' ? node.id : undefined;
}

/** The node of an endpoint, by the one endpoint rule (`<nodeId>.<port>`, exactly one dot). */
function endpointNode(endpoint: JsonValue | undefined): string | undefined {
  return typeof endpoint === 'string' ? parseEndpoint(endpoint)?.nodeId : undefined;
}

function sameEdge(edge: JsonValue, from: string, to: string): boolean {
  return isObject(edge) && edge.from === from && edge.to === to;
}

/** A fresh id like Keras's layer names: `dense_1`, `dense_2`, … skipping the ones taken. */
export function freshNodeId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z_])/, '_$1') || 'node';
  for (let n = 1; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function idStem(node: JsonValue): string {
  if (!isObject(node)) return 'node';
  if (node.type === 'cross-entropy' || node.type === 'mse') return 'loss';
  return typeof node.type === 'string' ? node.type : 'node';
}

function withNodes(doc: JsonObject, nodes: JsonValue[]): JsonObject {
  return { ...doc, nodes };
}

/**
 * Sets (or with `undefined` removes) the value at `path` inside an object, copying only along the path. Path
 * segments are data: `__proto__` or `constructor` name own properties, never a prototype.
 */
function setAtPath(target: JsonObject, path: readonly string[], value: JsonValue | undefined): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const copy: JsonObject = { ...target };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else setOwn(copy, head, value);
    return copy;
  }
  const child = getOwn(copy, head);
  if (!isObject(child) && value === undefined) return copy;
  setOwn(copy, head, setAtPath(isObject(child) ? child : {}, rest, value));
  return copy;
}

function mapNode(doc: JsonObject, nodeId: string, change: (node: JsonObject) => JsonObject): EditResult {
  const nodes = nodesOf(doc);
  const index = nodes.findIndex((node) => nodeIdOf(node) === nodeId);
  if (index < 0) return { ok: false, message: `There is no node '${nodeId}' in this graph.` };
  const updated = [...nodes];
  updated[index] = change(nodes[index] as JsonObject);
  return { ok: true, value: withNodes(doc, updated) };
}

function addNode(doc: JsonObject, nodeType: NodeType, position: Position, params: JsonObject | undefined): EditResult {
  const taken = new Set(nodesOf(doc).map(nodeIdOf).filter((id): id is string => id !== undefined));
  const id = freshNodeId(nodeType === 'cross-entropy' || nodeType === 'mse' ? 'loss' : nodeType, taken);
  const node: JsonObject = { id, type: nodeType, position: roundPosition(position), params: params ?? initialParams(nodeType) };
  return { ok: true, value: { ...doc, nodes: [...nodesOf(doc), node], edges: edgesOf(doc) }, selectNodeIds: [id] };
}

function roundPosition(position: Position): JsonObject {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}

/** Connecting into an input port replaces whatever fed it: a port takes one incoming edge. */
function connect(doc: JsonObject, from: string, to: string): EditResult {
  const ids = new Set(nodesOf(doc).map(nodeIdOf));
  for (const endpoint of [from, to]) {
    const nodeId = endpointNode(endpoint);
    if (nodeId === undefined || !ids.has(nodeId)) return { ok: false, message: `There is no node for the endpoint '${endpoint}'.` };
  }
  if (endpointNode(from) === endpointNode(to)) return { ok: false, message: 'A node cannot feed itself.' };
  const kept = edgesOf(doc).filter((edge) => !(isObject(edge) && edge.to === to));
  return { ok: true, value: { ...doc, edges: [...kept, { from, to }] } };
}

/** Adds a node and wires `from` into its `toPort`; refused as a whole when either half is. */
function addConnected(doc: JsonObject, intent: Extract<EditIntent, { kind: 'addConnected' }>): EditResult {
  if (!isNodeType(intent.nodeType) || !NODE_TYPES[intent.nodeType].inputs.some((port) => port.name === intent.toPort)) {
    return { ok: false, message: `'${intent.toPort}' is not an input of a ${intent.nodeType} node.` };
  }
  const added = addNode(doc, intent.nodeType, intent.position, intent.params);
  if (!added.ok) return added;
  const newId = added.selectNodeIds?.[0] ?? '';
  const wired = connect(added.value, intent.from, `${newId}.${intent.toPort}`);
  return wired.ok ? { ...wired, selectNodeIds: [newId] } : wired;
}

function deleteElements(doc: JsonObject, nodeIds: readonly string[], edges: readonly GraphEdge[]): EditResult {
  const doomed = new Set(nodeIds);
  const nodes = nodesOf(doc).filter((node) => !doomed.has(nodeIdOf(node) ?? '\u0000'));
  const keptEdges = edgesOf(doc).filter((edge) => {
    if (!isObject(edge)) return true;
    if (edges.some((gone) => sameEdge(edge, gone.from, gone.to))) return false;
    return !doomed.has(endpointNode(edge.from) ?? '\u0000') && !doomed.has(endpointNode(edge.to) ?? '\u0000');
  });
  return { ok: true, value: { ...doc, nodes, edges: keptEdges } };
}

function renameNode(doc: JsonObject, nodeId: string, newId: string): EditResult {
  if (nodeId === newId) return { ok: true, value: doc };
  if (!ID_PATTERN.test(newId) || newId.length > MAX_ID_LENGTH) {
    return { ok: false, message: `'${newId}' is not a valid node id: use letters, digits, _ and -, starting with a letter or _ (at most ${MAX_ID_LENGTH}).` };
  }
  if (nodesOf(doc).some((node) => nodeIdOf(node) === newId)) return { ok: false, message: `A node named '${newId}' already exists.` };
  const renamed = mapNode(doc, nodeId, (node) => ({ ...node, id: newId }));
  if (!renamed.ok) return renamed;
  const rewrite = (endpoint: JsonValue | undefined): JsonValue | undefined =>
    typeof endpoint === 'string' && endpointNode(endpoint) === nodeId ? newId + endpoint.slice(nodeId.length) : endpoint;
  const edges = edgesOf(doc).map((edge) => {
    if (!isObject(edge)) return edge;
    const from = rewrite(edge.from);
    const to = rewrite(edge.to);
    return from === edge.from && to === edge.to ? edge : { ...edge, from: from ?? null, to: to ?? null };
  });
  return { ok: true, value: { ...renamed.value, edges }, selectNodeIds: [newId] };
}

function moveNodes(doc: JsonObject, moves: readonly NodeMove[]): EditResult {
  const byId = new Map(moves.map((move) => [move.nodeId, move.position]));
  const nodes = nodesOf(doc).map((node) => {
    const target = byId.get(nodeIdOf(node) ?? '\u0000');
    if (!target || !isObject(node)) return node;
    const rounded = roundPosition(target);
    const old = isObject(node.position) ? node.position : {};
    return { ...node, position: { ...old, ...rounded } };
  });
  return { ok: true, value: withNodes(doc, nodes) };
}

/**
 * Inserts copies of nodes (from the clipboard or a duplicate), renaming ids that collide and keeping only the edges
 * between the copies, moved by `offset`.
 */
function paste(doc: JsonObject, copies: readonly JsonObject[], edges: readonly GraphEdge[], offset: Position): EditResult {
  const taken = new Set(nodesOf(doc).map(nodeIdOf).filter((id): id is string => id !== undefined));
  const renames = new Map<string, string>();
  const added: JsonValue[] = [];
  for (const copy of copies) {
    const oldId = nodeIdOf(copy);
    if (oldId === undefined || renames.has(oldId)) continue;
    const newId = taken.has(oldId) ? freshNodeId(idStem(copy), taken) : oldId;
    taken.add(newId);
    renames.set(oldId, newId);
    const position = isObject(copy.position) ? copy.position : {};
    const x = typeof position.x === 'number' ? position.x : 0;
    const y = typeof position.y === 'number' ? position.y : 0;
    added.push({ ...copy, id: newId, position: { ...position, ...roundPosition({ x: x + offset.x, y: y + offset.y }) } });
  }
  const rename = (endpoint: string): string | undefined => {
    const nodeId = endpointNode(endpoint);
    const newId = nodeId === undefined ? undefined : renames.get(nodeId);
    return newId === undefined || nodeId === undefined ? undefined : newId + endpoint.slice(nodeId.length);
  };
  const addedEdges: JsonValue[] = [];
  for (const edge of edges) {
    const from = rename(edge.from);
    const to = rename(edge.to);
    if (from !== undefined && to !== undefined) addedEdges.push({ from, to });
  }
  return {
    ok: true,
    value: { ...doc, nodes: [...nodesOf(doc), ...added], edges: [...edgesOf(doc), ...addedEdges] },
    selectNodeIds: [...renames.values()],
  };
}

function duplicate(doc: JsonObject, nodeIds: readonly string[]): EditResult {
  const wanted = new Set(nodeIds);
  const copies = nodesOf(doc).filter((node): node is JsonObject => wanted.has(nodeIdOf(node) ?? '\u0000') && isObject(node));
  const edges: GraphEdge[] = [];
  for (const edge of edgesOf(doc)) {
    if (isObject(edge) && typeof edge.from === 'string' && typeof edge.to === 'string'
      && wanted.has(endpointNode(edge.from) ?? '\u0000') && wanted.has(endpointNode(edge.to) ?? '\u0000')) {
      edges.push({ from: edge.from, to: edge.to });
    }
  }
  return paste(doc, copies, edges, { x: 40, y: 40 });
}

function autoLayout(doc: JsonObject, nodeSizes: readonly NodeSizeOf[] = []): EditResult {
  const ids = nodesOf(doc).map(nodeIdOf).filter((id): id is string => id !== undefined);
  if (ids.length > LAYOUT_MAX_NODES) {
    return { ok: false, message: `Auto Layout arranges graphs of up to ${LAYOUT_MAX_NODES.toLocaleString('en-US')} nodes; ` +
      `this one has ${ids.length.toLocaleString('en-US')}. Lay it out in the text, or split the graph.` };
  }
  const links = edgesOf(doc).flatMap((edge) => {
    if (!isObject(edge)) return [];
    const source = endpointNode(edge.from);
    const target = endpointNode(edge.to);
    return source !== undefined && target !== undefined ? [{ source, target }] : [];
  });
  const sizes = new Map(nodeSizes.map(({ nodeId, width, height }) => [nodeId, { width, height }] as const));
  const positions = layoutPositions(ids, links, sizes);
  return moveNodes(doc, [...positions].map(([nodeId, position]) => ({ nodeId, position })));
}

/** Applies one intent; a refusal explains what is wrong instead of throwing. */
export function applyEdit(doc: JsonObject, intent: EditIntent): EditResult {
  switch (intent.kind) {
    case 'addNode': return addNode(doc, intent.nodeType, intent.position, intent.params);
    case 'connect': return connect(doc, intent.from, intent.to);
    case 'addConnected': return addConnected(doc, intent);
    case 'disconnect':
      return { ok: true, value: { ...doc, edges: edgesOf(doc).filter((edge) => !sameEdge(edge, intent.from, intent.to)) } };
    case 'deleteElements': return deleteElements(doc, intent.nodeIds, intent.edges);
    case 'setParam': {
      if (intent.path.length === 0) return { ok: false, message: 'setParam needs a parameter name.' };
      return mapNode(doc, intent.nodeId, (node) => {
        const params = isObject(node.params) ? node.params : {};
        return { ...node, params: setAtPath(params, intent.path, intent.value) };
      });
    }
    case 'setDataset':
      return mapNode(doc, intent.nodeId, (node) => ({ ...node, params: { ...(isObject(node.params) ? node.params : {}), dataset: intent.dataset } }));
    case 'renameNode': return renameNode(doc, intent.nodeId, intent.newId);
    case 'moveNodes': return moveNodes(doc, intent.moves);
    case 'setTraining': {
      if (intent.path.length === 0) return { ok: false, message: 'setTraining needs a field name.' };
      const training = isObject(doc.training) ? doc.training : {};
      return { ok: true, value: { ...doc, training: setAtPath(training, intent.path, intent.value) } };
    }
    case 'setName': return { ok: true, value: { ...doc, name: intent.name } };
    case 'paste': return paste(doc, intent.nodes, intent.edges, intent.offset);
    case 'duplicate': return duplicate(doc, intent.nodeIds);
    case 'autoLayout': return autoLayout(doc, intent.nodeSizes);
    default: return assertNever(intent);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

export type EditableRead = { ok: true; value: JsonObject } | { ok: false; reason: string };

/**
 * Whether the graph editor can show and edit a text: it must be JSON with `format: "nngraph"`, a version this program
 * knows, and node and edge lists. Anything else is shown as a message and never written to.
 */
export function readEditableGraph(text: string): EditableRead {
  const read = readJsonText(text);
  if (!read.ok) return { ok: false, reason: tooDeepMessage() };
  const firstError = read.errors[0];
  if (firstError || !read.root) {
    const at = firstError ? new LineIndex(text).position(firstError.offset) : undefined;
    const where = at ? ` at line ${at.line + 1}, column ${at.column + 1}` : '';
    return { ok: false, reason: `The file is not valid JSON (an error${where}; the Problems panel says more).` };
  }
  const value = read.value;
  if (!isObject(value)) return { ok: false, reason: 'The file does not hold a JSON object.' };
  const doc = value;
  if (doc.format !== 'nngraph') return { ok: false, reason: `The field "format" must be "nngraph", found ${JSON.stringify(doc.format ?? null)}.` };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    return { ok: false, reason: `The field "version" must be a whole number ≥ 1, found ${JSON.stringify(doc.version ?? null)}.` };
  }
  if (doc.version > FORMAT_VERSION) {
    return { ok: false, reason: `The file is format version ${doc.version}, newer than this program understands (version ${FORMAT_VERSION}). Update NN Graph to edit it.` };
  }
  for (const key of ['nodes', 'edges'] as const) {
    if (doc[key] !== undefined && !Array.isArray(doc[key])) return { ok: false, reason: `The field "${key}" must be a list.` };
  }
  return { ok: true, value: doc };
}
