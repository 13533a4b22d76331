// Formulas in a narrow inspector: a long one is broken where it lists parts (`a,\quad b`) and, if a part is still
// wider than the panel, drawn smaller, so nothing hides behind a horizontal scrollbar.

/** The parts of a formula joined at top level by `\quad` (a trailing comma stays with its part's end dropped). */
export function formulaLines(tex: string): string[] {
  const lines: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\' && tex.startsWith('\\quad', i) && !/[A-Za-z]/.test(tex[i + 5] ?? '') && depth === 0) {
      lines.push(tex.slice(start, i));
      i += 4;
      start = i + 1;
      continue;
    }
    if (char === '\\') { i++; continue; } // an escaped brace (`\{`) does not nest
    if (char === '{') depth++;
    else if (char === '}') depth--;
  }
  lines.push(tex.slice(start));
  return lines.map((line) => line.trim().replace(/,\s*$/, '').trim()).filter((line) => line.length > 0);
}

/** The smallest scale a formula is drawn at; below it the text would not be readable, and it wraps instead. */
export const MIN_FORMULA_SCALE = 0.6;

/** The scale (≤ 1) at which content `contentWidth` pixels wide fits a box `boxWidth` wide. */
export function fitScale(contentWidth: number, boxWidth: number): number {
  if (contentWidth <= boxWidth || contentWidth <= 0 || boxWidth <= 0) return 1;
  return Math.max(boxWidth / contentWidth, MIN_FORMULA_SCALE);
}
