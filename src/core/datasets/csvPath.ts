// The one rule for the CSV path a .nngraph file names, as text: the graph layer reports it as NG028 while a file is
// edited, and the node-side resolver (./csvFile) applies it before it touches the disk. A file from a cloned repository
// is untrusted, so the rule refuses every spelling that could reach outside the root, not only the plain ones.

/** The default size cap of a CSV data set (the VS Code setting `nngraph.maxCsvMegabytes` and `--max-csv-mb`). */
export const DEFAULT_MAX_CSV_MEGABYTES = 512;

/** Why a named CSV file is not used: `outside` the root (NG028), or it cannot be used (NG043). */
export type CsvFileProblemKind = 'outside' | 'unreadable' | 'too-large';

/** A percent-encoded byte such as %2e or %2F: a path is plain text here, so an encoding can only hide something. */
const percentEncoded = /%[0-9A-Fa-f]{2}/;
// Control characters (NUL included) have no place in a file name that a person wrote.
const controlCharacter = /[\u0000-\u001f\u007f]/;

/**
 * Why a CSV path is refused, or undefined when it is a plain relative path that stays inside the root.
 * `graphDepth` is how many folders the .nngraph file lies below the root: how far `..` may climb.
 */
export function csvPathProblem(path: string, graphDepth: number): string | undefined {
  if (path.length === 0) return 'is empty; give a path relative to the .nngraph file.';
  if (path.includes('\0')) return 'contains a NUL character.';
  if (controlCharacter.test(path)) return 'contains a control character.';
  if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path)) {
    return 'is absolute; give a path relative to the .nngraph file, inside the workspace.';
  }
  if (path.includes('\\')) return 'contains a backslash; separate folders with "/".';
  const encoded = percentEncoded.exec(path);
  if (encoded) return `contains a percent-encoded character (${encoded[0]}); write the path as plain text.`;
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < -Math.max(0, graphDepth)) return 'leads outside the workspace; keep data files inside it.';
  }
  return undefined;
}

/** `12.3 MB` (decimal megabytes, as file managers show sizes). */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / 1e6;
  return `${megabytes >= 100 ? megabytes.toFixed(0) : megabytes.toFixed(1)} MB`;
}

/** The message for a CSV file over the cap; `howToRaise` names the setting or flag of the caller. */
export function csvTooLargeMessage(file: string, sizeBytes: number, maxMegabytes: number, howToRaise: string): string {
  return `${file} is ${formatMegabytes(sizeBytes)}, over the ${maxMegabytes} MB limit for CSV data sets; `
    + `use a smaller file or raise ${howToRaise}.`;
}
