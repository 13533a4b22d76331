// The canvas's nodes and wires for the current analysis, with each node's cost and live training state folded in.
import { useMemo } from 'react';
import {
  type Analysis, type FlowEdge, getOwn, type GraphCost, graphCost, shapeAtRecord, toFlowEdges, toFlowNodes,
} from '../../src/graph/index';
import type { TrainingOverlay } from '../../src/protocol/messages';
import type { EditorNode } from './nodeData';

export interface FlowElements { nodes: EditorNode[]; edges: FlowEdge[]; cost?: GraphCost }

export function useFlowElements(analysis: Analysis | undefined, overlay: TrainingOverlay | undefined, showStats: boolean): FlowElements {
  const graph = analysis?.graph;
  const cost = useMemo(() => (graph && analysis ? graphCost(graph, shapeAtRecord(analysis.shapes)) : undefined), [graph, analysis]);
  const nodes = useMemo<EditorNode[]>(() => {
    if (!graph || !analysis) return [];
    const lossNodeIds = new Set(graph.nodes.filter((n) => n.type === 'cross-entropy' || n.type === 'mse').map((n) => n.id));
    return toFlowNodes(graph, analysis.shapes, analysis.diagnostics, cost).map((node) => {
      // Own keys only: a node named `constructor` must not find Object.prototype.constructor here.
      const stats = overlay?.nodeStats ? getOwn(overlay.nodeStats, node.id) : undefined;
      const failure = overlay?.failure && overlay.failure.nodeId === node.id ? overlay.failure.message : undefined;
      const loss = lossNodeIds.has(node.id) ? overlay?.loss : undefined;
      return {
        ...node,
        data: { ...node.data, showStats, ...(stats ? { stats } : {}), ...(failure ? { failure } : {}), ...(loss !== undefined ? { loss } : {}) },
      };
    });
  }, [graph, analysis, overlay, showStats, cost]);
  const edges = useMemo(() => (graph && analysis ? toFlowEdges(graph, analysis.shapes, analysis.diagnostics) : []), [graph, analysis]);
  return { nodes, edges, ...(cost ? { cost } : {}) };
}
