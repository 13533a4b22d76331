// A small colour strip for a vector too long to read: one cell per entry (pooled past 32), its colour the sign, its
// strength the magnitude relative to the largest. Decorative: the text beside it carries the numbers for screen readers.
import { memo } from 'react';
import { STRIP_ABOVE_LENGTH, stripCells } from './format';

function ValueStripImpl({ values }: { values: readonly (number | null)[] }) {
  if (values.length <= STRIP_ABOVE_LENGTH) return null;
  return (
    <span className="value-strip" aria-hidden="true">
      {stripCells(values).map((cell, index) => (
        <span key={index} className={`value-strip__cell value-strip__cell--${cell.sign}`} style={{ opacity: 0.15 + 0.85 * cell.strength }} />
      ))}
    </span>
  );
}

export const ValueStrip = memo(ValueStripImpl);
