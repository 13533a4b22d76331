// The semantic diff of two .nngraph files: what changed in the network, not in the text. Key order, the order of
// nodes and edges, defaults written out or left out, and renamed ids are not changes to the network; positions are
// reported apart (a layout change is not a model change). Pure: shared by the command line and the extension.
import { matchNodes, type NodePair } from './diffMatch';
import { effectiveParams, effectiveTraining, mapChanges, valueChanges, type ValueChange } from './diffValues';
import type { JsonValue } from './format';
import { parseGraphFile } from './parse';
import { parseEndpoint } from './structure';
import { makeDiagnostic, quote } from './diagnostics';
import type { Diagnostic, GraphDocument, GraphNode, NodeType, Position } from './types';

export type { NodePair } from './diffMatch';
export { formatDiffValue, formatValueChange, type ValueChange } from './diffValues';

export interface DiffNode { id: string; type: NodeType; params: Record<string, unknown> }

export interface ChangedNode {
  beforeId: string;
  afterId: string;
  /** The new type; `changes` holds a `type` entry when it changed. */
  type: NodeType;
  /** `type`, then parameters by name (`units`, `dataset.builtin`), then unknown fields of the node (`extra.<key>`). */
  changes: ValueChange[];
}

export interface MovedNode { beforeId: string; afterId: string; before: Position; after: Position }

/** An edge as `<nodeId>.<port>` text: an added edge in the new file's ids, a removed one in the old file's. */
export interface DiffEdge { from: string; to: string }

export interface GraphDiff {
  /** Every pair of nodes taken to be the same node (renamed or not). */
  matched: NodePair[];
  /** Matched pairs whose id differs: not a change to the network. */
  renamed: NodePair[];
  added: DiffNode[];
  removed: DiffNode[];
  changed: ChangedNode[];
  /** Matched nodes whose position changed. */
  moved: MovedNode[];
  addedEdges: DiffEdge[];
  removedEdges: DiffEdge[];
  /** The training section, defaults filled in: `epochs`, `optimizer.learningRate`. */
  training: ValueChange[];
  /** Top-level fields besides nodes, edges and training: `name`, `version`, unknown ones. */
  document: ValueChange[];
  /** Whether the files differ as networks (anything above but renames and moves). */
  networkDiffers: boolean;
  /** Whether any matched node moved. */
  positionsDiffer: boolean;
}

export type GraphDiffResult =
  | { ok: true; diff: GraphDiff; before: GraphDocument; after: GraphDocument }
  | { ok: false; side: 'before' | 'after'; diagnostics: Diagnostic[] };

/** The semantic diff of two graphs that were read without errors. */
export function diffGraphs(before: GraphDocument, after: GraphDocument): GraphDiff {
  const matched = matchNodes(before, after);
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const matchedBefore = new Set(matched.map((pair) => pair.beforeId));
  const matchedAfter = new Set(matched.map((pair) => pair.afterId));
  const changed: ChangedNode[] = [];
  const moved: MovedNode[] = [];
  for (const pair of matched) {
    const oldNode = beforeNodes.get(pair.beforeId);
    const newNode = afterNodes.get(pair.afterId);
    if (!oldNode || !newNode) continue;
    const changes = nodeChanges(oldNode, newNode);
    if (changes.length > 0) changed.push({ ...pair, type: newNode.type, changes });
    if (oldNode.position.x !== newNode.position.x || oldNode.position.y !== newNode.position.y) {
      moved.push({ ...pair, before: { ...oldNode.position }, after: { ...newNode.position } });
    }
  }
  const describe = (node: GraphNode): DiffNode => ({ id: node.id, type: node.type, params: node.params });
  const { addedEdges, removedEdges } = edgeChanges(before, after, new Map(matched.map((pair) => [pair.beforeId, pair.afterId])));
  const training = mapChanges(effectiveTraining(before.training), effectiveTraining(after.training));
  const document = documentChanges(before, after);
  const diff: GraphDiff = {
    matched,
    renamed: matched.filter((pair) => pair.beforeId !== pair.afterId),
    added: after.nodes.filter((node) => !matchedAfter.has(node.id)).map(describe),
    removed: before.nodes.filter((node) => !matchedBefore.has(node.id)).map(describe),
    changed, moved, addedEdges, removedEdges, training, document,
    networkDiffers: false,
    positionsDiffer: moved.length > 0,
  };
  diff.networkDiffers = diff.added.length + diff.removed.length + changed.length + addedEdges.length +
    removedEdges.length + training.length + document.length > 0;
  return diff;
}

function nodeChanges(oldNode: GraphNode, newNode: GraphNode): ValueChange[] {
  const changes: ValueChange[] = [];
  if (oldNode.type !== newNode.type) changes.push({ path: 'type', before: oldNode.type, after: newNode.type });
  changes.push(...mapChanges(effectiveParams(oldNode.type, oldNode.params), effectiveParams(newNode.type, newNode.params)));
  valueChanges(extraOf(oldNode.extra), extraOf(newNode.extra), 'extra', changes);
  return changes;
}

function extraOf(extra: Record<string, unknown> | undefined): JsonValue {
  return (extra ?? {}) as JsonValue;
}

/** Edges compared through the node matching: an old edge is kept when its renamed endpoints are a new edge. */
function edgeChanges(before: GraphDocument, after: GraphDocument, beforeToAfter: ReadonlyMap<string, string>): { addedEdges: DiffEdge[]; removedEdges: DiffEdge[] } {
  const translate = (text: string): string => {
    const endpoint = parseEndpoint(text);
    const afterId = endpoint ? beforeToAfter.get(endpoint.nodeId) : undefined;
    // An endpoint on a removed node keeps a name no new node has (ids hold no spaces), so it never equals a new edge.
    return endpoint && afterId !== undefined ? `${afterId}.${endpoint.port}` : `removed ${text}`;
  };
  const key = (from: string, to: string): string => `${from} -> ${to}`;
  const remaining = new Map<string, number>();
  for (const edge of after.edges) remaining.set(key(edge.from, edge.to), (remaining.get(key(edge.from, edge.to)) ?? 0) + 1);
  const removedEdges: DiffEdge[] = [];
  for (const edge of before.edges) {
    const translated = key(translate(edge.from), translate(edge.to));
    const count = remaining.get(translated) ?? 0;
    if (count > 0) remaining.set(translated, count - 1);
    else removedEdges.push({ from: edge.from, to: edge.to });
  }
  const addedEdges: DiffEdge[] = [];
  for (const edge of after.edges) {
    const edgeKey = key(edge.from, edge.to);
    const count = remaining.get(edgeKey) ?? 0;
    if (count === 0) continue;
    remaining.set(edgeKey, count - 1);
    addedEdges.push({ from: edge.from, to: edge.to });
  }
  return { addedEdges, removedEdges };
}

function documentChanges(before: GraphDocument, after: GraphDocument): ValueChange[] {
  const fields = (graph: GraphDocument): Map<string, JsonValue> => {
    const result = new Map<string, JsonValue>([['version', graph.version]]);
    if (graph.name !== undefined) result.set('name', graph.name);
    const extra = graph.extra ?? {};
    for (const key of Object.keys(extra)) result.set(key, extra[key] as JsonValue);
    return result;
  };
  return mapChanges(fields(before), fields(after));
}

/**
 * Reads both texts and diffs them. A text that cannot be read as a graph (JSON syntax, the file's structure, two
 * nodes with one id) gives its errors instead, with the side they are on, so the caller can name the file.
 */
export function diffGraphTexts(beforeText: string, afterText: string): GraphDiffResult {
  const before = readForDiff(beforeText);
  if (!before.graph) return { ok: false, side: 'before', diagnostics: before.errors };
  const after = readForDiff(afterText);
  if (!after.graph) return { ok: false, side: 'after', diagnostics: after.errors };
  return { ok: true, diff: diffGraphs(before.graph, after.graph), before: before.graph, after: after.graph };
}

function readForDiff(text: string): { graph?: GraphDocument; errors: Diagnostic[] } {
  const parsed = parseGraphFile(text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.graph || errors.length > 0) {
    return { errors: errors.length > 0 ? errors : parsed.diagnostics };
  }
  const seen = new Set<string>();
  parsed.graph.nodes.forEach((node, index) => {
    if (seen.has(node.id)) {
      const range = parsed.locator.value([...(parsed.nodePaths[index] ?? ['nodes', index]), 'id']);
      errors.push(makeDiagnostic('NG015', `Two nodes have the id ${quote(node.id)}; a diff needs each id once.`, range, { nodeId: node.id, field: 'id' }));
    }
    seen.add(node.id);
  });
  return errors.length > 0 ? { errors } : { graph: parsed.graph, errors: [] };
}
