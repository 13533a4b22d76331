// The canvas's nodes and wires for the current analysis, with live training state folded into the nodes.
import { useMemo } from 'react';
import { type Analysis, type FlowEdge, toFlowEdges, toFlowNodes } from '../../src/graph/index';
import type { TrainingOverlay } from '../../src/protocol/messages';
import type { EditorNode } from './nodeData';

export function useFlowElements(analysis: Analysis | undefined, overlay: TrainingOverlay | undefined, showStats: boolean): { nodes: EditorNode[]; edges: FlowEdge[] } {
  const graph = analysis?.graph;
  const nodes = useMemo<EditorNode[]>(() => {
    if (!graph || !analysis) return [];
    const lossNodeIds = new Set(graph.nodes.filter((n) => n.type === 'cross-entropy' || n.type === 'mse').map((n) => n.id));
    return toFlowNodes(graph, analysis.shapes, analysis.diagnostics).map((node) => {
      const stats = overlay?.nodeStats?.[node.id];
      const failure = overlay?.failure && overlay.failure.nodeId === node.id ? overlay.failure.message : undefined;
      const loss = lossNodeIds.has(node.id) ? overlay?.loss : undefined;
      return {
        ...node,
        data: { ...node.data, showStats, ...(stats ? { stats } : {}), ...(failure ? { failure } : {}), ...(loss !== undefined ? { loss } : {}) },
      };
    });
  }, [graph, analysis, overlay, showStats]);
  const edges = useMemo(() => (graph && analysis ? toFlowEdges(graph, analysis.shapes, analysis.diagnostics) : []), [graph, analysis]);
  return { nodes, edges };
}
