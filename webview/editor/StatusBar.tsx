// The line under the canvas: why a wire was refused, the graph's problems (choosing one selects its node), the loss.
import { type Diagnostic, formatCount, type GraphCost } from '../../src/graph/index';
import type { TrainingOverlay } from '../../src/protocol/messages';

interface StatusBarProps {
  diagnostics: Diagnostic[];
  status: string;
  overlay: TrainingOverlay | undefined;
  /** The model's parameters and forward FLOPs per sample, when the graph could be drawn. */
  cost: GraphCost | undefined;
  onSelectNode: (nodeId: string) => void;
}

/** `1.2k params · 2.3k FLOPs per sample`; `≥` when some widths are still unknown, so the counts are a lower bound. */
function totalsText(cost: GraphCost): { shown: string; label: string } {
  const atLeast = cost.complete ? '' : '≥ ';
  return {
    shown: `${atLeast}${formatCount(cost.totalParams)} params · ${atLeast}${formatCount(cost.totalFlops)} FLOPs per sample`,
    label: `${cost.complete ? '' : 'at least '}${cost.totalParams.toLocaleString('en-US')} parameters, `
      + `${cost.complete ? '' : 'at least '}${cost.totalFlops.toLocaleString('en-US')} forward FLOPs per sample`,
  };
}

export function StatusBar({ diagnostics, status, overlay, cost, onSelectNode }: StatusBarProps) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  // Nothing counted yet (every width unknown) would read "≥ 0 params", and an empty graph "0 params": say nothing.
  const totals = cost && cost.byNode.size > 0 && (cost.complete || cost.totalFlops > 0) ? totalsText(cost) : undefined;
  return (
    <footer className="status-bar">
      <div role="status" aria-live="polite" className="status-bar__message">{status}</div>
      {totals && <div className="status-bar__cost" aria-label={`Model cost: ${totals.label}`}>{totals.shown}</div>}
      {overlay?.failure && <div role="alert" className="status-bar__failure">Training failed: {overlay.failure.message}</div>}
      <details className="status-bar__problems">
        <summary aria-label={`${errors} errors, ${warnings} warnings`}>{errors} errors, {warnings} warnings</summary>
        <ul>
          {diagnostics.map((d, index) => (
            <li key={index} className={`problem problem--${d.severity}`}>
              {d.nodeId !== undefined
                ? <button type="button" className="link-button" onClick={() => onSelectNode(d.nodeId as string)}>{d.nodeId}</button>
                : <span>file</span>}
              {' '}{d.code}: {d.message} <span className="problem__where">(line {d.range.start.line + 1})</span>
            </li>
          ))}
        </ul>
      </details>
    </footer>
  );
}
