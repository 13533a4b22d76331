// What each side of the graph diff draws: the nodes and edges of one version, each marked added, removed, changed,
// moved or unchanged, with the changed values old → new. Pure: no React, so it is tested as the graph code is.
import type { Edge, Node } from '@xyflow/react';
import {
  type FlowNodeData, formatValueChange, type GraphDiff, type GraphDocument, toFlowEdges, toFlowNodes,
} from '../../src/graph/index';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'moved' | 'same';
export type DiffSide = 'before' | 'after';

export interface DiffNodeData extends FlowNodeData {
  status: DiffStatus;
  /** `units: 64 → 128`, one per changed value; with positions shown, the move too. */
  changeLines: string[];
  /** On the new side, the old id of a renamed node; on the old side, its new id. */
  otherId?: string;
  side: DiffSide;
}

export type DiffFlowNode = Node<DiffNodeData, 'diffNode'>;
export type DiffFlowEdge = Edge<{ status: DiffStatus }>;

export interface SideView { nodes: DiffFlowNode[]; edges: DiffFlowEdge[] }

function edgeKey(from: string, to: string): string {
  return `${from}->${to}`;
}

/** The nodes and edges of one version, marked by the diff. */
export function sideView(graph: GraphDocument, diff: GraphDiff, side: DiffSide, showPositions: boolean): SideView {
  const ownId = (pair: { beforeId: string; afterId: string }): string => (side === 'before' ? pair.beforeId : pair.afterId);
  const otherIdOf = new Map(diff.renamed.map((pair) => [ownId(pair), side === 'before' ? pair.afterId : pair.beforeId]));
  const changedById = new Map(diff.changed.map((node) => [ownId(node), node]));
  const movedById = new Map(diff.moved.map((move) => [ownId(move), move]));
  const onlyHere = new Set((side === 'before' ? diff.removed : diff.added).map((node) => node.id));
  const nodes = toFlowNodes(graph, {}, []).map((flowNode): DiffFlowNode => {
    const changed = changedById.get(flowNode.id);
    const moved = showPositions ? movedById.get(flowNode.id) : undefined;
    const status: DiffStatus = onlyHere.has(flowNode.id) ? (side === 'before' ? 'removed' : 'added')
      : changed ? 'changed' : moved ? 'moved' : 'same';
    const changeLines = changed ? changed.changes.map(formatValueChange) : [];
    if (moved) changeLines.push(`position: (${moved.before.x}, ${moved.before.y}) → (${moved.after.x}, ${moved.after.y})`);
    const otherId = otherIdOf.get(flowNode.id);
    return {
      id: flowNode.id, type: 'diffNode', position: flowNode.position, connectable: false, draggable: false,
      data: { ...flowNode.data, status, changeLines, side, ...(otherId !== undefined ? { otherId } : {}) },
    };
  });
  const differentEdges = new Set((side === 'before' ? diff.removedEdges : diff.addedEdges).map((edge) => edgeKey(edge.from, edge.to)));
  const edges = toFlowEdges(graph, {}, []).map((flowEdge): DiffFlowEdge => {
    const status: DiffStatus = differentEdges.has(flowEdge.id) ? (side === 'before' ? 'removed' : 'added') : 'same';
    return {
      id: flowEdge.id, source: flowEdge.source, sourceHandle: flowEdge.sourceHandle, target: flowEdge.target,
      targetHandle: flowEdge.targetHandle, className: `diff-edge diff-edge--${status}`, data: { status },
      ...(status === 'same' ? {} : { label: status, ariaLabel: `${status} edge ${flowEdge.id}` }),
    };
  });
  return { nodes, edges };
}

/** The changes as sentences, for the list beside the graphs (and screen readers). */
export function changeSentences(diff: GraphDiff, showPositions: boolean): Array<{ status: DiffStatus; text: string }> {
  const rows: Array<{ status: DiffStatus; text: string }> = [];
  const name = (pair: { beforeId: string; afterId: string }): string =>
    pair.beforeId === pair.afterId ? pair.afterId : `${pair.beforeId} → ${pair.afterId}`;
  for (const node of diff.changed) {
    for (const change of node.changes) rows.push({ status: 'changed', text: `${name(node)}: ${formatValueChange(change)}` });
  }
  for (const node of diff.added) rows.push({ status: 'added', text: `node ${node.id} (${node.type}) added` });
  for (const node of diff.removed) rows.push({ status: 'removed', text: `node ${node.id} (${node.type}) removed` });
  for (const edge of diff.addedEdges) rows.push({ status: 'added', text: `edge ${edge.from} → ${edge.to} added` });
  for (const edge of diff.removedEdges) rows.push({ status: 'removed', text: `edge ${edge.from} → ${edge.to} removed` });
  for (const change of diff.training) rows.push({ status: 'changed', text: `training ${formatValueChange(change)}` });
  for (const change of diff.document) rows.push({ status: 'changed', text: `file ${formatValueChange(change)}` });
  if (showPositions) {
    for (const move of diff.moved) {
      rows.push({ status: 'moved', text: `${name(move)} moved (${move.before.x}, ${move.before.y}) → (${move.after.x}, ${move.after.y})` });
    }
  }
  for (const pair of diff.renamed) rows.push({ status: 'same', text: `${pair.beforeId} renamed to ${pair.afterId} (same node)` });
  return rows;
}

/** Node size as drawn (diff.css), for the graphs' extent. */
const NODE_BOX = { width: 170, height: 90 };

/**
 * Wide graphs (most models read left to right) go one above the other, so each gets the full width and stays
 * readable; tall ones go side by side.
 */
export function paneArrangement(...graphs: GraphDocument[]): 'rows' | 'columns' {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const graph of graphs) {
    for (const { position } of graph.nodes) {
      minX = Math.min(minX, position.x);
      maxX = Math.max(maxX, position.x);
      minY = Math.min(minY, position.y);
      maxY = Math.max(maxY, position.y);
    }
  }
  if (minX === Infinity) return 'columns';
  return maxX - minX + NODE_BOX.width > maxY - minY + NODE_BOX.height ? 'rows' : 'columns';
}
