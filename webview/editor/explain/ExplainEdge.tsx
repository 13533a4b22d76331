// A wire in explain mode: the usual curve, with this sample's value (or gradient) as its label and a colour strip for a
// long vector. The label is HTML over the canvas (React Flow's edge label layer), so it follows the theme's fonts.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type Edge } from '@xyflow/react';
import type { ExplainFlowEdge } from './decorate';
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
          <div className={classes} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            <span className="explain-wire__text">{explain.text}</span>
            <ValueStrip values={explain.values} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ExplainEdge = memo(ExplainEdgeImpl);
