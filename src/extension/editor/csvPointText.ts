// The text side of adding and removing data points, free of vscode and of the disk: where each data row of a CSV
// lies (rows found by the same splitter the reader uses, so row N here is row N of the data set), a row appended in
// the file's own delimiter, line ends and byte order mark, a row's lines taken out, and lines put back (an undo).
import { CsvRowSplitter } from '../../core/index';

/** A CSV text as lines, with what joining them back needs. */
export interface CsvLines {
  byteOrderMark: boolean;
  lineEnd: '\r\n' | '\n' | '\r';
  /** Without line ends; a text that ends in a line end has no empty last line here (`endsWithLineEnd`). */
  lines: string[];
  endsWithLineEnd: boolean;
}

export interface CsvTable extends CsvLines {
  delimiter: string;
  header: string[];
  /** Per data row (in file order): the index in `lines` of its first line, and how many lines it spans. */
  rows: { line: number; lineCount: number }[];
}

export function splitCsvLines(text: string): CsvLines {
  const byteOrderMark = text.charCodeAt(0) === 0xfeff;
  const body = byteOrderMark ? text.slice(1) : text;
  const lineEnd = body.includes('\r\n') ? '\r\n' : !body.includes('\n') && body.includes('\r') ? '\r' : '\n';
  const lines = body.split(/\r\n|\r|\n/);
  const endsWithLineEnd = lines.length > 1 && lines[lines.length - 1] === '';
  if (endsWithLineEnd) lines.pop();
  return { byteOrderMark, lineEnd, lines, endsWithLineEnd };
}

export function joinCsvLines(csv: CsvLines): string {
  const body = csv.lines.join(csv.lineEnd) + (csv.endsWithLineEnd && csv.lines.length > 0 ? csv.lineEnd : '');
  return (csv.byteOrderMark ? '\ufeff' : '') + body;
}

/** The table's rows, or a sentence saying why the text is not one (the reader would refuse it too). */
export function readCsvTable(text: string): CsvTable | string {
  const csv = splitCsvLines(text);
  const starts: { line: number; lineCount: number; fields: string[] }[] = [];
  let problem: string | undefined;
  const splitter = new CsvRowSplitter((fields, line, rowProblem) => {
    if (rowProblem !== undefined) { problem = `${rowProblem} (line ${line})`; return false; }
    let breaks = 0;
    for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) breaks++;
    starts.push({ line: line - 1, lineCount: 1 + breaks, fields });
    return true;
  });
  splitter.push(text);
  splitter.end();
  if (problem !== undefined) return problem;
  const header = starts.shift();
  if (!header) return 'it is empty: expected a header row naming the columns';
  return { ...csv, delimiter: splitter.delimiterUsed ?? ',', header: header.fields, rows: starts.map(({ line, lineCount }) => ({ line, lineCount })) };
}

/** A field as the reader reads it back: quoted when it holds the delimiter, a quote, a line break or outer spaces. */
export function csvField(value: string, delimiter: string): string {
  const needsQuotes = value.includes(delimiter) || /["\r\n]/.test(value) || value.trim() !== value;
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The shortest decimal that reads back as the same float32 (features are float32), so a written set explains the same. */
export function csvNumber(value: number): string {
  const single = Math.fround(value);
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(single.toPrecision(digits)));
    if (Math.fround(Number(text)) === single) return text;
  }
  return String(Number(single.toPrecision(9)));
}

/** The text with `newLines` put in at line index `at` (an append when `at` is the line count). */
export function insertLines(csv: CsvLines, at: number, newLines: readonly string[]): CsvLines {
  // Joining puts a line end between the old last row and an appended one; the file's own last line end is kept as it was.
  return { ...csv, lines: [...csv.lines.slice(0, at), ...newLines, ...csv.lines.slice(at)] };
}

/** The text without `count` lines from index `at`. */
export function removeLines(csv: CsvLines, at: number, count: number): CsvLines {
  return { ...csv, lines: [...csv.lines.slice(0, at), ...csv.lines.slice(at + count)] };
}

/** One data row in the header's column order: the two features, the label, and an empty cell for any other column. */
export function pointRow(table: Pick<CsvTable, 'header' | 'delimiter'>, cells: ReadonlyMap<string, string>): string {
  return table.header.map((column) => csvField(cells.get(column.trim()) ?? '', table.delimiter)).join(table.delimiter);
}
