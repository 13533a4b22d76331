// How explain mode writes numbers: a few significant digits with a true minus sign, a vector as its first entries
// with the count, and the colour strip's cells (sign and relative magnitude) for a vector too long to read at once.

/** Entries written out before "…" in a compact vector. */
const SHOWN_ENTRIES = 3;
/** Cells in a colour strip: one per entry up to this many, then entries are pooled (largest magnitude wins). */
const MAX_STRIP_CELLS = 32;
/** A vector longer than this gets a colour strip beside its text. */
export const STRIP_ABOVE_LENGTH = 4;

/** null is how the protocol carries a non-finite number. */
export function formatNumber(value: number | null, digits = 4): string {
  if (value === null) return 'non-finite';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e4 || magnitude < 1e-3 ? value.toExponential(Math.max(0, digits - 2)) : Number(value.toPrecision(digits)).toString();
  return text.replace('-', '−');
}

/** "[0.12, −0.5, 0.33, …] (32)", or every entry when there are at most four. */
export function compactVector(values: readonly (number | null)[], digits = 3): string {
  if (values.length <= STRIP_ABOVE_LENGTH) return `[${values.map((v) => formatNumber(v, digits)).join(', ')}]`;
  return `[${values.slice(0, SHOWN_ENTRIES).map((v) => formatNumber(v, digits)).join(', ')}, …] (${values.length})`;
}

/** A vector as a short column for a wire's label: up to three entries, then "⋮ n" with the length. */
export function columnEntries(values: readonly (number | null)[], digits = 3): string[] {
  if (values.length <= SHOWN_ENTRIES + 1) return values.map((v) => formatNumber(v, digits));
  return [...values.slice(0, SHOWN_ENTRIES).map((v) => formatNumber(v, digits)), `⋮ ${values.length}`];
}

/** A colour strip cell: the sign of its value and its magnitude relative to the vector's largest (0…1). */
export interface StripCell { sign: 'positive' | 'negative' | 'zero'; strength: number }

export function stripCells(values: readonly (number | null)[]): StripCell[] {
  const cellCount = Math.min(values.length, MAX_STRIP_CELLS);
  const pooled: number[] = [];
  for (let cell = 0; cell < cellCount; cell++) {
    const start = Math.floor((cell * values.length) / cellCount);
    const end = Math.floor(((cell + 1) * values.length) / cellCount);
    let chosen = 0;
    for (let i = start; i < end; i++) {
      const value = values[i] ?? 0;
      if (Math.abs(value) > Math.abs(chosen)) chosen = value;
    }
    pooled.push(chosen);
  }
  const largest = pooled.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  return pooled.map((value) => ({
    sign: value > 0 ? 'positive' : value < 0 ? 'negative' : 'zero',
    strength: largest === 0 ? 0 : Math.abs(value) / largest,
  }));
}

/** A number inside a TeX formula: parenthesized when negative, so "x·(−0.5)" reads as a product. */
export function texNumber(value: number | null, digits = 4): string {
  if (value === null) return '\\text{non-finite}';
  const text = formatNumber(value, digits).replace('−', '-');
  const tex = text.includes('e') ? text.replace(/e([+-]?)(\d+)/, (_, sign: string, power: string) => `\\times 10^{${sign === '-' ? '-' : ''}${power}}`) : text;
  return value < 0 ? `(${tex})` : tex;
}

/** A vector in TeX: every entry up to `shown`, then "\ldots". */
export function texVector(values: readonly (number | null)[], shown = 4, digits = 3): string {
  const parts = values.slice(0, shown).map((v) => texNumber(v, digits).replace(/^\((.*)\)$/, '$1'));
  if (values.length > shown) parts.push('\\ldots');
  return `[\\,${parts.join(',\\ ')}\\,]`;
}

/** "0.5, -1" or "0.5 -1" as numbers; undefined when any part is not a finite number. */
export function parseNumberList(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  const numbers = parts.map((part) => Number(part.replace('−', '-')));
  return numbers.every((value) => Number.isFinite(value)) ? numbers : undefined;
}
