// Quick-add: the nodes that can take a given output's tensor, each with the shape it would produce. The editor's
// search box lists these; the shapes come from the node table's own rule (outputShapes), not a second copy of it.
import type { JsonObject } from './format';
import { ACTIVATION_FUNCTIONS, appliedActivation, CROSS_ENTROPY_MODES, isLossType, NODE_TYPE_NAMES, NODE_TYPES, outputShapes, widthOf } from './nodeTypes';
import { formatShape } from './reactFlow';
import { parseEndpoint } from './structure';
import { initialParams } from './templates';
import type { GraphDocument, NodeType, Shape } from './types';

export interface QuickAddCandidate {
  /** Unique within one list, stable across calls (the editor uses it as the option's id). */
  key: string;
  /** What the person reads and types to filter: "Activation · tanh", "Dense · 16 units". */
  label: string;
  nodeType: NodeType;
  params: JsonObject;
  /** The new node's input port the wire goes into. */
  toPort: string;
  /** The new node's output shape with this wire in, or undefined for a loss (it produces no tensor). */
  resultShape: Shape | undefined;
  /** The result as the new node's outgoing wire will be labelled (`[batch, 10]`), or `loss`. */
  resultText: string;
}

/** The port a loss reads its labels from; only the input node's labels go there (and nowhere else). */
const LABELS_PORT = 'labels';

/** Whether an output carries labels rather than values a layer computes on. */
function carriesLabels(graph: GraphDocument, nodeId: string, port: string): boolean {
  const node = graph.nodes.find((n) => n.id === nodeId);
  return node?.type === 'input' && port === LABELS_PORT;
}

function labelOf(nodeType: NodeType, params: JsonObject, toPort: string): string {
  const base = NODE_TYPES[nodeType].label;
  if (nodeType === 'activation') return `${base} · ${String(params.fn)}`;
  if (nodeType === 'dense') return `${base} · ${String(params.units)} units`;
  if (nodeType === 'cross-entropy') return `${base} · ${String(params.mode)}${toPort === LABELS_PORT ? ' (labels)' : ''}`;
  if (NODE_TYPES[nodeType].inputs.length > 1 && !isLossType(nodeType)) return `${base} (into ${toPort})`;
  return toPort === LABELS_PORT ? `${base} (labels)` : base;
}

/** One entry per way to use the node type: activations per function, cross-entropy per mode that fits the width. */
function variantsOf(nodeType: NodeType, width: number | null): JsonObject[] {
  const params = initialParams(nodeType);
  if (nodeType === 'activation') return ACTIVATION_FUNCTIONS.map((fn) => ({ ...params, fn }));
  if (nodeType === 'cross-entropy') {
    // Binary reads one unit per sample, categorical one per class: offer only the mode the width allows.
    const modes = CROSS_ENTROPY_MODES.filter((mode) => width === null || (mode === 'binary' ? width === 1 : width > 1));
    return modes.map((mode) => ({ ...params, mode }));
  }
  return [params];
}

/**
 * The candidates for a wire from `from` (`nodeId.port`, an output), given the shapes inference found (`shapes`,
 * keyed `nodeId.port`). Labels go only into a loss's labels; other values into every 2-D input, a loss's
 * predictions included. An unknown shape accepts everything, with the results unknown where they depend on it.
 */
export function quickAddCandidates(graph: GraphDocument, shapes: Readonly<Record<string, Shape>>, from: string): QuickAddCandidate[] {
  const endpoint = parseEndpoint(from);
  if (!endpoint) return [];
  const source = graph.nodes.find((n) => n.id === endpoint.nodeId);
  if (!source || !NODE_TYPES[source.type].outputs.some((port) => port.name === endpoint.port)) return [];
  const labels = carriesLabels(graph, endpoint.nodeId, endpoint.port);
  const shape = Object.hasOwn(shapes, from) ? shapes[from] : undefined;
  if (!labels && shape !== undefined && shape.length !== 2) return [];
  const width = labels ? null : widthOf(shape);
  const candidates: QuickAddCandidate[] = [];
  for (const nodeType of NODE_TYPE_NAMES) {
    for (const port of NODE_TYPES[nodeType].inputs) {
      if ((port.name === LABELS_PORT) !== labels) continue;
      for (const params of variantsOf(nodeType, width)) {
        const produced = outputShapes(nodeType, params, { [port.name]: shape });
        candidates.push({
          key: `${nodeType}.${port.name}${nodeType === 'activation' || nodeType === 'cross-entropy' ? `.${String(params.fn ?? params.mode)}` : ''}`,
          label: labelOf(nodeType, params, port.name), nodeType, params, toPort: port.name,
          resultShape: produced.out, resultText: formatShape(produced.out) ?? 'loss',
        });
      }
    }
  }
  return candidates;
}

/** The candidates whose label holds every word typed, in any order, ignoring case ("act ta" finds Activation · tanh). */
export function filterQuickAdd(candidates: readonly QuickAddCandidate[], query: string): QuickAddCandidate[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  return candidates.filter((candidate) => {
    const label = candidate.label.toLowerCase();
    return words.every((word) => label.includes(word));
  });
}

/**
 * The node to suggest after `nodeId` ("Next: Activation"), or undefined when its first output is wired already or
 * nothing follows it. From the node table's `next`, with two readings of what the node already does: a dense node
 * with its own activation needs no activation node (what follows an activation follows it), and a sigmoid or softmax
 * gives probabilities, which go to a loss.
 */
export function suggestedNext(graph: GraphDocument, nodeId: string): NodeType | undefined {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const port = node ? NODE_TYPES[node.type].outputs[0] : undefined;
  if (!node || !port) return undefined;
  const from = `${node.id}.${port.name}`;
  if (graph.edges.some((edge) => edge.from === from)) return undefined;
  const applied = appliedActivation(node);
  if (applied?.fn === 'sigmoid' || applied?.fn === 'softmax') return 'cross-entropy';
  const next = NODE_TYPES[node.type].next;
  return next === 'activation' && applied ? NODE_TYPES.activation.next : next;
}

/** Where quick-add starts for a suggested type: the first candidate of that type (Activation · relu, Dense · 16 units). */
export function suggestedCandidateIndex(candidates: readonly QuickAddCandidate[], nodeType: NodeType | undefined): number {
  const index = nodeType === undefined ? -1 : candidates.findIndex((candidate) => candidate.nodeType === nodeType);
  return Math.max(index, 0);
}
