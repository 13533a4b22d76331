// The React Flow canvas. It draws what the document says; user gestures become intents sent to the host (a drag is
// committed once, when it ends). Local state holds only what React Flow needs between two documents: measured
// sizes, selection, positions during a drag.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import {
  applyEdgeChanges, applyNodeChanges, Background, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type Edge, type EdgeChange, type FinalConnectionState, type IsValidConnection, type NodeChange,
} from '@xyflow/react';
import { isNodeType } from '../../src/graph/nodeTypes';
import { checkConnection, fromFlowConnection, fromFlowEdge, type FlowEdge } from '../../src/graph/reactFlow';
import type { GraphDocument, GraphEdge } from '../../src/graph/types';
import { GraphNodeView } from './GraphNodeView';
import { sendIntent } from './hostConnection';
import type { EditorNode } from './nodeData';
import { PALETTE_DRAG_TYPE } from './Palette';
import { loadViewState, saveViewState } from './viewState';
import { useVsCodeColorMode } from '../shared/useVsCodeColorMode';

/** Defined once at module level so React Flow does not re-create the node components on every render. */
const nodeTypes = { nngraph: GraphNodeView };
const DELETE_KEYS = ['Delete', 'Backspace'];

interface CanvasProps {
  graph: GraphDocument;
  nodes: EditorNode[];
  edges: FlowEdge[];
  selectedNodeIds: ReadonlySet<string>;
  onSelectionChange: (nodeIds: Set<string>) => void;
  /** Tries a wire: connects it, or shows why not. */
  onConnectWire: (edge: GraphEdge) => void;
  onStatus: (message: string) => void;
}

/** Keeps what React Flow measured (and the drag in progress) when a new document replaces the nodes. */
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

export function Canvas({ graph, nodes: documentNodes, edges: documentEdges, selectedNodeIds, onSelectionChange, onConnectWire, onStatus }: CanvasProps) {
  const flow = useReactFlow<EditorNode, Edge>();
  const [nodes, setNodes] = useState<EditorNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const lastRefusal = useRef<string | undefined>(undefined);
  const colorMode = useVsCodeColorMode();

  useEffect(() => setNodes((previous) => mergeNodes(previous, documentNodes, selectedNodeIds)), [documentNodes, selectedNodeIds]);
  useEffect(() => setEdges((previous) => {
    const selected = new Set(previous.filter((edge) => edge.selected).map((edge) => edge.id));
    return documentEdges.map((edge) => ({
      ...edge, selected: selected.has(edge.id), className: edge.data.invalid ? 'graph-edge--invalid' : '',
      ariaLabel: `wire from ${edge.source}.${edge.sourceHandle} to ${edge.target}.${edge.targetHandle}${edge.label ? `, ${edge.label}` : ''}`,
    }));
  }), [documentEdges]);

  const onNodesChange = useCallback((changes: NodeChange<EditorNode>[]) => {
    // Removal goes through onDelete as one intent; the document then drops the nodes.
    const kept = changes.filter((change) => change.type !== 'remove');
    setNodes((current) => applyNodeChanges(kept, current));
    const moves = kept.flatMap((change) => (change.type === 'position' && change.dragging === false && change.position
      ? [{ nodeId: change.id, position: change.position }] : []));
    if (moves.length > 0) sendIntent({ kind: 'moveNodes', moves });
    if (kept.some((change) => change.type === 'select')) {
      const selection = new Set(selectedNodeIds);
      for (const change of kept) {
        if (change.type !== 'select') continue;
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      onSelectionChange(selection);
    }
  }, [selectedNodeIds, onSelectionChange]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) => applyEdgeChanges(changes.filter((change) => change.type === 'select'), current));
  }, []);

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: EditorNode[]; edges: Edge[] }) => {
    const edgesToCut = cut.flatMap((edge) => (edge.sourceHandle && edge.targetHandle
      ? [fromFlowEdge({ source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target, targetHandle: edge.targetHandle })] : []));
    if (gone.length > 0 || edgesToCut.length > 0) sendIntent({ kind: 'deleteElements', nodeIds: gone.map((node) => node.id), edges: edgesToCut });
  }, []);

  const isValidConnection: IsValidConnection = useCallback((connection) => {
    const edge = fromFlowConnection(connection);
    if (!edge) return false;
    const verdict = checkConnection(graph, edge);
    lastRefusal.current = verdict.ok ? undefined : verdict.reason;
    return verdict.ok;
  }, [graph]);

  const onConnect = useCallback((connection: Connection) => {
    const edge = fromFlowConnection(connection);
    if (edge) onConnectWire(edge);
  }, [onConnectWire]);

  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.toHandle && !state.isValid && lastRefusal.current) onStatus(lastRefusal.current);
  }, [onStatus]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const nodeType = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
    if (!isNodeType(nodeType)) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    sendIntent({ kind: 'addNode', nodeType, position });
  }, [flow]);

  const initialViewport = useRef(loadViewState().viewport);
  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<EditorNode, Edge>
        nodes={nodes} edges={edges} nodeTypes={nodeTypes}
        onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onDelete={onDelete}
        onConnect={onConnect} onConnectEnd={onConnectEnd} isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS} multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        {...(initialViewport.current ? { defaultViewport: initialViewport.current } : { fitView: true })}
        onMoveEnd={(_event, viewport) => saveViewState({ viewport })}
        minZoom={0.1} maxZoom={3} colorMode={colorMode} proOptions={{ hideAttribution: true }}
        aria-label="Graph canvas"
      >
        <Background gap={20} />
        <Controls aria-label="Zoom controls" showFitView={false} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
      </ReactFlow>
    </div>
  );
}
