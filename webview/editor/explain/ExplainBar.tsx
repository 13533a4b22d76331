// Explain mode's bar under the toolbar: the sample (a row of the data set with previous/next, or values typed in),
// the step buttons, and one live line saying where the walk is, the sample's loss, and where the weights came from.
import { useState } from 'react';
import { TextField } from '../fields/TextField';
import { formatNumber, parseNumberList } from './format';
import { canStepBackward, canStepForward, describeCursor, orderOf } from './steps';
import type { ExplainControls } from './useExplain';

export function ExplainBar({ explain }: { explain: ExplainControls }) {
  const { sample, explanation, cursor } = explain;
  const row = sample.kind === 'row' ? sample.row : 0;
  const rowCount = explanation?.rowCount;
  const [typedFeatures, setTypedFeatures] = useState('');
  const [typedLabel, setTypedLabel] = useState('0');
  const [typedProblem, setTypedProblem] = useState<string | undefined>(undefined);
  const nodeCount = explanation?.nodes.length ?? 0;
  const explainTyped = () => {
    const features = parseNumberList(typedFeatures);
    const label = parseNumberList(typedLabel);
    if (!features || !label) { setTypedProblem('Type numbers separated by commas.'); return; }
    setTypedProblem(undefined);
    explain.pickSample({ kind: 'values', features, label });
  };
  return (
    <div className="explain-bar" role="region" aria-label="Explain one sample">
      <div className="explain-bar__group" role="group" aria-label="Sample">
        <vscode-button secondary aria-label="Previous row" title="Previous row" disabled={sample.kind === 'row' && row === 0}
          onClick={() => explain.pickSample({ kind: 'row', row: Math.max(0, row - 1) })}>‹</vscode-button>
        <TextField label="Row" type="number" value={String(row)} onCommit={(value) => {
          const next = Number(value);
          if (Number.isInteger(next) && next >= 0) explain.pickSample({ kind: 'row', row: next });
        }} />
        <vscode-button secondary aria-label="Next row" title="Next row" disabled={rowCount !== undefined && sample.kind === 'row' && row >= rowCount - 1}
          onClick={() => explain.pickSample({ kind: 'row', row: row + 1 })}>›</vscode-button>
        {rowCount !== undefined && <span className="explain-bar__hint">of {rowCount}</span>}
        <TextField label="Or type features" value={typedFeatures} placeholder="0.5, -1.2" onCommit={setTypedFeatures} />
        <TextField label="Label" value={typedLabel} onCommit={setTypedLabel} />
        <vscode-button secondary aria-label="Explain the typed values" title="Explain the typed values" onClick={explainTyped}>Explain Values</vscode-button>
      </div>
      <div className="explain-bar__group" role="group" aria-label="Steps">
        <vscode-button aria-label="Step forward: the next op of the forward pass" title="Step forward (forward pass, one op)"
          disabled={!explanation || !canStepForward(cursor, nodeCount)} onClick={explain.stepForward}>Step Forward</vscode-button>
        <vscode-button aria-label="Step backward: the next op of the backward pass, from the loss back" title="Step backward (backward pass, one op)"
          disabled={!explanation || !canStepBackward(cursor, nodeCount)} onClick={explain.stepBackward}>Step Backward</vscode-button>
        <vscode-button secondary aria-label="Show all values" title="Show all values" disabled={cursor.phase === 'overview'} onClick={explain.showAll}>Show All</vscode-button>
      </div>
      <div className="explain-bar__status" role="status" aria-live="polite">
        {typedProblem ?? explain.error ?? (explanation
          ? `${describeCursor(cursor, orderOf(explanation))} · loss ${formatNumber(explanation.loss)} · ${explanation.weightsSource}${explanation.overrides.length > 0 ? ` · ${explanation.overrides.length} weight(s) edited by hand (not saved)` : ''}`
          : 'Explaining…')}
        {explanation?.weightsNote && <span className="explain-bar__note"> {explanation.weightsNote}</span>}
      </div>
    </div>
  );
}
