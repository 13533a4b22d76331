// The graph's wiring: ids, edge endpoints and ports, one edge per input port, one input and one loss node, labels
// going only to the loss, no cycles, and every node on the path from the input's features to the loss.
import type { Reporter } from './checks';
import { quote } from './diagnostics';
import { isLossType, NODE_TYPES } from './nodeTypes';
import type { JsonPath } from './source';
import type { GraphDocument, GraphNode } from './types';
import { numberWiring, reachedFrom, topologicalOrder, type NumberedWiring } from './wiring';

export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const MAX_ID_LENGTH = 64;

export interface Endpoint { nodeId: string; port: string }

/**
 * A checked edge: both ends exist and have the right direction. `fromNumber` and `toNumber` are the node numbers of
 * its ends (see wiring.ts), found while the edge is checked, so later passes need no lookup by id.
 */
export interface Wire { from: Endpoint; to: Endpoint; edgeIndex: number; fromNumber: number; toNumber: number }

export interface GraphStructure {
  /** The first node with each id. */
  nodesById: Map<string, GraphNode>;
  /** The JSON path of each node in `nodesById`. */
  nodePathById: Map<string, JsonPath>;
  /** nodeId → input port → the wire into it. Built on first use from `wiring` (the checks use wireInto). */
  incoming: Map<string, Map<string, Wire>>;
  /** nodeId → wires out of it. Built on first use from `wiring` (the checks use wiresOutOf). */
  outgoing: Map<string, Wire[]>;
  inputNode?: GraphNode;
  lossNode?: GraphNode;
  /** Node ids in a topological order (file order where free); nodes on a cycle are left out. */
  order: string[];
  /** The same order by node number (see wiring.ts). */
  orderNumbers: number[];
  hasCycle: boolean;
  /** The same wires by node number, for passes over every node (see wiring.ts). */
  wiring: NumberedWiring;
}

export interface StructureInput {
  graph: GraphDocument;
  nodePaths: readonly JsonPath[];
  edgePaths: readonly JsonPath[];
  unreadableNodeIds: ReadonlySet<string>;
  /** False when the file's `nodes` is missing or not an array (already reported), so counting nodes says nothing. */
  nodeListReadable?: boolean;
}

/**
 * The structure while its nodes and wires are being checked: nodes are numbered as their ids are checked (the first
 * node with each id, in file order), and the wires are kept in the file's order.
 */
interface UnnumberedStructure {
  nodesById: Map<string, GraphNode>;
  nodePathById: Map<string, JsonPath>;
  inputNode?: GraphNode;
  lossNode?: GraphNode;
  numbered: GraphNode[];
  numberOf: Map<string, number>;
  wires: Wire[];
  /** The wire into each input port, keyed by the edge's `to` text (`node.port`), to find a second edge into it. */
  wireByTarget: Map<string, Wire>;
}

export function checkStructure(reporter: Reporter, input: StructureInput): GraphStructure {
  const checked: UnnumberedStructure = {
    nodesById: new Map(), nodePathById: new Map(), numbered: [], numberOf: new Map(), wires: [], wireByTarget: new Map(),
  };
  checkIds(reporter, input, checked);
  checkEdges(reporter, input, checked);
  if (input.nodeListReadable !== false) checkNodeCounts(reporter, checked);
  const wiring = numberWiring(checked.numbered, checked.numberOf, checked.wires);
  const structure = withLazyMaps({
    nodesById: checked.nodesById, nodePathById: checked.nodePathById, inputNode: checked.inputNode, lossNode: checked.lossNode,
    order: [], orderNumbers: [], hasCycle: false, wiring,
  });
  checkLabelsWiring(reporter, input, structure);
  orderNodes(reporter, input, structure, wiring);
  const unconnected = checkUnconnectedInputs(reporter, structure);
  if (!structure.hasCycle) checkOnPath(reporter, structure, wiring, unconnected);
  return structure;
}

/**
 * The structure with `incoming` and `outgoing` built from the wiring when first read (by the compiler): a Map per
 * node would be most of what a check of a large file allocates, and the checks find wires by number instead.
 */
function withLazyMaps(structure: Omit<GraphStructure, 'incoming' | 'outgoing'>): GraphStructure {
  let incoming: Map<string, Map<string, Wire>> | undefined;
  let outgoing: Map<string, Wire[]> | undefined;
  const { wiring } = structure;
  // defineProperties, not Object.assign: assign would read the getters, building both maps at once.
  return Object.defineProperties(structure, {
    incoming: {
      enumerable: true,
      get(): Map<string, Map<string, Wire>> {
        if (!incoming) {
          incoming = new Map();
          for (const wire of wiring.inWires) {
            let ports = incoming.get(wire.to.nodeId);
            if (!ports) incoming.set(wire.to.nodeId, (ports = new Map()));
            ports.set(wire.to.port, wire);
          }
        }
        return incoming;
      },
    },
    outgoing: {
      enumerable: true,
      get(): Map<string, Wire[]> {
        if (!outgoing) {
          const built = new Map<string, Wire[]>();
          wiring.nodes.forEach((node, n) => {
            if (wiring.outStart[n + 1] > wiring.outStart[n]) built.set(node.id, wiring.outWires.slice(wiring.outStart[n], wiring.outStart[n + 1]));
          });
          outgoing = built;
        }
        return outgoing;
      },
    },
  }) as GraphStructure;
}

/** The wire into `port` of node `nodeId`, if any. */
export function wireInto(structure: Pick<GraphStructure, 'wiring'>, nodeId: string, port: string): Wire | undefined {
  const { wiring } = structure;
  const n = wiring.numberOf.get(nodeId);
  if (n === undefined) return undefined;
  for (let k = wiring.inStart[n]; k < wiring.inStart[n + 1]; k++) if (wiring.inWires[k].to.port === port) return wiring.inWires[k];
  return undefined;
}

/** The wires out of node `nodeId`, in the file's order. */
export function wiresOutOf(structure: Pick<GraphStructure, 'wiring'>, nodeId: string): Wire[] {
  const { wiring } = structure;
  const n = wiring.numberOf.get(nodeId);
  return n === undefined ? [] : wiring.outWires.slice(wiring.outStart[n], wiring.outStart[n + 1]);
}

function checkIds(reporter: Reporter, input: StructureInput, structure: UnnumberedStructure): void {
  input.graph.nodes.forEach((node, index) => {
    const path = input.nodePaths[index] ?? ['nodes', index];
    const place = { nodeId: node.id, field: 'id' };
    if (!ID_PATTERN.test(node.id) || node.id.length > MAX_ID_LENGTH) {
      const why = node.id.length > MAX_ID_LENGTH
        ? `is ${node.id.length} characters long; at most ${MAX_ID_LENGTH} are allowed`
        : 'must start with a letter or _ and contain only letters, digits, _ and -';
      reporter.report('NG014', `Node id ${quote(node.id)} ${why}.`, [...path, 'id'], place);
    }
    if (structure.nodesById.has(node.id)) {
      reporter.report('NG015', `Another node already has the id ${quote(node.id)}; ids must be unique.`, [...path, 'id'], place);
      return;
    }
    structure.nodesById.set(node.id, node);
    structure.nodePathById.set(node.id, path);
    structure.numberOf.set(node.id, structure.numbered.length);
    structure.numbered.push(node);
  });
}

/** Splits `"<nodeId>.<port>"`; ids and ports contain no dot. */
export function parseEndpoint(text: string): Endpoint | undefined {
  const dot = text.indexOf('.');
  if (dot <= 0 || dot === text.length - 1 || text.indexOf('.', dot + 1) !== -1) return undefined;
  return { nodeId: text.slice(0, dot), port: text.slice(dot + 1) };
}

function checkEdges(reporter: Reporter, input: StructureInput, structure: UnnumberedStructure): void {
  input.graph.edges.forEach((edge, edgeIndex) => {
    const path = input.edgePaths[edgeIndex] ?? ['edges', edgeIndex];
    const from = checkEndpoint(reporter, input, structure, edge.from, 'from', path, edgeIndex);
    const to = checkEndpoint(reporter, input, structure, edge.to, 'to', path, edgeIndex);
    if (!from || !to) return;
    const existing = structure.wireByTarget.get(edge.to);
    if (existing) {
      reporter.report('NG020', `Input port ${quote(edge.to)} already has an edge (from ${quote(`${existing.from.nodeId}.${existing.from.port}`)}); ` +
        'an input port takes one edge. Remove one of them, or merge them with an add or concat node.', [...path, 'to'],
      { nodeId: to.endpoint.nodeId, field: `edges[${edgeIndex}].to` });
      return;
    }
    const wire: Wire = { from: from.endpoint, to: to.endpoint, edgeIndex, fromNumber: from.number, toNumber: to.number };
    structure.wires.push(wire);
    structure.wireByTarget.set(edge.to, wire);
  });
}

function at(edgePath: JsonPath, end: 'from' | 'to'): JsonPath {
  return [...edgePath, end];
}

function field(edgeIndex: number, end: 'from' | 'to'): string {
  return `edges[${edgeIndex}].${end}`;
}

/** The endpoint `end` of the edge at `edgePath` and its node's number, when its node and port exist (else reported there). */
function checkEndpoint(
  reporter: Reporter, input: StructureInput, structure: UnnumberedStructure, text: string, end: 'from' | 'to',
  edgePath: JsonPath, edgeIndex: number,
): { endpoint: Endpoint; number: number } | undefined {
  // The path and field are built only for a report (by at() and field(), below): this runs twice for each of 100k
  // edges, and a closure made per call would cost an allocation each time.
  const endpoint = parseEndpoint(text);
  if (!endpoint) {
    reporter.report('NG016', `Edge endpoint ${quote(text)} is not of the form "<nodeId>.<port>" (for example "hidden.out").`, at(edgePath, end), { field: field(edgeIndex, end) });
    return undefined;
  }
  const number = structure.numberOf.get(endpoint.nodeId);
  if (number === undefined) {
    // A node that exists but could not be read has been reported already; do not report its edges again.
    if (!input.unreadableNodeIds.has(endpoint.nodeId)) {
      reporter.report('NG017', `Edge ${end === 'from' ? 'source' : 'target'} ${quote(text)} refers to node ${quote(endpoint.nodeId)}, which does not exist.`, at(edgePath, end), { field: field(edgeIndex, end) });
    }
    return undefined;
  }
  const node = structure.numbered[number];
  const info = NODE_TYPES[node.type];
  const wanted = end === 'from' ? info.outputs : info.inputs;
  for (const port of wanted) if (port.name === endpoint.port) return { endpoint, number };
  const other = end === 'from' ? info.inputs : info.outputs;
  const place = { nodeId: node.id, field: field(edgeIndex, end) };
  if (other.some((p) => p.name === endpoint.port)) {
    const message = end === 'from'
      ? `Edge starts at ${quote(text)}, which is an input port; an edge goes from an output port to an input port.`
      : `Edge ends at ${quote(text)}, which is an output port; an edge goes from an output port to an input port.`;
    reporter.report('NG019', message, at(edgePath, end), place);
    return undefined;
  }
  const names = wanted.map((p) => p.name);
  const list = names.length > 0 ? `its ${end === 'from' ? 'output' : 'input'} ports are ${names.join(', ')}` : `it has no ${end === 'from' ? 'output' : 'input'} ports`;
  reporter.report('NG018', `A ${node.type} node has no port ${quote(endpoint.port)} (${list}).`, at(edgePath, end), place);
  return undefined;
}

function checkNodeCounts(reporter: Reporter, structure: UnnumberedStructure): void {
  const inputs: GraphNode[] = [];
  const losses: GraphNode[] = [];
  for (const node of structure.nodesById.values()) {
    if (node.type === 'input') inputs.push(node);
    else if (isLossType(node.type)) losses.push(node);
  }
  if (inputs.length === 1) structure.inputNode = inputs[0];
  if (losses.length === 1) structure.lossNode = losses[0];
  if (inputs.length === 0) {
    reporter.report('NG022', 'The graph has no input node; add one (type "input") with a dataset.', ['nodes'], { field: 'nodes' }, true);
  }
  for (const extra of inputs.slice(1)) {
    reporter.report('NG022', `Input node ${quote(extra.id)} is a second input node; a graph has exactly one (the first is ${quote(inputs[0].id)}).`,
      [...(structure.nodePathById.get(extra.id) ?? []), 'type'], { nodeId: extra.id, field: 'type' });
  }
  if (losses.length === 0) {
    reporter.report('NG023', 'The graph has no loss node; add a cross-entropy (classification) or mse (regression) node.', ['nodes'], { field: 'nodes' }, true);
  }
  for (const extra of losses.slice(1)) {
    reporter.report('NG023', `Loss node ${quote(extra.id)} is a second loss node; a graph has exactly one (the first is ${quote(losses[0].id)}).`,
      [...(structure.nodePathById.get(extra.id) ?? []), 'type'], { nodeId: extra.id, field: 'type' });
  }
}

/**
 * The labels go from the input straight to the loss, and nothing else reaches the loss's labels port. Only wires
 * out of an input node's labels or into a loss node's labels can break this, so only those are looked at.
 */
function checkLabelsWiring(reporter: Reporter, input: StructureInput, structure: GraphStructure): void {
  const suspects = new Set<Wire>();
  for (const node of structure.nodesById.values()) {
    if (node.type === 'input') {
      for (const wire of wiresOutOf(structure, node.id)) if (wire.from.port === 'labels') suspects.add(wire);
    } else if (isLossType(node.type)) {
      const wire = wireInto(structure, node.id, 'labels');
      if (wire) suspects.add(wire);
    }
  }
  for (const wire of suspects) {
    const { nodeId, port } = wire.to;
    const node = structure.nodesById.get(nodeId);
    const source = structure.nodesById.get(wire.from.nodeId);
    const fromLabels = source?.type === 'input' && wire.from.port === 'labels';
    const intoLabels = node !== undefined && isLossType(node.type) && port === 'labels';
    if (fromLabels === intoLabels) continue;
    const path = [...(input.edgePaths[wire.edgeIndex] ?? ['edges', wire.edgeIndex]), fromLabels ? 'to' : 'from'];
    const message = fromLabels
      ? `The input's labels go to ${quote(`${nodeId}.${port}`)}; labels may only go to the loss's labels port (a model must not read its labels).`
      : `The loss's labels come from ${quote(`${wire.from.nodeId}.${wire.from.port}`)}; connect the input node's labels there.`;
    reporter.report('NG036', message, path, { nodeId, field: `edges[${wire.edgeIndex}].${fromLabels ? 'to' : 'from'}` });
  }
}

/** Kahn's algorithm in file order; whatever is left lies on or behind a cycle, which is reported once per cycle. */
function orderNodes(reporter: Reporter, input: StructureInput, structure: GraphStructure, wiring: NumberedWiring): void {
  structure.orderNumbers = topologicalOrder(wiring);
  for (const n of structure.orderNumbers) structure.order.push(wiring.nodes[n].id);
  if (structure.order.length === structure.nodesById.size) return;
  structure.hasCycle = true;
  const ordered = new Set(structure.order);
  const reported = new Set<string>();
  for (const start of structure.nodesById.keys()) {
    if (ordered.has(start) || reported.has(start)) continue;
    const cycle = findCycleFrom(start, structure, ordered);
    if (!cycle || cycle.nodes.some((id) => reported.has(id))) continue;
    for (const id of cycle.nodes) reported.add(id);
    const path = [...(input.edgePaths[cycle.closingWire.edgeIndex] ?? ['edges', cycle.closingWire.edgeIndex]), 'to'];
    reporter.report('NG025', `These edges form a cycle: ${[...cycle.nodes, cycle.nodes[0]].join(' → ')}. A graph flows one way, from input to loss.`,
      path, { nodeId: cycle.closingWire.to.nodeId, field: `edges[${cycle.closingWire.edgeIndex}].to` });
  }
}

function findCycleFrom(start: string, structure: GraphStructure, ordered: ReadonlySet<string>): { nodes: string[]; closingWire: Wire } | undefined {
  // Follow wires among unordered nodes until a node repeats; every unordered node has an unordered predecessor.
  const trail: string[] = [];
  const wires: Wire[] = [];
  const seenAt = new Map<string, number>();
  let current = start;
  while (!seenAt.has(current)) {
    seenAt.set(current, trail.length);
    trail.push(current);
    const next = (structure.outgoing.get(current) ?? []).find((w) => !ordered.has(w.to.nodeId) && canReach(w.to.nodeId, current, structure, ordered));
    if (!next) return undefined;
    wires.push(next);
    current = next.to.nodeId;
  }
  const first = seenAt.get(current) as number;
  return { nodes: trail.slice(first), closingWire: wires[wires.length - 1] };
}

function canReach(from: string, target: string, structure: GraphStructure, ordered: ReadonlySet<string>): boolean {
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const wire of structure.outgoing.get(id) ?? []) if (!ordered.has(wire.to.nodeId)) stack.push(wire.to.nodeId);
  }
  return false;
}

/** Reports each node with an input port that has no edge; returns their ids. */
function checkUnconnectedInputs(reporter: Reporter, structure: GraphStructure): Set<string> {
  const unconnected = new Set<string>();
  const { wiring } = structure;
  wiring.nodes.forEach((node, n) => {
    const wanted = NODE_TYPES[node.type].inputs;
    const connected = (port: string): boolean => {
      for (let k = wiring.inStart[n]; k < wiring.inStart[n + 1]; k++) if (wiring.inWires[k].to.port === port) return true;
      return false;
    };
    if (wanted.every((p) => connected(p.name))) return;
    const missing = wanted.map((p) => p.name).filter((name) => !connected(name));
    unconnected.add(node.id);
    const what = missing.length === 1 ? `input port ${quote(missing[0])} is` : `input ports ${missing.map((m) => quote(m)).join(' and ')} are`;
    reporter.report('NG021', `The ${what} not connected on ${node.type} node ${quote(node.id)}.`,
      structure.nodePathById.get(node.id) ?? [], { nodeId: node.id });
  });
  return unconnected;
}

/** Every node lies on a path from input.features to loss.predictions (the labels wire is checked separately). */
function checkOnPath(reporter: Reporter, structure: GraphStructure, wiring: NumberedWiring, unconnected: ReadonlySet<string>): void {
  const { inputNode, lossNode } = structure;
  if (!inputNode || !lossNode) return;
  const numberOf = (id: string): number => wiring.numberOf.get(id) as number;
  const forward = reachedFrom(wiring, [numberOf(inputNode.id)], 'downstream', (w) => w.from.nodeId === inputNode.id && w.from.port === 'labels');
  const predictions = wireInto(structure, lossNode.id, 'predictions');
  const backward = predictions ? reachedFrom(wiring, [numberOf(predictions.from.nodeId)], 'upstream') : undefined;
  // Nodes fed (through others) by a node with an unconnected input, or by the labels, are not reached from the
  // features either; the cause is reported already (NG021, NG036), so they are not reported again.
  const causes = [...unconnected].map(numberOf);
  for (const wire of wiresOutOf(structure, inputNode.id)) {
    if (wire.from.port === 'labels' && wire.to.nodeId !== lossNode.id) causes.push(numberOf(wire.to.nodeId));
  }
  // One walk from all causes at once: a walk per cause would be quadratic in a graph of many unwired chains.
  const starved = reachedFrom(wiring, causes, 'downstream');
  // The end of each message, made once: a large file may have a report for most of its nodes.
  const rule = "; every node must lie on the path from the input's features to the loss.";
  const notReached = `is not reached from ${quote(`${inputNode.id}.features`)}${rule}`;
  const notLeading = `does not lead to ${quote(`${lossNode.id}.predictions`)}, so its output is unused${rule}`;
  wiring.nodes.forEach((node, n) => {
    if (node === inputNode || node === lossNode || unconnected.has(node.id)) return;
    const reached = forward[n] === 1;
    if (reached && backward?.[n] === 1) return;
    if (!reached && starved[n] === 1) return;
    // With the loss's predictions not yet connected (reported as NG021), nothing leads to them yet.
    if (reached && !predictions) return;
    reporter.report('NG024', `${node.type} node ${quote(node.id)} ${reached ? notLeading : notReached}`,
      structure.nodePathById.get(node.id) ?? [], { nodeId: node.id });
  });
}
