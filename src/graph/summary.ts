// The model summary, as Keras's model.summary(): one row per layer with its output shape, parameter count and
// forward FLOPs per sample (counted by cost.ts).
import { formatCount, nodeCost, shapeAtRecord } from './cost';
import { appliedActivation, isLossType } from './nodeTypes';
import { parseEndpoint } from './structure';
import type { GraphDocument, GraphNode, ModelSummary, Shape, SummaryRow } from './types';

const typeLabels: Record<GraphNode['type'], string> = {
  input: 'Input', dense: 'Dense', activation: 'Activation', dropout: 'Dropout', features: 'Features', add: 'Add', concat: 'Concatenate',
  'cross-entropy': 'CrossEntropy', mse: 'MSE',
};

/**
 * One row per node of the model except the loss, in the order the data flows (file order where the graph leaves it
 * free). Given the nodes on the path to the loss (what the compiler computes), a node off it is not a row: it is
 * named in `leftOut`, as training leaves it out, so the counts are the trained model's.
 */
export function modelSummary(graph: GraphDocument, shapes: Readonly<Record<string, Shape>>, onPath?: ReadonlySet<string>): ModelSummary {
  const rows: SummaryRow[] = [];
  const leftOut: string[] = [];
  const shapeAt = shapeAtRecord(shapes);
  for (const node of flowOrder(graph)) {
    if (isLossType(node.type)) continue;
    if (onPath !== undefined && !onPath.has(node.id)) {
      leftOut.push(node.id);
      continue;
    }
    const outputShape = shapes[`${node.id}.${node.type === 'input' ? 'features' : 'out'}`];
    const cost = nodeCost(node, shapeAt) ?? { params: 0, flops: 0 };
    rows.push({ nodeId: node.id, type: node.type, detail: detailOf(node), outputShape, paramCount: cost.params, flops: cost.flops });
  }
  const totalParams = rows.reduce((sum, row) => sum + row.paramCount, 0);
  const totalFlops = rows.reduce((sum, row) => sum + row.flops, 0);
  return { rows, totalParams, trainableParams: totalParams, totalFlops, leftOut };
}

function detailOf(node: GraphNode): string {
  const p = node.params;
  switch (node.type) {
    case 'input': {
      const dataset = p.dataset as Record<string, unknown> | undefined;
      const name = typeof dataset?.builtin === 'string' ? dataset.builtin : typeof dataset?.csv === 'string' ? dataset.csv : '?';
      return `input(${name})`;
    }
    case 'dense': {
      const applied = appliedActivation(node);
      return applied ? `dense(${String(p.units)}, ${applied.fn})` : `dense(${String(p.units)})`;
    }
    case 'activation': return `activation(${String(p.fn)})`;
    case 'dropout': return `dropout(${String(p.rate)})`;
    case 'features': return `features(${Array.isArray(p.include) ? p.include.map(String).join(', ') : '?'})`;
    default: return node.type;
  }
}

/** Kahn's algorithm over the edges that parse; nodes on cycles come last in file order. */
function flowOrder(graph: GraphDocument): GraphNode[] {
  const byId = new Map<string, GraphNode>();
  for (const node of graph.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const pending = new Map<string, number>([...byId.keys()].map((id) => [id, 0]));
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const from = parseEndpoint(edge.from);
    const to = parseEndpoint(edge.to);
    if (!from || !to || !byId.has(from.nodeId) || !byId.has(to.nodeId)) continue;
    pending.set(to.nodeId, (pending.get(to.nodeId) ?? 0) + 1);
    next.set(from.nodeId, [...(next.get(from.nodeId) ?? []), to.nodeId]);
  }
  const ready = [...byId.keys()].filter((id) => pending.get(id) === 0);
  const order: GraphNode[] = [];
  const placed = new Set<string>();
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(byId.get(id) as GraphNode);
    placed.add(id);
    for (const to of next.get(id) ?? []) {
      const left = (pending.get(to) ?? 0) - 1;
      pending.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  for (const node of byId.values()) if (!placed.has(node.id)) order.push(node);
  return order;
}

export function formatShape(shape: Shape | undefined): string {
  if (!shape) return '?';
  return `(${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')})`;
}

function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A plain-text table like Keras's summary, for the terminal and the output channel. */
export function formatSummaryTable(summary: ModelSummary, title?: string): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'FLOPs'];
  const cells = summary.rows.map((row) => [`${row.nodeId} (${typeLabels[row.type]})`, formatShape(row.outputShape), thousands(row.paramCount), thousands(row.flops)]);
  const widths = header.map((h, column) => Math.max(h.length, ...cells.map((c) => c[column].length)) + 2);
  const total = widths.reduce((sum, w) => sum + w, 0) + 1;
  const line = (values: string[]): string =>
    ` ${values.map((v, column) => (column >= 2 ? v.padStart(widths[column] - (column === 2 ? 2 : 0)) : v.padEnd(widths[column]))).join('')}`.trimEnd();
  const out: string[] = [];
  if (title !== undefined) out.push(`Model: ${JSON.stringify(title)}`);
  out.push('_'.repeat(total), line(header), '='.repeat(total));
  cells.forEach((c, index) => {
    out.push(line(c));
    out.push(index === cells.length - 1 ? '='.repeat(total) : '_'.repeat(total));
  });
  if (cells.length === 0) out.push('='.repeat(total));
  out.push(`Total params: ${thousands(summary.totalParams)}`);
  out.push(`Trainable params: ${thousands(summary.trainableParams)}`);
  out.push(`Non-trainable params: ${thousands(summary.totalParams - summary.trainableParams)}`);
  const compact = formatCount(summary.totalFlops);
  out.push(`Forward FLOPs per sample: ${thousands(summary.totalFlops)}${compact === String(summary.totalFlops) ? '' : ` (${compact})`}`);
  if (summary.leftOut.length > 0) out.push(`Left out (not on the path to the loss): ${summary.leftOut.join(', ')}`);
  return out.join('\n');
}
