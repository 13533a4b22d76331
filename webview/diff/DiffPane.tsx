// One version of the graph in the diff: a read-only React Flow canvas that fits the whole graph in view.
import { useEffect } from 'react';
import { ReactFlow, ReactFlowProvider, Controls, useReactFlow, useStore } from '@xyflow/react';
import { CanvasBackground } from '../editor/CanvasBackground';
import { useVsCodeColorMode } from '../shared/useVsCodeColorMode';
import { DiffNodeView } from './DiffNodeView';
import type { SideView } from './diffView';

/** Defined once at module level so React Flow does not re-create the node component on every render. */
const nodeTypes = { diffNode: DiffNodeView };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1.2 };

/** Fits the whole graph again when the pane changes size (the side bar hidden, the panel resized or split). */
function FitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => {
    if (width > 0 && height > 0) void fitView(FIT_VIEW_OPTIONS);
  }, [width, height, fitView]);
  return null;
}

interface DiffPaneProps {
  heading: string;
  view: SideView;
}

export function DiffPane({ heading, view }: DiffPaneProps) {
  const colorMode = useVsCodeColorMode();
  return (
    <section className="diff-pane" aria-label={heading}>
      <h2 className="diff-pane__heading">{heading}</h2>
      <div className="diff-pane__canvas">
        <ReactFlowProvider>
          <ReactFlow nodes={view.nodes} edges={view.edges} nodeTypes={nodeTypes}
            nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} nodesFocusable edgesFocusable={false}
            fitView fitViewOptions={FIT_VIEW_OPTIONS} minZoom={0.2} maxZoom={2}
            colorMode={colorMode} proOptions={{ hideAttribution: true }} aria-label={`${heading} graph`}>
            <CanvasBackground />
            <FitOnResize />
            <Controls aria-label={`Zoom controls of ${heading}`} showInteractive={false} />
          </ReactFlow>
        </ReactFlowProvider>
      </div>
    </section>
  );
}
