// Explain mode's numbers on the canvas: each wire carries its source's value (or, once the backward pass has reached
// it, the gradient of the loss with respect to that value), and each node its output. Derived from the explanation
// and the cursor; the document's nodes and wires are left as they are.
import { getOwn, type FlowEdge } from '../../../src/graph/index';
import type { ExplainedNodeView, ExplanationView } from '../../../src/protocol/explainMessages';
import type { EditorNode } from '../nodeData';
import { compactVector } from './format';
import { currentNodeId, type ExplainCursor, orderOf, visibility } from './steps';

export interface WireExplain {
  text: string;
  values: (number | null)[];
  kind: 'value' | 'gradient';
  /** The wire leads into the op the cursor is on. */
  current: boolean;
}

export type ExplainFlowEdge = FlowEdge & { type?: 'explain'; data: FlowEdge['data'] & { explain?: WireExplain } };

export interface NodeExplain {
  output?: string;
  gradient?: string;
  current: boolean;
}

function byId(explanation: ExplanationView): Record<string, ExplainedNodeView> {
  const nodes = Object.create(null) as Record<string, ExplainedNodeView>;
  for (const node of explanation.nodes) nodes[node.nodeId] = node;
  return nodes;
}

export function decorateEdges(edges: readonly FlowEdge[], explanation: ExplanationView, cursor: ExplainCursor): ExplainFlowEdge[] {
  const nodes = byId(explanation);
  const order = orderOf(explanation);
  const current = currentNodeId(cursor, order);
  return edges.map((edge) => {
    const source = getOwn(nodes, edge.source);
    if (!source) return edge;
    const seen = visibility(cursor, order, edge.source);
    const isLabels = source.role === 'input' && edge.sourceHandle === 'labels';
    let explain: WireExplain | undefined;
    const isCurrent = edge.target === current;
    if (!isLabels && seen.gradient) {
      explain = { kind: 'gradient', values: source.outputGrad, text: `∂L ${compactVector(source.outputGrad)}`, current: isCurrent };
    } else if (seen.output) {
      const values = isLabels ? explanation.label : source.output;
      explain = { kind: 'value', values, text: `${isLabels ? 'y ' : ''}${compactVector(values)}`, current: isCurrent };
    }
    if (!explain) return { ...edge, label: '' };
    return { ...edge, type: 'explain', label: explain.text, data: { ...edge.data, explain } };
  });
}

export function decorateNodes(nodes: readonly EditorNode[], explanation: ExplanationView, cursor: ExplainCursor): EditorNode[] {
  const explained = byId(explanation);
  const order = orderOf(explanation);
  const current = currentNodeId(cursor, order);
  return nodes.map((node) => {
    const view = getOwn(explained, node.id);
    if (!view) return node;
    const seen = visibility(cursor, order, node.id);
    const explain: NodeExplain = { current: node.id === current };
    if (seen.output) explain.output = view.role === 'loss' ? `L = ${compactVector(view.output, 4).slice(1, -1)}` : `out ${compactVector(view.output)}`;
    if (seen.gradient && view.role !== 'loss') explain.gradient = `∂L/∂out ${compactVector(view.outputGrad)}`;
    return { ...node, data: { ...node.data, explain } };
  });
}
