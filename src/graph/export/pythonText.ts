// Python literals for generated code. Text from a .nngraph file reaches a generated script only through pyString,
// which escapes every character outside printable ASCII (and the quote and the backslash), so no name can end the
// literal, start a comment or smuggle a line; numbers only through pyNumber, which refuses anything not finite.

/** A double-quoted Python str literal holding exactly `text`. */
export function pyString(text: string): string {
  let literal = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') literal += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) literal += char;
    else if (code <= 0xffff) literal += `\\u${code.toString(16).padStart(4, '0')}`;
    else literal += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${literal}"`;
}

/** A Python number literal; throws on NaN or ±Infinity, which no setting of a valid graph holds. */
export function pyNumber(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`export: ${what} must be a finite number, got ${value}`);
  return String(value);
}

/** A whole number ≥ 0 (a width, a count, a seed), checked. */
export function pyCount(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`export: ${what} must be a whole number ≥ 0, got ${value}`);
  return String(value);
}

export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A Python list of str literals, or None. */
export function pyStringList(values: readonly string[] | undefined): string {
  return values === undefined ? 'None' : `[${values.map(pyString).join(', ')}]`;
}
