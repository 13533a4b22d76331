// Direct manipulation: set one weight or bias of a dense node by hand and see the sample's output and loss change at
// once. Explain only: the edit lives in the webview, is sent with each explain request, and is never saved.
import { useState } from 'react';
import type { ExplainedNodeView, WeightOverride } from '../../../src/protocol/explainMessages';
import { TextField } from '../fields/TextField';
import { formatNumber } from './format';

interface WeightEditorProps {
  node: ExplainedNodeView;
  overrides: readonly WeightOverride[];
  onOverride: (override: WeightOverride) => void;
  onClear: () => void;
}

export function WeightEditor({ node, overrides, onOverride, onClear }: WeightEditorProps) {
  const dense = node.dense;
  const [input, setInput] = useState('0');
  const [unit, setUnit] = useState('0');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (!dense) return null;
  const inputs = dense.kernel.length;
  const units = dense.kernel[0]?.length ?? 0;
  const i = Number(input);
  const j = Number(unit);
  const valid = Number.isInteger(i) && Number.isInteger(j) && i >= -1 && i < inputs && j >= 0 && j < units && !(i === -1 && !dense.bias);
  const current = !valid ? null : i === -1 ? dense.bias?.[j] ?? null : dense.kernel[i]?.[j] ?? null;
  const mine = overrides.filter((o) => o.nodeId === node.nodeId);
  const commit = (text: string) => {
    const value = Number(text.replace('−', '-'));
    if (!valid) { setProblem(`Input is 0 to ${inputs - 1} (or −1 for the bias), unit 0 to ${units - 1}.`); return; }
    if (!Number.isFinite(value)) { setProblem('Type a number.'); return; }
    setProblem(undefined);
    onOverride(i === -1
      ? { nodeId: node.nodeId, tensor: 'bias', index: j, value }
      : { nodeId: node.nodeId, tensor: 'kernel', index: i * units + j, value });
  };
  return (
    <section className="inspector__section explain-edit" aria-label="Edit a weight (explain only)">
      <h3>Edit a weight (explain only, not saved)</h3>
      <div className="explain-edit__fields">
        <TextField label={`input (0–${inputs - 1}, −1 = bias)`} type="number" value={input} onCommit={setInput} />
        <TextField label={`unit (0–${units - 1})`} type="number" value={unit} onCommit={setUnit} />
      </div>
      <TextField key={`${input}:${unit}:${String(current)}`} label={valid ? `${i === -1 ? `b[${j}]` : `W[${i}, ${j}]`} (now ${formatNumber(current, 6)})` : 'value'}
        type="number" value={current === null ? '' : String(current)} onCommit={commit} />
      {problem && <p className="problem--error" role="alert">{problem}</p>}
      {mine.length > 0 && (
        <p className="explain-edit__marked">
          {mine.length} weight(s) of {node.nodeId} edited by hand.{' '}
          <vscode-button secondary aria-label="Undo every hand edit of the weights" onClick={onClear}>Undo Edits</vscode-button>
        </p>
      )}
    </section>
  );
}
