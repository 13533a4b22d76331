// Auto layout: a left-to-right layered drawing (dagre), the way the data flows from the input to the loss.
import { Graph, layout } from '@dagrejs/dagre';
import type { Position } from './types';

/** The size the editor draws a node at; dagre needs it to keep nodes apart. */
export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 96;

export interface LayoutEdge { source: string; target: string }

/** New top-left positions for every node, in whole pixels, ranked from sources (left) to sinks (right). */
export function layoutPositions(nodeIds: readonly string[], edges: readonly LayoutEdge[]): Map<string, Position> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(nodeIds);
  for (const id of nodeIds) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  edges.forEach((edge, index) => {
    if (known.has(edge.source) && known.has(edge.target) && edge.source !== edge.target) {
      graph.setEdge(edge.source, edge.target, {}, `e${index}`);
    }
  });
  layout(graph);
  const positions = new Map<string, Position>();
  for (const id of nodeIds) {
    const placed = graph.node(id);
    // dagre gives centres; the file stores top-left corners.
    positions.set(id, { x: Math.round(placed.x - NODE_WIDTH / 2), y: Math.round(placed.y - NODE_HEIGHT / 2) });
  }
  return positions;
}
