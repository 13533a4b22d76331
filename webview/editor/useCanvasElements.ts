// React Flow's own copy of the nodes and wires: rebuilt from each new document, keeping what React Flow measured,
// the selection and a drag in progress.
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { Edge } from '@xyflow/react';
import type { FlowEdge } from '../../src/graph/index';
import type { EditorNode } from './nodeData';

function mergeNodes(previous: EditorNode[], next: EditorNode[], selected: ReadonlySet<string>): EditorNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return next.map((node) => {
    const old = byId.get(node.id);
    const merged: EditorNode = { ...node, selected: selected.has(node.id) };
    if (old?.measured) merged.measured = old.measured;
    if (old?.dragging) { merged.position = old.position; merged.dragging = true; }
    return merged;
  });
}

export interface CanvasElements {
  nodes: EditorNode[];
  setNodes: Dispatch<SetStateAction<EditorNode[]>>;
  edges: Edge[];
  setEdges: Dispatch<SetStateAction<Edge[]>>;
}

export function useCanvasElements(documentNodes: EditorNode[], documentEdges: FlowEdge[], selectedNodeIds: ReadonlySet<string>): CanvasElements {
  const [nodes, setNodes] = useState<EditorNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  useEffect(() => setNodes((previous) => mergeNodes(previous, documentNodes, selectedNodeIds)), [documentNodes, selectedNodeIds]);
  useEffect(() => setEdges((previous) => {
    const selected = new Set(previous.filter((edge) => edge.selected).map((edge) => edge.id));
    return documentEdges.map((edge) => ({
      ...edge, selected: selected.has(edge.id), className: edge.data.invalid ? 'graph-edge--invalid' : '',
      ariaLabel: `wire from ${edge.source}.${edge.sourceHandle} to ${edge.target}.${edge.targetHandle}${edge.label ? `, ${edge.label}` : ''}`,
    }));
  }), [documentEdges]);
  return { nodes, setNodes, edges, setEdges };
}
