// The line under the canvas: why a wire was refused, the graph's problems (choosing one selects its node), the loss.
import type { Diagnostic } from '../../src/graph/index';
import type { TrainingOverlay } from '../../src/protocol/messages';

interface StatusBarProps {
  diagnostics: Diagnostic[];
  status: string;
  overlay: TrainingOverlay | undefined;
  onSelectNode: (nodeId: string) => void;
}

export function StatusBar({ diagnostics, status, overlay, onSelectNode }: StatusBarProps) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <footer className="status-bar">
      <div role="status" aria-live="polite" className="status-bar__message">{status}</div>
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
