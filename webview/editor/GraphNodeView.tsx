// A node on the canvas: type and id, key parameters, named input and output ports with their shapes, its problems,
// and live training state. Memoized: React Flow re-renders it only when its own data changes.
import { Fragment, memo, useContext } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatNodeCost, formatShape, NODE_TYPES, type NodeCost } from '../../src/graph/index';
import { ExplainNodeLines } from './explain/ExplainNodeLines';
import { NextNodeContext } from './nextNode';
import { keyParams, type EditorNode } from './nodeData';

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.001 && value !== 0) ? value.toExponential(2) : value.toFixed(4);
}

/** What a screen reader hears of a node's cost: exact counts, and why a heavy node is marked. */
function costLabel(cost: NodeCost, heavyShare: number | undefined): string {
  const counts = `${cost.params.toLocaleString('en-US')} parameters, ${cost.flops.toLocaleString('en-US')} FLOPs per sample`;
  return heavyShare === undefined ? counts : `${counts}, one of the heaviest nodes: ${Math.round(heavyShare * 100)}% of the model's FLOPs`;
}

function GraphNodeViewImpl({ id, data, selected }: NodeProps<EditorNode>) {
  const info = NODE_TYPES[data.nodeType];
  const errors = data.problems.filter((p) => p.severity === 'error');
  const warnings = data.problems.filter((p) => p.severity !== 'error');
  const state = data.failure ? 'failed' : errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'ok';
  const detail = keyParams(data);
  const costText = data.cost ? costLabel(data.cost, data.heavyShare) : undefined;
  const nextNode = useContext(NextNodeContext);
  // Only on the selected node, and not while explaining: a quiet offer of the usual next step.
  const next = selected && !data.explain ? nextNode?.suggestionFor(id) : undefined;
  return (
    <div className={`graph-node graph-node--${info.category} graph-node--${state}${selected ? ' graph-node--selected' : ''}${data.heavyShare !== undefined ? ' graph-node--heavy' : ''}${data.explain?.current ? ' graph-node--explain-current' : ''}`}
      aria-label={`${info.label} node ${id}${detail ? `, ${detail}` : ''}${costText ? `, ${costText}` : ''}${errors.length > 0 ? `, ${errors.length} error(s)` : ''}`}>
      <div className="graph-node__header">
        <span className="graph-node__type">{info.label}</span>
        <span className="graph-node__id" title={id}>{id}</span>
      </div>
      {detail && <div className="graph-node__params">{detail}</div>}
      {data.cost && (
        <div className="graph-node__cost" aria-label={costText} title={costText}>
          {data.heavyShare !== undefined && <span className="graph-node__heavy" aria-hidden="true">▲ </span>}
          {/* Each count keeps its words together, so a narrow node breaks the line only at the dot. */}
          {formatNodeCost(data.cost).split(' · ').map((part, index) => (
            <Fragment key={part}>{index > 0 && ' · '}<span className="graph-node__cost-part">{part}</span></Fragment>
          ))}
        </div>
      )}
      {/* Each handle sits inside its label's row, so the dot is level with the name it belongs to. */}
      <div className="graph-node__ports">
        <div className="graph-node__inputs">
          {data.inputs.map((port) => (
            <div key={port} className="graph-node__port-label graph-node__port-label--in" data-port={port}>
              <Handle type="target" position={Position.Left} id={port} aria-label={`input ${port} of ${id}`} />
              {port}
            </div>
          ))}
        </div>
        <div className="graph-node__outputs">
          {data.outputs.map((port) => (
            <div key={port} className="graph-node__port-label graph-node__port-label--out" data-port={port}>
              {port} <span className="graph-node__shape">{formatShape(data.outputShapes[port]) ?? ''}</span>
              <Handle type="source" position={Position.Right} id={port} aria-label={`output ${port} of ${id}`} />
            </div>
          ))}
        </div>
      </div>
      {data.loss !== undefined && <div className="graph-node__loss" aria-label="current loss">loss {formatNumber(data.loss)}</div>}
      {data.showStats && data.stats && (
        <div className="graph-node__stats" aria-label={`statistics of ${id}`}>
          μ {formatNumber(data.stats.mean)} · σ {formatNumber(data.stats.std)} · zeros {(data.stats.zeroFraction * 100).toFixed(0)}% · ‖∇‖ {formatNumber(data.stats.gradNorm)}
        </div>
      )}
      {data.explain && <ExplainNodeLines explain={data.explain} nodeId={id} />}
      {data.failure && <div className="graph-node__problem graph-node__problem--error" role="alert">{data.failure}</div>}
      {next && nextNode && (
        <button type="button" className="graph-node__next nodrag nopan" onClick={() => nextNode.openNext(id)}
          aria-label={`Add the next node after ${id}: ${NODE_TYPES[next].label} (or press A)`} title={`Add ${NODE_TYPES[next].label} after ${id} (A)`}>
          Next: {NODE_TYPES[next].label} →
        </button>
      )}
      {errors.concat(warnings).slice(0, 2).map((problem) => (
        <div key={`${problem.code}:${problem.message}`} className={`graph-node__problem graph-node__problem--${problem.severity}`}>
          {problem.code}: {problem.message}
        </div>
      ))}
    </div>
  );
}

export const GraphNodeView = memo(GraphNodeViewImpl);
