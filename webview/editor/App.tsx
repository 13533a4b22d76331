// The graph editor: toolbar, palette, canvas, inspector and status line over the document the host sends.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { type GraphEdge, type JsonObject, NODE_HEIGHT, NODE_WIDTH, type NodeType } from '../../src/graph/index';
import { Canvas } from './Canvas';
import { checkWire } from './connectionRules';
import { ExplainBar } from './explain/ExplainBar';
import { decorateEdges, decorateNodes } from './explain/decorate';
import { ExplainPanel } from './explain/ExplainPanel';
import { currentNodeId, orderOf } from './explain/steps';
import { useExplain } from './explain/useExplain';
import { sendIntent } from './hostConnection';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { existingSelection } from './selection';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { toolbarGroups } from './toolbarGroups';
import { UnreadableView } from './UnreadableView';
import { useAutoLayout } from './useAutoLayout';
import { useEditorShortcuts } from './useEditorShortcuts';
import { useFlowElements } from './useFlowElements';
import { useGraphDocument } from './useGraphDocument';
import { useViewportFit } from './useViewportFit';
import { loadViewState, saveViewState } from './viewState';

const NO_SHAPES = {};

export function App() {
  const doc = useGraphDocument();
  const flow = useReactFlow();
  const [minimapOn, setMinimapOn] = useState(() => loadViewState().hideMinimap !== true);
  const viewFit = useViewportFit(minimapOn);
  const [chosen, setSelection] = useState<ReadonlySet<string>>(() => new Set(loadViewState().selectedNodeIds ?? []));
  const [showStats, setShowStats] = useState(() => loadViewState().showStats ?? false);
  const [status, setStatus] = useState<string>('');
  const graph = doc.analysis?.graph;
  const raw = doc.read?.ok ? doc.read.value : undefined;

  const changeSelection = useCallback((next: ReadonlySet<string>) => {
    setSelection(next);
    saveViewState({ selectedNodeIds: [...next] });
  }, []);
  // Deleted nodes leave the selection. Derived, not stored: the host's `select` for a pasted or renamed node can
  // arrive before the document that holds it, and must still apply when the document comes.
  const selection = useMemo(() => existingSelection(chosen, graph), [chosen, graph]);

  useEffect(() => {
    if (!doc.selectRequest) return;
    const nodeIds = doc.selectRequest.nodeIds;
    changeSelection(new Set(nodeIds));
    const shown = doc.selectRequest.reveal ? flow.getNode(nodeIds[0] ?? '') : undefined;
    if (shown) {
      viewFit.release();
      // Pan to the node at the current zoom: following a cursor or a problem should not zoom the view about.
      const width = shown.measured?.width ?? NODE_WIDTH;
      const height = shown.measured?.height ?? NODE_HEIGHT;
      void flow.setCenter(shown.position.x + width / 2, shown.position.y + height / 2, { zoom: flow.getZoom(), duration: 200 });
    }
  }, [doc.selectRequest, changeSelection, flow, viewFit]);
  useEffect(() => { if (doc.refusal) setStatus(doc.refusal.message); }, [doc.refusal]);

  const documentElements = useFlowElements(doc.analysis, doc.overlay, showStats);
  const { cost } = documentElements;
  const explain = useExplain(doc.text, doc.explanationReply, doc.pointsReply);
  const explanation = explain.active ? explain.explanation : undefined;
  const { nodes: flowNodes, edges: flowEdges } = useMemo(() => (explanation
    ? { nodes: decorateNodes(documentElements.nodes, explanation, explain.cursor), edges: decorateEdges(documentElements.edges, explanation, explain.cursor) }
    : documentElements), [documentElements, explanation, explain.cursor]);
  const steppedNodeId = explanation ? currentNodeId(explain.cursor, orderOf(explanation)) : undefined;
  useEffect(() => {
    // The view follows the walk, at the person's zoom, so the op being stepped through is always in sight.
    const shown = steppedNodeId === undefined ? undefined : flow.getNode(steppedNodeId);
    if (!shown) return;
    viewFit.release();
    const width = shown.measured?.width ?? NODE_WIDTH;
    const height = shown.measured?.height ?? NODE_HEIGHT;
    void flow.setCenter(shown.position.x + width / 2, shown.position.y + height / 2, { zoom: flow.getZoom(), duration: 200 });
  }, [steppedNodeId, flow, viewFit]);

  /** Connects a wire, or returns why not (the canvas shows it at the pointer; the inspector in the status line). */
  const connectWire = useCallback((edge: GraphEdge, replacing = false): string | undefined => {
    if (!graph || !raw || !doc.analysis) return undefined;
    const base = replacing ? { ...graph, edges: graph.edges.filter((e) => e.to !== edge.to) } : graph;
    const verdict = checkWire(base, raw, edge, doc.analysis.diagnostics, doc.datasetInfo);
    if (!verdict.ok) return verdict.reason;
    setStatus('');
    sendIntent({ kind: 'connect', from: edge.from, to: edge.to });
    return undefined;
  }, [graph, raw, doc.analysis, doc.datasetInfo]);
  const connectFromInspector = useCallback((edge: GraphEdge, replacing = false) => {
    const reason = connectWire(edge, replacing);
    if (reason !== undefined) setStatus(reason);
  }, [connectWire]);
  // A message about the document (a refused wire or edit) is stale once the document changes.
  useEffect(() => setStatus(''), [graph]);

  const addNode = useCallback((nodeType: NodeType) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = canvas
      ? flow.screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    // Step down past nodes already there, so a new node never hides (or hides behind) another one.
    let position = { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 };
    const occupied = (p: { x: number; y: number }) =>
      graph?.nodes.some((n) => Math.abs(n.position.x - p.x) < NODE_WIDTH && Math.abs(n.position.y - p.y) < NODE_HEIGHT + 10);
    for (let i = 0; i < 50 && occupied(position); i++) position = { x: position.x, y: position.y + NODE_HEIGHT / 2 };
    sendIntent({ kind: 'addNode', nodeType, position });
  }, [flow, graph]);

  useEditorShortcuts({ raw, selection, graph, onSelectAll: () => changeSelection(new Set(graph?.nodes.map((n) => n.id) ?? [])) });
  const autoLayout = useAutoLayout(raw, viewFit);
  // One layout per request from the palette (not one per new document, which would follow from depending on autoLayout).
  const layoutRequest = doc.layoutRequest;
  const layOutRef = useRef(autoLayout);
  layOutRef.current = autoLayout;
  useEffect(() => { if (layoutRequest !== undefined) layOutRef.current(); }, [layoutRequest]);

  if (!doc.read) return <div className="loading" role="status">Loading graph…</div>;
  if (!doc.read.ok) return <UnreadableView reason={doc.read.reason} />;
  const diagnostics = doc.analysis?.diagnostics ?? [];
  const selectedNode = selection.size === 1 ? graph?.nodes.find((n) => selection.has(n.id)) : undefined;
  const explainedNodeId = explanation ? (selectedNode?.id ?? steppedNodeId) : undefined;
  return (
    <div className="editor">
      <div className="editor__top">
      <Toolbar groups={toolbarGroups({
        running: doc.overlay?.running ?? false, paused: doc.overlay?.paused ?? false, showStats,
        onToggleStats: () => { setShowStats(!showStats); saveViewState({ showStats: !showStats }); },
        explaining: explain.active, onToggleExplain: explain.toggle, onAutoLayout: autoLayout, onFitView: () => viewFit.fit('whole', 200),
        continueFromSaved: doc.continueFromSaved ?? false, pace: doc.pace ?? 'auto',
      })} />
      {explain.active && <ExplainBar explain={explain} />}
      </div>
      <Palette onAdd={addNode} />
      {graph
        ? <Canvas graph={graph} shapes={doc.analysis?.shapes ?? NO_SHAPES} nodes={flowNodes} edges={flowEdges} selectedNodeIds={selection} onSelectionChange={changeSelection}
          onConnectWire={connectWire} onAddNode={addNode} onViewMoved={viewFit.release} minimapOn={minimapOn}
          onToggleMinimap={() => { setMinimapOn(!minimapOn); saveViewState({ hideMinimap: minimapOn }); }} />
        : <div className="canvas canvas--empty" role="status">The graph has problems that keep it from being drawn; see the list below.</div>}
      <Inspector graph={graph} node={selectedNode} selectionSize={selection.size} raw={raw as JsonObject}
        diagnostics={diagnostics} overlay={doc.overlay} csvColumns={doc.csvColumns} onConnectWire={connectFromInspector}
        {...(explanation ? { explainPanel: <ExplainPanel explain={explain} explanation={explanation} nodeId={explainedNodeId} /> } : {})} />
      <StatusBar diagnostics={diagnostics} status={status} overlay={doc.overlay} cost={cost}
        onSelectNode={(nodeId) => changeSelection(new Set([nodeId]))} />
    </div>
  );
}
