// Every change as a sentence, beside the two graphs: the same facts as the colours, readable without them.
import type { DiffStatus } from './diffView';

interface ChangeListProps {
  rows: Array<{ status: DiffStatus; text: string }>;
}

export function ChangeList({ rows }: ChangeListProps) {
  return (
    <section className="change-list" aria-label="Changes" tabIndex={0}>
      <h2 className="change-list__heading">Changes</h2>
      {rows.length === 0 ? <p className="change-list__empty">No changes to the network.</p> : (
        <ul>
          {rows.map((row, index) => (
            <li key={`${index}:${row.text}`} className={`change-list__row change-list__row--${row.status}`}>{row.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
