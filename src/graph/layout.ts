// Auto layout: a left-to-right layered drawing, the way the data flows from the input to the loss. Small graphs (the
// ones a person reads) get dagre's drawing with few crossings; dagre's crossing reduction grows much faster than the
// graph (seconds at 1,000 nodes, a stack overflow from 5,000), so larger graphs get a linear-time layering instead,
// and graphs beyond LAYOUT_MAX_NODES are refused with a message by the caller.
import { Graph, layout } from '@dagrejs/dagre';
import type { Position } from './types';

/** The size the editor draws a node at; the layout needs it to keep nodes apart. */
export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 96;
const NODE_GAP = 40;
const RANK_GAP = 70;

/** Up to this many nodes dagre draws the graph; above it the linear layering does. */
export const DAGRE_MAX_NODES = 300;
/** Auto Layout refuses larger graphs: moving every node of one rewrites most of the file. */
export const LAYOUT_MAX_NODES = 20_000;

export interface LayoutEdge { source: string; target: string }
export interface NodeSize { width: number; height: number }

/** The size a node is laid out at when the editor has not measured it (a new node, the command line's import). */
const DEFAULT_SIZE: NodeSize = { width: NODE_WIDTH, height: NODE_HEIGHT };

/**
 * New top-left positions for every node, in whole pixels, ranked from sources (left) to sinks (right). Ids are only
 * keys of Maps here (dagre sees `n0`, `n1`, …), so an id such as `__proto__` is as harmless as `hidden`.
 * `sizes`: the nodes as the editor draws them now (a node grows with its problems); a node without one is laid out at
 * NODE_WIDTH × NODE_HEIGHT, so nodes that grew with error text are kept apart by their real height.
 */
export function layoutPositions(
  nodeIds: readonly string[], edges: readonly LayoutEdge[], sizes: ReadonlyMap<string, NodeSize> = new Map(),
): Map<string, Position> {
  const indexById = new Map<string, number>();
  nodeIds.forEach((id, index) => { if (!indexById.has(id)) indexById.set(id, index); });
  const links: Array<readonly [number, number]> = [];
  for (const edge of edges) {
    const source = indexById.get(edge.source);
    const target = indexById.get(edge.target);
    if (source !== undefined && target !== undefined && source !== target) links.push([source, target]);
  }
  const sizeByIndex = nodeIds.map((id) => sizes.get(id) ?? DEFAULT_SIZE);
  const corners = nodeIds.length <= DAGRE_MAX_NODES ? dagrePositions(sizeByIndex, links) : layeredPositions(sizeByIndex, links);
  const positions = new Map<string, Position>();
  for (const [id, index] of indexById) positions.set(id, corners[index]);
  return positions;
}

function dagrePositions(sizes: readonly NodeSize[], links: ReadonlyArray<readonly [number, number]>): Position[] {
  const count = sizes.length;
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (let i = 0; i < count; i++) graph.setNode(`n${i}`, { width: sizes[i].width, height: sizes[i].height });
  links.forEach(([source, target], index) => graph.setEdge(`n${source}`, `n${target}`, {}, `e${index}`));
  layout(graph);
  const corners: Position[] = [];
  for (let i = 0; i < count; i++) {
    const placed = graph.node(`n${i}`);
    // dagre gives centres; the file stores top-left corners.
    corners.push({ x: Math.round(placed.x - sizes[i].width / 2), y: Math.round(placed.y - sizes[i].height / 2) });
  }
  return corners;
}

/**
 * Linear-time layering: each node's rank is its longest path from a source (nodes on a cycle go one rank past the
 * rest), and within a rank nodes are ordered by the mean slot of their predecessors, in one sweep from left to right.
 * Each rank is as wide as its widest node, and each node sits NODE_GAP below the one above it.
 */
export function layeredPositions(sizes: readonly NodeSize[], links: ReadonlyArray<readonly [number, number]>): Position[] {
  const count = sizes.length;
  const successors: number[][] = Array.from({ length: count }, () => []);
  const predecessors: number[][] = Array.from({ length: count }, () => []);
  const pending = new Int32Array(count);
  for (const [source, target] of links) {
    successors[source].push(target);
    predecessors[target].push(source);
    pending[target]++;
  }
  const rank = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (let i = 0; i < count; i++) if (pending[i] === 0) { queue.push(i); rank[i] = 0; }
  let maxRank = 0;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    maxRank = Math.max(maxRank, rank[node]);
    for (const next of successors[node]) {
      rank[next] = Math.max(rank[next], rank[node] + 1);
      if (--pending[next] === 0) queue.push(next);
    }
  }
  const ranks: number[][] = Array.from({ length: maxRank + 2 }, () => []);
  for (const node of queue) ranks[rank[node]].push(node);
  for (let i = 0; i < count; i++) if (pending[i] > 0) ranks[maxRank + 1].push(i);
  const slot = new Float64Array(count);
  const corners: Position[] = new Array<Position>(count);
  let rankX = 0;
  ranks.forEach((members, rankIndex) => {
    const keyOf = new Map<number, number>();
    for (const node of members) {
      let sum = 0;
      let placed = 0;
      for (const before of predecessors[node]) if (rank[before] >= 0 && rank[before] < rankIndex) { sum += slot[before]; placed++; }
      keyOf.set(node, placed > 0 ? sum / placed : Number.POSITIVE_INFINITY);
    }
    const ordered = members.map((node, fileOrder) => ({ node, fileOrder, key: keyOf.get(node) as number }))
      .sort((a, b) => a.key - b.key || a.fileOrder - b.fileOrder);
    let nextY = 0;
    let rankWidth = 0;
    ordered.forEach(({ node }, index) => {
      slot[node] = index;
      corners[node] = { x: rankX, y: nextY };
      nextY += sizes[node].height + NODE_GAP;
      rankWidth = Math.max(rankWidth, sizes[node].width);
    });
    if (members.length > 0) rankX += rankWidth + RANK_GAP;
  });
  return corners;
}
