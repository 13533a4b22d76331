// A wire in explain mode: the usual curve, with this sample's value (or gradient) as its label, written as a short
// column (a vector's first entries, then its length) so it fits the gap between two nodes, and a colour strip for a
// long vector. The label is HTML over the canvas (React Flow's edge label layer); the wire's aria-label has the text.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type Edge } from '@xyflow/react';
import type { ExplainFlowEdge } from './decorate';
import { columnEntries } from './format';
import { ValueStrip } from './ValueStrip';

type ExplainEdgeType = Edge<ExplainFlowEdge['data'], 'explain'>;

function ExplainEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style }: EdgeProps<ExplainEdgeType>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const explain = data?.explain;
  const classes = `explain-wire__label${explain?.kind === 'gradient' ? ' explain-wire__label--gradient' : ''}${explain?.current ? ' explain-wire__label--current' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})}
        className={explain?.current ? 'explain-wire--current' : ''} />
      {explain && (
        <EdgeLabelRenderer>
          <div className={classes} aria-hidden="true" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {explain.kind === 'gradient' && <span className="explain-wire__kind">∂L</span>}
            {columnEntries(explain.values).map((entry, index) => <span key={index} className="explain-wire__entry">{entry}</span>)}
            <ValueStrip values={explain.values} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ExplainEdge = memo(ExplainEdgeImpl);
