// What each node costs: trainable parameters, and forward FLOPs for one sample. The one owner of the counting rule;
// the nodes on the canvas, the editor's status line, the model summary (`nngraph summary`, Show Model Summary) and
// the memory check (modelSize.ts) all count with it. The rule, as docs/nngraph-format.md states it:
//   dense       params in·units (+ units with a bias); FLOPs 2·in·units (a multiply and an add per weight, i.e.
//               multiply-adds × 2) + units for the bias, + units more when it applies its own `activation`
//   activation  one FLOP per output element, whatever the function
//   add         one FLOP per output element
//   features    one FLOP per x², per product xᵢxⱼ and per sin x column; none for x (a copy)
//   input, dropout, concat: none (dropout is the identity when the model predicts; concat only copies)
//   losses      not part of the model (as in Keras's summary): no cost
import { FEATURE_GROUPS, featureGroupWidth } from '../core/pure';
import { appliedActivation, effectiveParam, featureGroupsOf, isLossType, widthOf } from './nodeTypes';
import type { GraphDocument, GraphNode, Shape } from './types';

export interface NodeCost { params: number; flops: number }

/** The shape at a node's port (its input ports included), or undefined when unknown. */
export type ShapeAt = (nodeId: string, port: string) => Shape | undefined;

/** A node holding at least this share of the model's FLOPs is marked as one of its heaviest. */
export const HEAVY_FLOPS_SHARE = 0.25;

/** The cost of one node, or undefined while a width it depends on is unknown (other checks say why). */
export function nodeCost(node: GraphNode, shapeAt: ShapeAt): NodeCost | undefined {
  const width = (port: string): number | null => widthOf(shapeAt(node.id, port));
  switch (node.type) {
    case 'input': case 'dropout': case 'concat': case 'cross-entropy': case 'mse':
      return { params: 0, flops: 0 };
    case 'dense': {
      const inWidth = width('in');
      const units = width('out');
      if (inWidth === null || units === null) return undefined;
      const bias = effectiveParam('dense', node.params, 'useBias') !== false ? units : 0;
      const activation = appliedActivation(node) ? units : 0; // as an activation node after it would count
      return { params: inWidth * units + bias, flops: 2 * inWidth * units + bias + activation };
    }
    case 'features': {
      const inWidth = width('in');
      const groups = featureGroupsOf(node.params.include);
      if (inWidth === null || groups === undefined || width('out') === null) return undefined;
      let flops = 0;
      for (const group of FEATURE_GROUPS) if (group !== 'x' && groups.includes(group)) flops += featureGroupWidth(group, inWidth);
      return { params: 0, flops };
    }
    case 'activation': case 'add': {
      const out = width('out');
      return out === null ? undefined : { params: 0, flops: out };
    }
  }
}

export interface GraphCost {
  /** Per model node (losses are left out); a node whose widths are unknown is missing. */
  byNode: Map<string, NodeCost>;
  totalParams: number;
  totalFlops: number;
  /** Whether every model node could be counted: otherwise the totals are a lower bound. */
  complete: boolean;
  /** Nodes holding at least HEAVY_FLOPS_SHARE of the FLOPs, heaviest first. */
  heavyNodeIds: string[];
}

export function graphCost(graph: GraphDocument, shapeAt: ShapeAt): GraphCost {
  const byNode = new Map<string, NodeCost>();
  let totalParams = 0;
  let totalFlops = 0;
  let complete = true;
  for (const node of graph.nodes) {
    if (isLossType(node.type) || byNode.has(node.id)) continue;
    const cost = nodeCost(node, shapeAt);
    if (!cost) { complete = false; continue; }
    byNode.set(node.id, cost);
    totalParams += cost.params;
    totalFlops += cost.flops;
  }
  const heavyNodeIds = totalFlops === 0 ? [] : [...byNode]
    .filter(([, cost]) => cost.flops >= HEAVY_FLOPS_SHARE * totalFlops)
    .sort(([, a], [, b]) => b.flops - a.flops)
    .map(([id]) => id);
  return { byNode, totalParams, totalFlops, complete, heavyNodeIds };
}

/** A shape lookup over the flat `nodeId.port` record the editor and the summary hold. */
export function shapeAtRecord(shapes: Readonly<Record<string, Shape | undefined>>): ShapeAt {
  return (nodeId, port) => {
    const key = `${nodeId}.${port}`;
    return Object.hasOwn(shapes, key) ? shapes[key] : undefined;
  };
}

const SUFFIXES = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const;

/** A count in a few characters: 950, 1.2k, 34k, 5.6M (one decimal below 10 of a unit). */
export function formatCount(count: number): string {
  for (const [size, suffix] of SUFFIXES) {
    if (count >= size * 0.9995) {
      const scaled = count / size;
      return `${scaled < 9.95 ? scaled.toFixed(1).replace(/\.0$/, '') : Math.round(scaled).toString()}${suffix}`;
    }
  }
  return String(Math.round(count));
}

/** The small line a node shows: `1.2k params · 2.3k FLOPs`. */
export function formatNodeCost(cost: NodeCost): string {
  return `${formatCount(cost.params)} params · ${formatCount(cost.flops)} FLOPs`;
}
