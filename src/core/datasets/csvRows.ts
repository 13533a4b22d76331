// CSV text given in pieces (a file read in chunks), split into rows exactly as papaparse splits the whole text at
// once: so a 50 MB file is turned into numbers as it is read, and its text is never held whole. Papaparse's own
// streamers guess the delimiter from the first chunk and re-parse an unfinished row with every chunk (quadratic on a
// long row); this splitter drives papaparse's low-level parser itself to keep both the same as a whole-text parse.
import Papa from 'papaparse';

/** The low-level parser papaparse exposes (its typings give `parse` no result type). */
interface RowParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { meta: { cursor: number } };
  abort(): void;
}

interface StepResult { data: string[][]; errors: { type: string; message: string }[] }

/**
 * A line longer than this stops the read: no CSV table row of numbers comes near it, and a file without line breaks
 * (a binary or sparse file named .csv) would otherwise be gathered whole as one row. The editor's scan (./csvFile)
 * stops at the same length with the same message.
 */
export const MAX_LINE_CHARS = 4 << 20;

/** The problem a read meets at a line longer than MAX_LINE_CHARS. */
export function lineTooLongMessage(line: number, file: string): string {
  return `line ${line} is longer than ${MAX_LINE_CHARS >> 20} MB; is ${file} a CSV table?`;
}

/** Text is parsed once this much is pending, or twice what an unfinished row holds, so a long row costs linear time. */
const MIN_PARSE_CHARS = 64 * 1024;

/** What papaparse guesses from when no delimiter is given (its defaults). */
const DELIMITER_CANDIDATES = [',', '\t', '|', ';', Papa.RECORD_SEP, Papa.UNIT_SEP];

/** Papaparse guesses the delimiter from this many rows at the start of the text. */
const GUESS_ROWS = 10;

function createParser(delimiter: string, extra: { preview?: number; step?: (result: StepResult) => void }): RowParser {
  return new Papa.Parser({ delimiter, newline: '\n', ...extra }) as unknown as RowParser;
}

/**
 * The delimiter papaparse would guess for a text that starts with `text`, or undefined while more text could change
 * the guess: the guess reads the first ten rows for each candidate, so it is settled once all ten end inside `text`.
 */
function settledDelimiter(text: string, final: boolean): string | undefined {
  if (!final) {
    let lineBreaks = 0;
    for (let i = text.indexOf('\n'); i >= 0 && lineBreaks < GUESS_ROWS; i = text.indexOf('\n', i + 1)) lineBreaks++;
    if (lineBreaks < GUESS_ROWS) return undefined;
    const complete = DELIMITER_CANDIDATES.every((delimiter) => {
      let rows = 0;
      createParser(delimiter, { preview: GUESS_ROWS, step: () => { rows++; } }).parse(text, 0, true);
      return rows >= GUESS_ROWS;
    });
    if (!complete) return undefined;
  }
  // The guess papaparse makes on the whole text, made on this text with the same options (blank lines skipped).
  const guessed = Papa.parse<string[]>(text, { newline: '\n', skipEmptyLines: 'greedy', preview: 1 }).meta.delimiter;
  return guessed || ',';
}

/** Line breaks inside a row's (quoted) fields; line ends are all `\n` by then. */
function lineBreaksIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Receives one row: its fields, the 1-based line it starts on, and papaparse's problem with it (an unclosed quote,
 * say). Returns false to stop the split (nothing more is read). Blank rows are skipped, as papaparse's greedy mode does.
 */
export type CsvRowSink = (fields: string[], line: number, problem: string | undefined) => boolean;

/**
 * Splits text pushed in pieces of any size into rows. The text is the whole text as papaparse would read it after
 * leading byte order marks are dropped and CRLF and CR line ends become LF; a CRLF or a quoted field may be split
 * between pieces. Call `end` after the last piece.
 */
export class CsvRowSplitter {
  /** Text not yet split into finished rows. */
  private pending = '';
  /** Byte order marks still to drop at the start: one as the text is read, one more as papaparse drops it too. */
  private leadingMarks = 2;
  /** The last piece ended in CR: a LF starting the next piece belongs to that line end. */
  private endedInCr = false;
  private delimiter: string | undefined;
  private parseAt: number;
  private nextLine = 1;
  private stopped = false;
  /** Whether any text but white space has come. */
  hasContent = false;
  /** The line that is longer than MAX_LINE_CHARS, when one stopped the read. */
  longLine: number | undefined;
  /** Characters since the last line break. */
  private sinceLineBreak = 0;
  /** How much text has been handed to papaparse in all: about the text's length, as an unfinished row is re-read only when it has doubled. */
  charsParsed = 0;

  /** `minParseChars`: how much text to gather before splitting (tests split at every piece to reach every boundary). */
  constructor(private readonly sink: CsvRowSink, private readonly minParseChars = MIN_PARSE_CHARS) {
    this.parseAt = minParseChars;
  }

  /** The delimiter papaparse guessed, once settled (a writer adding a row uses the file's own). */
  get delimiterUsed(): string | undefined {
    return this.delimiter;
  }

  /** True once the sink has asked to stop: later pieces need not be read. */
  get done(): boolean {
    return this.stopped;
  }

  push(piece: string): void {
    if (this.stopped || piece.length === 0) return;
    let text = piece;
    while (this.leadingMarks > 0 && text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      this.leadingMarks--;
    }
    if (text.length === 0) return;
    this.leadingMarks = 0;
    if (this.endedInCr && text.charCodeAt(0) === 10) text = text.slice(1);
    this.endedInCr = text.charCodeAt(text.length - 1) === 13;
    text = text.replace(/\r\n?/g, '\n');
    if (!this.hasContent && /\S/.test(text)) this.hasContent = true;
    this.pending += text;
    const lastBreak = text.lastIndexOf('\n');
    this.sinceLineBreak = lastBreak < 0 ? this.sinceLineBreak + text.length : text.length - 1 - lastBreak;
    if (this.sinceLineBreak > MAX_LINE_CHARS) {
      this.stopAtLongLine();
      return;
    }
    if (this.pending.length >= this.parseAt) this.parsePending(false);
  }

  /** Splits what is left, the last row included. */
  end(): void {
    if (!this.stopped) this.parsePending(true);
    this.pending = '';
  }

  /** Splits the rows before the long line (their problems come first), then stops at the line it starts on. */
  private stopAtLongLine(): void {
    this.delimiter ??= settledDelimiter(this.pending, true);
    this.parsePending(false);
    if (this.stopped) return;
    this.longLine = this.nextLine;
    this.stopped = true;
    this.pending = '';
  }

  private parsePending(final: boolean): void {
    this.delimiter ??= settledDelimiter(this.pending, final);
    if (this.delimiter === undefined) {
      this.parseAt = this.pending.length + this.minParseChars;
      return;
    }
    const parser = createParser(this.delimiter, { step: (result) => this.step(result, parser) });
    this.charsParsed += this.pending.length;
    const parsed = parser.parse(this.pending, 0, !final);
    if (this.stopped || final) return;
    this.pending = this.pending.slice(parsed.meta.cursor);
    this.parseAt = Math.max(this.minParseChars, 2 * this.pending.length);
  }

  private step(result: StepResult, parser: RowParser): void {
    if (this.stopped) return;
    const fields = result.data[0];
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(fields);
    if (fields.join('').trim() === '') return; // a blank line; papaparse drops its problems with it
    const problem = result.errors.find((error) => error.type !== 'Delimiter')?.message;
    if (!this.sink(fields, line, problem)) {
      this.stopped = true;
      parser.abort();
    }
  }
}
