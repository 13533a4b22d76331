// JavaScript literals for a generated program. Text from a .nngraph file reaches it only through jsString, which
// escapes every character outside printable ASCII (and the quote and the backslash), so no name can end the literal,
// open a template or a comment, or break a line; numbers only through the finite checks of pythonText.ts, which
// print the same digits in both languages.
export { pyCount as jsCount, pyNumber as jsNumber } from './pythonText';

/** A double-quoted JavaScript string literal holding exactly `text` (UTF-16 units, escaped one by one). */
export function jsString(text: string): string {
  let literal = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (char === '"' || char === '\\') literal += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) literal += char;
    else literal += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${literal}"`;
}

export function jsBool(value: boolean): string {
  return value ? 'true' : 'false';
}

/** A JavaScript array of string literals, or null. */
export function jsStringList(values: readonly string[] | undefined): string {
  return values === undefined ? 'null' : `[${values.map(jsString).join(', ')}]`;
}
