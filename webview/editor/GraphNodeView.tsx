// A node on the canvas: type and id, key parameters, named input and output ports with their shapes, its problems,
// and live training state. Memoized: React Flow re-renders it only when its own data changes.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatShape, NODE_TYPES } from '../../src/graph/index';
import { ExplainNodeLines } from './explain/ExplainNodeLines';
import { keyParams, type EditorNode } from './nodeData';

function portTop(index: number, count: number): string {
  return `${((index + 1) / (count + 1)) * 100}%`;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.001 && value !== 0) ? value.toExponential(2) : value.toFixed(4);
}

function GraphNodeViewImpl({ id, data, selected }: NodeProps<EditorNode>) {
  const info = NODE_TYPES[data.nodeType];
  const errors = data.problems.filter((p) => p.severity === 'error');
  const warnings = data.problems.filter((p) => p.severity !== 'error');
  const state = data.failure ? 'failed' : errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'ok';
  const detail = keyParams(data);
  return (
    <div className={`graph-node graph-node--${info.category} graph-node--${state}${selected ? ' graph-node--selected' : ''}${data.explain?.current ? ' graph-node--explain-current' : ''}`}
      aria-label={`${info.label} node ${id}${detail ? `, ${detail}` : ''}${errors.length > 0 ? `, ${errors.length} error(s)` : ''}`}>
      <div className="graph-node__header">
        <span className="graph-node__type">{info.label}</span>
        <span className="graph-node__id">{id}</span>
      </div>
      {detail && <div className="graph-node__params">{detail}</div>}
      <div className="graph-node__ports">
        <div className="graph-node__inputs">
          {data.inputs.map((port) => <div key={port} className="graph-node__port-label">{port}</div>)}
        </div>
        <div className="graph-node__outputs">
          {data.outputs.map((port) => (
            <div key={port} className="graph-node__port-label">{port} <span className="graph-node__shape">{formatShape(data.outputShapes[port]) ?? ''}</span></div>
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
      {errors.concat(warnings).slice(0, 2).map((problem) => (
        <div key={`${problem.code}:${problem.message}`} className={`graph-node__problem graph-node__problem--${problem.severity}`}>
          {problem.code}: {problem.message}
        </div>
      ))}
      {data.inputs.map((port, index) => (
        <Handle key={`in:${port}`} type="target" position={Position.Left} id={port}
          style={{ top: portTop(index, data.inputs.length) }} aria-label={`input ${port} of ${id}`} />
      ))}
      {data.outputs.map((port, index) => (
        <Handle key={`out:${port}`} type="source" position={Position.Right} id={port}
          style={{ top: portTop(index, data.outputs.length) }} aria-label={`output ${port} of ${id}`} />
      ))}
    </div>
  );
}

export const GraphNodeView = memo(GraphNodeViewImpl);
