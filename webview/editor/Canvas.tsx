// The React Flow canvas. It draws what the document says; user gestures become intents sent to the host (a drag is
// committed once, when it ends). Local state holds only what React Flow needs between two documents: measured
// sizes, selection, positions during a drag.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyEdgeChanges, applyNodeChanges, ControlButton, Controls, MiniMap, ReactFlow, useStore,
  type Connection, type Edge, type EdgeChange, type FinalConnectionState, type IsValidConnection, type NodeChange,
} from '@xyflow/react';
import {
  checkConnection, type FlowEdge, fromFlowConnection, fromFlowEdge, type GraphDocument, type GraphEdge, type NodeType, type Shape,
  suggestedNext,
} from '../../src/graph/index';
import { EmptyCanvasGuide } from './EmptyCanvasGuide';
import { NextNodeContext, type NextNodeActions } from './nextNode';
import { WireRefusal, type WireRefusalNote } from './WireRefusal';
import { CanvasBackground } from './CanvasBackground';
import { ExplainEdge } from './explain/ExplainEdge';
import { GraphNodeView } from './GraphNodeView';
import { sendIntent } from './hostConnection';
import type { EditorNode } from './nodeData';
import { useCanvasElements } from './useCanvasElements';
import { usePaletteDrop } from './usePaletteDrop';
import { useQuickAdd } from './useQuickAdd';
import { loadViewState, saveViewState } from './viewState';
import { MAX_ZOOM, MIN_ZOOM, MINIMAP_SIZE, minimapFits } from './viewportFit';
import { useVsCodeColorMode } from '../shared/useVsCodeColorMode';

/** Defined once at module level so React Flow does not re-create the node components on every render. */
const nodeTypes = { nngraph: GraphNodeView };
/** Explain mode's wires carry this sample's values (explain/decorate.ts); every other wire is React Flow's default. */
const edgeTypes = { explain: ExplainEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Above this many nodes the canvas draws only the nodes in view (the reduced view of a large graph). */
const VISIBLE_ONLY_ABOVE_NODES = 500;

interface CanvasProps {
  graph: GraphDocument;
  /** Every port's inferred shape, `nodeId.port` → shape (for the quick-add box). */
  shapes: Readonly<Record<string, Shape>>;
  nodes: EditorNode[];
  edges: FlowEdge[];
  selectedNodeIds: ReadonlySet<string>;
  onSelectionChange: (nodeIds: Set<string>) => void;
  /** Tries a wire: connects it, or returns why not (the canvas shows it where the wire was let go). */
  onConnectWire: (edge: GraphEdge) => string | undefined;
  /** Adds a node of a type (the empty canvas's guide). */
  onAddNode: (nodeType: NodeType) => void;
  /** The person moved or zoomed the view themselves. */
  onViewMoved: () => void;
  /** Whether the person keeps the minimap on (it shows only on a canvas with room for it). */
  minimapOn: boolean;
  onToggleMinimap: () => void;
}

export function Canvas({
  graph, shapes, nodes: documentNodes, edges: documentEdges, selectedNodeIds, onSelectionChange, onConnectWire, onAddNode, onViewMoved,
  minimapOn, onToggleMinimap,
}: CanvasProps) {
  const { onDragOver, onDrop } = usePaletteDrop();
  const { nodes, setNodes, edges, setEdges } = useCanvasElements(documentNodes, documentEdges, selectedNodeIds);
  const lastRefusal = useRef<string | undefined>(undefined);
  const colorMode = useVsCodeColorMode();
  const { openFromWire: openQuickAdd, openBeside, box: quickAddBox } = useQuickAdd(graph, shapes, selectedNodeIds);
  // Why the last wire was refused, beside where it was let go; any change of the document (the next edit that
  // worked, or the person fixing the cause by hand) clears it, as does the next wire or a click on the canvas.
  const [refusal, setRefusal] = useState<WireRefusalNote | undefined>(undefined);
  const shapeRefusal = useRef<string | undefined>(undefined);
  useEffect(() => setRefusal(undefined), [graph]);
  const nextNode = useMemo<NextNodeActions>(() => ({
    suggestionFor: (nodeId) => suggestedNext(graph, nodeId),
    openNext: (nodeId) => { openBeside(nodeId); },
  }), [graph, openBeside]);
  const minimapRoom = useStore((state) => minimapFits({ width: state.width, height: state.height }));

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
    // React Flow calls onConnect just before onConnectEnd, which knows where the wire was let go.
    shapeRefusal.current = edge ? onConnectWire(edge) : undefined;
  }, [onConnectWire]);

  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const refusedShape = shapeRefusal.current;
    shapeRefusal.current = undefined;
    if (openQuickAdd(event, state)) return;
    const message = state.toHandle && !state.isValid ? lastRefusal.current : refusedShape;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (message && point) setRefusal({ message, at: { x: point.clientX, y: point.clientY } });
  }, [openQuickAdd]);

  const initialViewport = useRef(loadViewState().viewport);
  return (
    <NextNodeContext.Provider value={nextNode}>
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<EditorNode, Edge>
        nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes}
        onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onDelete={onDelete}
        onConnect={onConnect} onConnectEnd={onConnectEnd} isValidConnection={isValidConnection}
        onConnectStart={() => setRefusal(undefined)} onPaneClick={() => setRefusal(undefined)}
        deleteKeyCode={DELETE_KEYS} multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        {...(initialViewport.current ? { defaultViewport: initialViewport.current } : {})}
        onMoveStart={(event) => { if (event) onViewMoved(); }}
        onMoveEnd={(_event, viewport) => saveViewState({ viewport })}
        minZoom={MIN_ZOOM} maxZoom={MAX_ZOOM} colorMode={colorMode} proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE_NODES}
        aria-label="Graph canvas"
      >
        <CanvasBackground />
        <Controls aria-label="Zoom controls" orientation="horizontal" showFitView={false} onZoomIn={onViewMoved} onZoomOut={onViewMoved}>
          {minimapRoom && (
            <ControlButton onClick={onToggleMinimap} aria-label={minimapOn ? 'Hide minimap' : 'Show minimap'}
              title={minimapOn ? 'Hide minimap' : 'Show minimap'} aria-pressed={minimapOn}>
              <span aria-hidden="true" className="canvas__minimap-icon">▣</span>
            </ControlButton>
          )}
        </Controls>
        {minimapRoom && minimapOn && <MiniMap pannable zoomable ariaLabel="Minimap" style={MINIMAP_SIZE} onClick={onViewMoved} />}
      </ReactFlow>
      {quickAddBox}
      {refusal && <WireRefusal key={`${refusal.at.x},${refusal.at.y}`} note={refusal} onDismiss={() => setRefusal(undefined)} />}
      {graph.nodes.length === 0 && <EmptyCanvasGuide onAdd={onAddNode} />}
    </div>
    </NextNodeContext.Provider>
  );
}
