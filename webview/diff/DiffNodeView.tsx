// A node of one version in the graph diff: its type, id and key parameters as in the editor, a status word (added,
// removed, changed, moved) besides the colour, and each changed value old → new.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { NODE_TYPES } from '../../src/graph/index';
import { keyParams } from '../editor/nodeData';
import type { DiffFlowNode } from './diffView';

function portTop(index: number, count: number): string {
  return `${((index + 1) / (count + 1)) * 100}%`;
}

function DiffNodeViewImpl({ id, data }: NodeProps<DiffFlowNode>) {
  const info = NODE_TYPES[data.nodeType];
  const detail = keyParams(data);
  const renamed = data.otherId === undefined ? undefined : data.side === 'after' ? `was ${data.otherId}` : `now ${data.otherId}`;
  const label = [`${info.label} node ${id}`, data.status === 'same' ? 'unchanged' : data.status, renamed, detail, ...data.changeLines]
    .filter((part) => part !== undefined && part !== '').join(', ');
  return (
    <div className={`diff-node diff-node--${info.category} diff-node--${data.status}`} aria-label={label} data-node-id={id}>
      <div className="diff-node__header">
        <span className="diff-node__type">{info.label}</span>
        <span className="diff-node__id" title={id}>{id}</span>
      </div>
      {data.status !== 'same' && <div className="diff-node__status">{data.status}</div>}
      {renamed && <div className="diff-node__renamed">{renamed}</div>}
      {detail && <div className="diff-node__params">{detail}</div>}
      {data.changeLines.length > 0 && (
        <ul className="diff-node__changes">
          {data.changeLines.map((line) => <li key={line}>{line}</li>)}
        </ul>
      )}
      {data.inputs.map((port, index) => (
        <Handle key={`in:${port}`} type="target" position={Position.Left} id={port} isConnectable={false}
          style={{ top: portTop(index, data.inputs.length) }} />
      ))}
      {data.outputs.map((port, index) => (
        <Handle key={`out:${port}`} type="source" position={Position.Right} id={port} isConnectable={false}
          style={{ top: portTop(index, data.outputs.length) }} />
      ))}
    </div>
  );
}

export const DiffNodeView = memo(DiffNodeViewImpl);
