// Mapping between the .nngraph model and what the React Flow canvas draws, and the connection rules checked while a
// wire is dragged. Pure (no React): the types below are structurally what @xyflow/react expects.
import type { GraphCost, NodeCost } from './cost';
import { NODE_TYPES } from './nodeTypes';
import { parseEndpoint } from './structure';
import type { Diagnostic, GraphDocument, GraphEdge, NodeType, Position, Severity, Shape } from './types';

export const FLOW_NODE_TYPE = 'nngraph';

/** Endpoints are split by the graph code's own rule (`<nodeId>.<port>`, ids hold no dots). */
export { parseEndpoint };

export interface NodeProblem { code: string; severity: Severity; message: string; field?: string }

export interface FlowNodeData extends Record<string, unknown> {
  nodeType: NodeType;
  params: Record<string, unknown>;
  inputs: string[];
  outputs: string[];
  /** Output shape per output port, when known. */
  outputShapes: Record<string, Shape | undefined>;
  problems: NodeProblem[];
  /** Parameters and forward FLOPs per sample, when the widths are known (losses have none). */
  cost?: NodeCost;
  /** On the heaviest nodes only (cost.ts): their share of the model's FLOPs, 0–1. */
  heavyShare?: number;
}

export interface FlowNode { id: string; type: typeof FLOW_NODE_TYPE; position: Position; data: FlowNodeData; selected?: boolean }

export interface FlowEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
  label?: string;
  selected?: boolean;
  data: { shape?: string; invalid: boolean };
}

/** What React Flow reports when a wire is dropped on a handle. */
export interface FlowConnection { source: string | null; sourceHandle?: string | null; target: string | null; targetHandle?: string | null }

export function edgeId(edge: GraphEdge): string {
  return `${edge.from}->${edge.to}`;
}

/** A shape as the tutorial writes it: `[batch, 10]`; unknown sizes print as `?`. */
export function formatShape(shape: Shape | undefined): string | undefined {
  if (!shape) return undefined;
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

export function toFlowNodes(graph: GraphDocument, shapes: Readonly<Record<string, Shape | undefined>>,
  diagnostics: readonly Diagnostic[], cost?: GraphCost): FlowNode[] {
  const heavy = new Set(cost?.heavyNodeIds ?? []);
  const totalFlops = cost?.totalFlops ?? 0;
  // Grouped once: a filter per node would be quadratic on a graph of thousands of nodes with a problem each.
  const problemsByNode = new Map<string, NodeProblem[]>();
  for (const d of diagnostics) {
    if (d.nodeId === undefined) continue;
    const list = problemsByNode.get(d.nodeId) ?? [];
    list.push({ code: d.code, severity: d.severity, message: d.message, ...(d.field ? { field: d.field } : {}) });
    problemsByNode.set(d.nodeId, list);
  }
  return graph.nodes.map((node) => {
    const info = NODE_TYPES[node.type];
    const outputs = info.outputs.map((port) => port.name);
    const outputShapes: Record<string, Shape | undefined> = {};
    for (const port of outputs) outputShapes[port] = shapes[`${node.id}.${port}`];
    const problems = problemsByNode.get(node.id) ?? [];
    const own = cost?.byNode.get(node.id);
    return {
      id: node.id, type: FLOW_NODE_TYPE, position: { x: node.position.x, y: node.position.y },
      data: {
        nodeType: node.type, params: node.params, inputs: info.inputs.map((port) => port.name), outputs, outputShapes, problems,
        ...(own ? { cost: own } : {}), ...(own && heavy.has(node.id) ? { heavyShare: own.flops / totalFlops } : {}),
      },
    };
  });
}

/** Edges between existing ports; an edge naming a missing node or port is left to the diagnostics. */
export function toFlowEdges(graph: GraphDocument, shapes: Readonly<Record<string, Shape | undefined>>,
  diagnostics: readonly Diagnostic[]): FlowEdge[] {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const invalidEdges = new Set<number>();
  for (const d of diagnostics) {
    const match = d.severity === 'error' && d.field !== undefined ? /^edges\[(\d+)\]/.exec(d.field) : null;
    if (match) invalidEdges.add(Number(match[1]));
  }
  const flowEdges: FlowEdge[] = [];
  for (const [index, edge] of graph.edges.entries()) {
    const from = parseEndpoint(edge.from);
    const to = parseEndpoint(edge.to);
    if (!from || !to || !nodeIds.has(from.nodeId) || !nodeIds.has(to.nodeId)) continue;
    const shape = formatShape(shapes[edge.from]);
    // Problems with a wire name it by its place in the file: `edges[3].to`.
    const invalid = invalidEdges.has(index);
    flowEdges.push({
      id: edgeId(edge), source: from.nodeId, sourceHandle: from.port, target: to.nodeId, targetHandle: to.port,
      ...(shape ? { label: shape } : {}), data: { ...(shape ? { shape } : {}), invalid },
    });
  }
  return flowEdges;
}

export function fromFlowEdge(edge: Pick<FlowEdge, 'source' | 'sourceHandle' | 'target' | 'targetHandle'>): GraphEdge {
  return { from: `${edge.source}.${edge.sourceHandle}`, to: `${edge.target}.${edge.targetHandle}` };
}

export function fromFlowConnection(connection: FlowConnection): GraphEdge | undefined {
  const { source, sourceHandle, target, targetHandle } = connection;
  if (!source || !sourceHandle || !target || !targetHandle) return undefined;
  return { from: `${source}.${sourceHandle}`, to: `${target}.${targetHandle}` };
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

/** Whether `to`'s node can reach `from`'s node already, so the new edge would close a cycle. */
function reaches(edges: readonly GraphEdge[], startNode: string, goalNode: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const from = parseEndpoint(edge.from)?.nodeId;
    const to = parseEndpoint(edge.to)?.nodeId;
    if (from === undefined || to === undefined) continue;
    const list = next.get(from) ?? [];
    list.push(to);
    next.set(from, list);
  }
  const seen = new Set<string>([startNode]);
  const stack = [startNode];
  while (stack.length > 0) {
    const here = stack.pop() as string;
    if (here === goalNode) return true;
    for (const onward of next.get(here) ?? []) {
      if (!seen.has(onward)) { seen.add(onward); stack.push(onward); }
    }
  }
  return false;
}

/** The structural rules of a wire: output to input, an existing port, one edge per input, no cycle. */
export function checkConnection(graph: GraphDocument, edge: GraphEdge): ConnectionVerdict {
  const from = parseEndpoint(edge.from);
  const to = parseEndpoint(edge.to);
  if (!from || !to) return { ok: false, reason: 'Connect an output port to an input port.' };
  const source = graph.nodes.find((node) => node.id === from.nodeId);
  const target = graph.nodes.find((node) => node.id === to.nodeId);
  if (!source || !target) return { ok: false, reason: 'Both ends must be nodes of this graph.' };
  if (!NODE_TYPES[source.type].outputs.some((port) => port.name === from.port)) {
    return { ok: false, reason: `'${from.port}' is not an output of ${source.id}; wires go from an output to an input.` };
  }
  if (!NODE_TYPES[target.type].inputs.some((port) => port.name === to.port)) {
    return { ok: false, reason: `'${to.port}' is not an input of ${target.id}; wires go from an output to an input.` };
  }
  if (from.nodeId === to.nodeId) return { ok: false, reason: 'A node cannot feed itself.' };
  const existing = graph.edges.find((e) => e.to === edge.to);
  if (existing) return { ok: false, reason: `${edge.to} is already fed by ${existing.from}; an input takes one wire (delete it first).` };
  if (reaches(graph.edges, to.nodeId, from.nodeId)) return { ok: false, reason: `Connecting ${edge.from} to ${edge.to} would make a cycle.` };
  return { ok: true };
}
