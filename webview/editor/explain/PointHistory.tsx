// Undo Point and Redo Point under the explain plot, and a line saying what the last point edit did or why it was refused.
import type { PointEdit } from '../../../src/protocol/explainMessages';
import type { PointEditState } from './useExplain';

/** Undo Point and Redo Point, and what the last point edit did (or why it was refused). */
export function PointHistory({ points, onEdit }: { points: PointEditState; onEdit: (edit: PointEdit) => void }) {
  return (
    <>
      <div className="explain-plot__history">
        <vscode-button secondary disabled={!points.canUndo || points.pending} aria-label="Undo the last point edit" title="Undo the last point edit (Ctrl+Z on the plot)"
          onClick={() => onEdit({ kind: 'undo' })}>Undo Point</vscode-button>
        <vscode-button secondary disabled={!points.canRedo || points.pending} aria-label="Redo the point edit" title="Redo the point edit (Ctrl+Shift+Z on the plot)"
          onClick={() => onEdit({ kind: 'redo' })}>Redo Point</vscode-button>
      </div>
      <p className={`explain-plot__status${points.failed ? ' problem--error' : ''}`} role="status" aria-live="polite">
        {points.pending ? 'Saving…' : points.message ?? ''}
      </p>
    </>
  );
}
