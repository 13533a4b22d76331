// How a CSV label column reads, decided from the labels one at a time: the loader (all rows in memory) and the streamed
// scan of the editor and `nngraph check` (one row at a time, never the whole file) share this one decision.
import type { LabelKind } from '../types';

export const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Distinct labels kept to name text classes. Past this many, all-numeric labels are still read (their kind needs no
 * list), but a text label is refused: no classifier here has that many classes.
 */
export const MAX_DISTINCT_LABELS = 100_000;

/** What the label column holds: class indices (given, or from sorted text), or real values for regression. */
export interface LabelKindReading { labelKind: LabelKind; classCount: number; classNames?: string[] }

/**
 * Numeric labels that are all whole numbers ≥ 0 are class indices (two classes: a 0/1 binary label); other numbers
 * are regression targets; any text makes every label text, numbered in sorted (code unit) order.
 */
export class LabelTally {
  private readonly distinct = new Set<string>();
  private overflowed = false;
  private allNumeric = true;
  private wholeNonNegative = true;
  private largest = 0;

  /** Counts one trimmed, non-empty label; returns why it cannot be used, or undefined. */
  add(label: string): string | undefined {
    const numeric = numberPattern.test(label);
    if (numeric) {
      const value = Number(label);
      if (!Number.isFinite(value)) return `the label '${label}' is out of range`;
      if (!Number.isInteger(value) || value < 0) this.wholeNonNegative = false;
      else if (value > this.largest) this.largest = value;
    } else {
      this.allNumeric = false;
    }
    if (!this.overflowed && !this.distinct.has(label)) {
      if (this.distinct.size >= MAX_DISTINCT_LABELS) this.overflowed = true;
      else this.distinct.add(label);
    }
    if (this.overflowed && !this.allNumeric) {
      return `the labels are text with more than ${MAX_DISTINCT_LABELS.toLocaleString('en-US')} different values; `
        + 'that many classes cannot be trained here';
    }
    return undefined;
  }

  reading(): LabelKindReading {
    if (this.allNumeric) {
      if (!this.wholeNonNegative) return { labelKind: 'regression', classCount: 0 };
      const classCount = Math.max(2, this.largest + 1);
      return { labelKind: classCount === 2 ? 'binary' : 'index', classCount };
    }
    const classNames = this.classNames();
    const classCount = Math.max(2, classNames.length);
    return { labelKind: classCount === 2 ? 'binary' : 'index', classCount, classNames };
  }

  /** The text classes in sorted (code unit) order. */
  private classNames(): string[] {
    return [...this.distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
