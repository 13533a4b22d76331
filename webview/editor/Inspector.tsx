// The right-hand panel: the selected node's inspector, or the graph's training settings when nothing is selected.
import { type ReactNode, useEffect, useRef } from 'react';
import {
  type Diagnostic, getOwn, type GraphDocument, type GraphEdge, type GraphNode, type JsonObject,
} from '../../src/graph/index';
import type { TrainingOverlay } from '../../src/protocol/messages';
import { NodeInspector } from './NodeInspector';
import { TrainingSettings } from './TrainingSettings';

interface InspectorProps {
  graph: GraphDocument | undefined;
  node: GraphNode | undefined;
  selectionSize: number;
  raw: JsonObject;
  diagnostics: Diagnostic[];
  overlay: TrainingOverlay | undefined;
  csvColumns: string[] | undefined;
  onConnectWire: (edge: GraphEdge, replacing: boolean) => void;
  /** Explain mode's numbers for the selected node (or the op being stepped through), shown first. */
  explainPanel?: ReactNode;
}

export function Inspector({ graph, node, selectionSize, raw, diagnostics, overlay, csvColumns, onConnectWire, explainPanel }: InspectorProps) {
  const problemsOf = (nodeId: string | undefined) => diagnostics.filter((d) => d.nodeId === nodeId)
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...(d.field ? { field: d.field } : {}) }));
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // Keys typed into the inspector's controls (some are not <input>s inside their shadow DOM) must not reach the
    // canvas, where Delete and Backspace remove the selected node.
    const keepInside = (event: KeyboardEvent) => {
      if (event.key === 'Delete' || event.key === 'Backspace') event.stopPropagation();
    };
    const element = panel.current;
    element?.addEventListener('keydown', keepInside);
    return () => element?.removeEventListener('keydown', keepInside);
  }, []);
  const training = typeof raw.training === 'object' && raw.training !== null && !Array.isArray(raw.training) ? raw.training : {};
  return (
    <aside className="inspector" aria-label="Inspector" tabIndex={-1} id="inspector" ref={panel}>
      {explainPanel}
      {graph && node
        ? <NodeInspector key={node.id} graph={graph} node={node} problems={problemsOf(node.id)} csvColumns={csvColumns}
          {...(overlay?.nodeStats && getOwn(overlay.nodeStats, node.id) ? { stats: getOwn(overlay.nodeStats, node.id) } : {})} onConnectWire={onConnectWire} />
        : selectionSize > 1
          ? <p className="inspector__hint">{selectionSize} nodes selected. Delete, copy or duplicate them (Ctrl+D), or select one to edit it.</p>
          : <TrainingSettings name={typeof raw.name === 'string' ? raw.name : ''} training={training}
            problems={problemsOf(undefined)} />}
    </aside>
  );
}
