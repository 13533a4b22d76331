// What a CSV data set looks like (columns, classes, rows) read one row at a time, keeping only the label tally: the
// editor and `nngraph check` describe a file of any size this way without holding it, and without blocking the thread
// they run on when rows come from a stream (./csvFile). Feature values are checked only when the set is loaded.
import Papa from 'papaparse';
import { chooseColumns, csvError, isCsvError, readHeader, type ColumnChoice, type CsvColumns, type CsvDatasetInfo, type CsvError } from './csv';
import { LabelTally } from './csvLabels';

/** Line breaks inside quoted fields, which the next row's line number must count. */
function lineBreaksIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = 0; i < field.length; i++) {
      const code = field.charCodeAt(i);
      if (code === 10 || (code === 13 && field.charCodeAt(i + 1) !== 10)) count++;
    }
  }
  return count;
}

/** Rows as papaparse splits them, in order; `row` returns false once the scan has failed and can stop. */
export class CsvInfoScanner {
  private nextLine = 1;
  private header: string[] | undefined;
  private headerLine = 1;
  private choice: ColumnChoice | undefined;
  private readonly tally = new LabelTally();
  private rowCount = 0;
  /** The last row's label and how many rows in a row at the end share it (NG044: a class-sorted file). */
  private lastLabel: string | number | undefined;
  private lastClassRun = 0;
  private failure: CsvError | undefined;

  constructor(private readonly columns: CsvColumns, private readonly file: string) {}

  /** The line the next row starts on. */
  get lineReached(): number {
    return this.nextLine;
  }

  /** One row, with papaparse's problems for it (an unclosed quote, say). */
  row(fields: readonly string[], parseProblem?: string): boolean {
    if (this.failure) return false;
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(fields);
    if (parseProblem !== undefined) return this.fail(csvError(this.file, line, 1, `${parseProblem} (line ${line})`));
    if (fields.join('').trim() === '') return true; // a blank line
    if (!this.header) return this.readHeaderRow(fields, line);
    const header = this.header;
    const choice = this.choice as ColumnChoice;
    if (fields.length !== header.length) {
      return this.fail(csvError(this.file, line, Math.min(fields.length, header.length) + 1,
        `line ${line} has ${fields.length} values but the header has ${header.length} columns`));
    }
    const label = fields[choice.labelIndex].trim();
    if (label === '') return this.fail(csvError(this.file, line, choice.labelIndex + 1, `the label '${this.columns.label}' is empty on line ${line}`));
    const problem = this.tally.add(label);
    if (problem !== undefined) return this.fail(csvError(this.file, line, choice.labelIndex + 1, problem));
    this.rowCount++;
    this.countLastClassRun(label);
    return true;
  }

  /** The description, or the first problem met. */
  finish(): CsvDatasetInfo | CsvError {
    if (this.failure) return this.failure;
    if (!this.header || !this.choice) return csvError(this.file, 1, 1, `${this.file} is empty: expected a header row naming the columns`);
    if (this.rowCount === 0) return csvError(this.file, this.headerLine + 1, 1, `${this.file} has a header but no data rows`);
    const reading = this.tally.reading();
    return {
      featureCount: this.choice.featureIndices.length,
      classCount: reading.classCount,
      sampleCount: this.rowCount,
      labelKind: reading.labelKind,
      featureNames: this.choice.featureNames,
      ...(reading.classNames ? { classNames: reading.classNames } : {}),
      ...(reading.labelKind === 'regression' ? {} : { lastClassRun: this.lastClassRun }),
    };
  }

  private countLastClassRun(label: string): void {
    // '1' and '1.0' name one class: numbers compare as numbers, text as text.
    const numeric = Number(label);
    const key = Number.isFinite(numeric) ? numeric : label;
    this.lastClassRun = key === this.lastLabel ? this.lastClassRun + 1 : 1;
    this.lastLabel = key;
  }

  private readHeaderRow(fields: readonly string[], line: number): boolean {
    const header = readHeader(fields, line, this.file);
    if (isCsvError(header)) return this.fail(header);
    const choice = chooseColumns(header, line, this.columns, this.file);
    if (isCsvError(choice)) return this.fail(choice);
    this.header = header;
    this.headerLine = line;
    this.choice = choice;
    return true;
  }

  private fail(error: CsvError): false {
    this.failure = error;
    return false;
  }
}

/** The problem papaparse found in one step's row, other than an undetectable delimiter (one column). */
export function rowParseProblem(errors: readonly Papa.ParseError[]): string | undefined {
  return errors.find((error) => error.type !== 'Delimiter')?.message;
}

/**
 * What a CSV data set looks like, read from its header and label column, for shape inference while a graph is edited
 * (the text at hand, as for a shipped set or a test; files are scanned as a stream by ./csvFile).
 */
export function readCsvInfo(text: string, columns: CsvColumns, file: string): CsvDatasetInfo | CsvError {
  const scanner = new CsvInfoScanner(columns, file);
  Papa.parse<string[]>(text, {
    step: (result, parser) => {
      if (!scanner.row(result.data, rowParseProblem(result.errors))) parser.abort();
    },
  });
  return scanner.finish();
}
