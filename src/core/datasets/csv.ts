// A user's CSV file as a data set: a header row, one sample per line. Every problem becomes a CsvError that names the
// file, the line and the column (both 1-based, the column counted in fields), so an editor can point at it. The text
// may come in pieces (a file read in chunks, ./csvFile): rows are turned into numbers as they are split, so memory
// holds the numeric table and never the whole text.
import type { Dataset, LabelKind } from '../types';
import { LabelTally, numberPattern, type LabelKindReading } from './csvLabels';
import { CsvRowSplitter, lineTooLongMessage } from './csvRows';

export interface CsvError {
  kind: 'csv-error';
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** 1-based field number on that line (1 when the problem is the whole line or file). */
  column: number;
  message: string;
}

export interface CsvColumns {
  /** The header name of the label column. */
  label: string;
  /** Header names of the feature columns; every column but the label by default. */
  features?: readonly string[];
}

/** What a CSV data set looks like, for shape inference. Structurally the graph's `DatasetInfo`. */
export interface CsvDatasetInfo {
  featureCount: number;
  classCount: number;
  sampleCount: number;
  labelKind: LabelKind;
  featureNames: string[];
  classNames?: string[];
  /** Classification: how many rows at the end of the file share the last row's class (a validation split's rows). */
  lastClassRun?: number;
}

export function isCsvError(value: unknown): value is CsvError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'csv-error';
}

/** `file:line:column - message`, the way compilers print it. */
export function formatCsvError(error: CsvError): string {
  return `${error.file}:${error.line}:${error.column} - ${error.message}`;
}

/** The columns chosen from the header. */
export interface ColumnChoice { labelIndex: number; featureIndices: number[]; featureNames: string[] }

export function csvError(file: string, line: number, column: number, message: string): CsvError {
  return { kind: 'csv-error', file, line, column, message };
}

/** The header's column names, trimmed; every column named, and no name twice. */
export function readHeader(fields: readonly string[], line: number, file: string): string[] | CsvError {
  const header = fields.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  const seen = new Map<string, number>();
  for (let c = 0; c < header.length; c++) {
    if (header[c] === '') return csvError(file, line, c + 1, `column ${c + 1} of the header has no name`);
    const earlier = seen.get(header[c]);
    if (earlier !== undefined) {
      return csvError(file, line, c + 1, `the header names column '${header[c]}' twice (columns ${earlier + 1} and ${c + 1})`);
    }
    seen.set(header[c], c);
  }
  return header;
}

/** The label and feature columns named by `columns`, found in the header; shared by the loader and the streamed scan. */
export function chooseColumns(header: readonly string[], headerLine: number, columns: CsvColumns, file: string): ColumnChoice | CsvError {
  const shown = header.slice(0, 12).map((h) => `'${h}'`).join(', ');
  const describeHeader = `the header (line ${headerLine}) has ${shown}${header.length > 12 ? `, … (${header.length} columns)` : ''}`;
  const missing = (role: string, name: string): CsvError => {
    const near = header.find((h) => h.toLowerCase() === name.trim().toLowerCase());
    const hint = near !== undefined ? `; did you mean '${near}'?` : '';
    return csvError(file, headerLine, 1, `no ${role} column '${name}': ${describeHeader}${hint}`);
  };
  const labelIndex = header.indexOf(columns.label);
  if (labelIndex < 0) return missing('label', columns.label);
  const featureNames = columns.features ? [...columns.features] : header.filter((_, c) => c !== labelIndex);
  if (featureNames.length === 0) return csvError(file, headerLine, 1, `no feature columns: ${describeHeader}, all used as the label`);
  const featureIndices: number[] = [];
  for (const name of featureNames) {
    const index = header.indexOf(name);
    if (index < 0) return missing('feature', name);
    if (index === labelIndex) return csvError(file, headerLine, index + 1, `column '${name}' is the label and cannot also be a feature`);
    if (featureIndices.includes(index)) return csvError(file, headerLine, index + 1, `feature column '${name}' is listed twice`);
    featureIndices.push(index);
  }
  return { labelIndex, featureIndices, featureNames };
}

/** A Float32Array filled one value at a time, its room doubled as needed, so no row is kept in any other form. */
class GrowingFloats {
  private values = new Float32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const larger = new Float32Array(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.length++] = value;
  }

  /** The values, in an array of exactly their length. */
  finish(): Float32Array {
    return this.values.slice(0, this.length);
  }
}

/**
 * The first problem of each kind a row-by-row read meets after those RowWalk ranks first (the file's syntax, its
 * header, the row lengths): the columns, then the labels, then the features, as a reader of the whole table would
 * find them, so reading row by row reports the same problem as reading everything first.
 */
interface FirstProblems {
  columns?: CsvError; label?: CsvError; feature?: CsvError;
}

/** One data row: its label kept as text (its class is known only at the end), its features stored as numbers. */
function readRow(
  fields: readonly string[], line: number, header: readonly string[], choice: ColumnChoice, columns: CsvColumns, file: string,
  tally: LabelTally, labels: string[], features: GrowingFloats, found: FirstProblems,
): void {
  const label = fields[choice.labelIndex].trim();
  if (!found.label) {
    if (label === '') found.label = csvError(file, line, choice.labelIndex + 1, `the label '${columns.label}' is empty on line ${line}`);
    const problem = found.label ? undefined : tally.add(label);
    if (problem !== undefined) found.label = csvError(file, line, choice.labelIndex + 1, problem);
  }
  labels.push(label);
  if (!found.feature) found.feature = readFeatureCells(fields, line, header, choice.featureIndices, features, file);
}

/** The labels as numbers: class indices (sorted text classes, or the given whole numbers) or real values. */
function labelValues(labels: readonly string[], reading: LabelKindReading): Float32Array {
  const values = new Float32Array(labels.length);
  if (reading.classNames) {
    const indexOf = new Map(reading.classNames.map((name, i) => [name, i]));
    for (let r = 0; r < labels.length; r++) values[r] = indexOf.get(labels[r]) ?? 0;
  } else {
    for (let r = 0; r < labels.length; r++) values[r] = Number(labels[r]);
  }
  return values;
}

/** The header and each data row, with the line it starts on; quoted fields may span lines. */
interface RowVisitor {
  header(fields: string[], line: number): void;
  row(fields: string[], line: number): void;
}

/**
 * Walks the rows as they are split from the pieces pushed, without keeping them, and gives the first problem a reader
 * of the whole table would meet in the file's syntax, its header or its row lengths (rows of the wrong length are not
 * visited). A syntax problem outranks every other, so it stops the walk; the others are ranked at the end.
 */
class RowWalk {
  private readonly splitter: CsvRowSplitter;
  private syntax: CsvError | undefined;
  private headerProblem: CsvError | undefined;
  private rowLength: CsvError | undefined;
  private header: string[] | undefined;
  private headerLine = 1;
  private rowCount = 0;

  constructor(private readonly file: string, private readonly visit: RowVisitor, minParseChars?: number) {
    this.splitter = new CsvRowSplitter((fields, line, problem) => this.row(fields, line, problem), minParseChars);
  }

  get done(): boolean {
    return this.splitter.done;
  }

  push(piece: string): void {
    this.splitter.push(piece);
  }

  end(): { headerLine: number; rowCount: number } | CsvError {
    this.splitter.end();
    const file = this.file;
    if (!this.splitter.hasContent) return csvError(file, 1, 1, `${file} is empty: expected a header row naming the columns`);
    if (this.syntax) return this.syntax;
    // A line too long to be a table's row stops the read, like a syntax problem.
    const longLine = this.splitter.longLine;
    if (longLine !== undefined) return csvError(file, longLine, 1, lineTooLongMessage(longLine, file));
    if (!this.header) return csvError(file, 1, 1, `${file} is empty: expected a header row naming the columns`);
    if (this.headerProblem) return this.headerProblem;
    if (this.rowCount === 0) return csvError(file, this.headerLine + 1, 1, `${file} has a header but no data rows`);
    return this.rowLength ?? { headerLine: this.headerLine, rowCount: this.rowCount };
  }

  private row(fields: string[], line: number, problem: string | undefined): boolean {
    if (problem !== undefined) {
      this.syntax = csvError(this.file, line, 1, `${problem} (line ${line})`);
      return false;
    }
    if (!this.header) {
      this.headerLine = line;
      const read = readHeader(fields, line, this.file);
      if (isCsvError(read)) {
        this.headerProblem = read;
        this.header = [];
        return true;
      }
      this.header = read;
      this.visit.header(read, line);
      return true;
    }
    if (this.headerProblem) return true;
    this.rowCount++;
    if (fields.length !== this.header.length) {
      this.rowLength ??= csvError(this.file, line, Math.min(fields.length, this.header.length) + 1,
        `line ${line} has ${fields.length} values but the header has ${this.header.length} columns`);
      return true;
    }
    if (!this.rowLength) this.visit.row(fields, line);
    return true;
  }
}

/**
 * A reader of CSV text given in pieces (a file read in chunks), whose result is known once every piece has been
 * pushed. `done` turns true when the text has a problem that no later piece can change: the rest need not be read.
 */
export interface CsvPieceReader<T> {
  push(piece: string): void;
  readonly done: boolean;
  finish(): T | CsvError;
}

/** How much text a piece reader gathers before splitting it into rows (a test's 1 splits at every piece). */
export interface CsvPieceOptions { minParseChars?: number }

/** Reads the whole text at once, as a reader of pieces would read it given the text as one piece. */
function readWhole<T>(reader: CsvPieceReader<T>, text: string): T | CsvError {
  reader.push(text);
  return reader.finish();
}

/**
 * Reads a CSV file's text, in pieces, as a data set, or says what is wrong and where. Rows are turned into numbers
 * as they are split: a table of every field as a string would hold ten to twenty times the file's size.
 */
export function createCsvDatasetReader(columns: CsvColumns, file: string, options: CsvPieceOptions = {}): CsvPieceReader<Dataset> {
  const found: FirstProblems = {};
  let header: readonly string[] = [];
  let choice: ColumnChoice | undefined;
  const tally = new LabelTally();
  const labels: string[] = [];
  const features = new GrowingFloats();
  const walk = new RowWalk(file, {
    header: (fields, line) => {
      header = fields;
      const chosen = chooseColumns(fields, line, columns, file);
      if (isCsvError(chosen)) found.columns = chosen;
      else choice = chosen;
    },
    row: (fields, line) => {
      if (choice) readRow(fields, line, header, choice, columns, file, tally, labels, features, found);
    },
  }, options.minParseChars);
  const finish = (): Dataset | CsvError => {
    const walked = walk.end();
    if (isCsvError(walked)) return walked;
    const problem = found.columns ?? found.label ?? found.feature;
    if (problem) return problem;
    const chosen = choice as ColumnChoice;
    const reading = tally.reading();
    return {
      name: file,
      features: features.finish(),
      labels: labelValues(labels, reading),
      sampleCount: labels.length,
      featureCount: chosen.featureIndices.length,
      labelWidth: 1,
      labelKind: reading.labelKind,
      classCount: reading.classCount,
      featureNames: chosen.featureNames,
      ...(reading.classNames ? { classNames: reading.classNames } : {}),
    };
  };
  return { push: (piece) => walk.push(piece), get done() { return walk.done; }, finish };
}

/** Reads a CSV file's whole text as a data set (see createCsvDatasetReader). */
export function parseCsvDataset(text: string, columns: CsvColumns, file: string): Dataset | CsvError {
  return readWhole(createCsvDatasetReader(columns, file), text);
}

/**
 * The feature columns of rows to predict on: the names the model reads, or a rule that picks them from the header
 * (the column numbers, in the model's feature order, or a message saying why the header does not fit).
 */
export type FeatureColumnChoice = readonly string[] | ((header: readonly string[]) => number[] | string);

/**
 * Rows to predict on: a header, then rows holding every named feature column (in any order; other columns, a label
 * among them, are ignored). Features only, in the order of `featureNames`, [sampleCount, featureNames.length].
 */
export function createCsvFeatureRowsReader(
  featureNames: FeatureColumnChoice, file: string, options: CsvPieceOptions = {},
): CsvPieceReader<{ features: Float32Array; sampleCount: number }> {
  let missing: CsvError | undefined;
  let bad: CsvError | undefined;
  let header: readonly string[] = [];
  let featureIndices: number[] = [];
  const features = new GrowingFloats();
  const walk = new RowWalk(file, {
    header: (fields, line) => {
      header = fields;
      if (typeof featureNames === 'function') {
        const picked = featureNames(fields);
        if (typeof picked === 'string') missing = csvError(file, line, 1, picked);
        else featureIndices = picked;
        return;
      }
      featureIndices = featureNames.map((name) => fields.indexOf(name));
      const absent = featureNames.find((_, f) => featureIndices[f] < 0);
      if (absent !== undefined) {
        const shown = fields.map((h) => `'${h}'`).join(', ');
        missing = csvError(file, line, 1, `no feature column '${absent}': the header (line ${line}) has ${shown}; `
          + `the model reads ${featureNames.map((f) => `'${f}'`).join(', ')}`);
      }
    },
    row: (fields, line) => {
      if (missing || bad) return;
      bad = readFeatureCells(fields, line, header, featureIndices, features, file);
    },
  }, options.minParseChars);
  const finish = (): { features: Float32Array; sampleCount: number } | CsvError => {
    const walked = walk.end();
    if (isCsvError(walked)) return walked;
    const problem = missing ?? bad;
    if (problem) return problem;
    return { features: features.finish(), sampleCount: walked.rowCount };
  };
  return { push: (piece) => walk.push(piece), get done() { return walk.done; }, finish };
}

/** Reads the rows to predict on from a whole text (see createCsvFeatureRowsReader). */
export function parseCsvFeatureRows(text: string, featureNames: FeatureColumnChoice, file: string): { features: Float32Array; sampleCount: number } | CsvError {
  return readWhole(createCsvFeatureRowsReader(featureNames, file), text);
}

/** One row's chosen cells, pushed as numbers; a cell that is not a finite number is an error at its line and column. */
function readFeatureCells(
  fields: readonly string[], line: number, header: readonly string[], featureIndices: readonly number[], features: GrowingFloats, file: string,
): CsvError | undefined {
  for (const column of featureIndices) {
    const cell = fields[column].trim();
    const value = numberPattern.test(cell) ? Number(cell) : Number.NaN;
    if (!Number.isFinite(value)) {
      const what = cell === '' ? 'is empty' : `'${cell}' is not a number`;
      return csvError(file, line, column + 1, `feature '${header[column]}' ${what} (line ${line}, column ${column + 1})`);
    }
    features.push(value);
  }
  return undefined;
}
