// A user's CSV file as a data set: a header row, one sample per line. Every problem becomes a CsvError that names the
// file, the line and the column (both 1-based, the column counted in fields), so an editor can point at it.
import Papa from 'papaparse';
import type { Dataset, LabelKind } from '../types';
import { LabelTally, numberPattern, type LabelKindReading } from './csvLabels';

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

/** One data row as papaparse split it, with the line it starts on. */
interface CsvRow { fields: string[]; line: number }

interface CsvTable { header: string[]; headerLine: number; rows: CsvRow[] }

/** The columns chosen from the header. */
export interface ColumnChoice { labelIndex: number; featureIndices: number[]; featureNames: string[] }

/** The labels as numbers (class indices, or real values for regression) and what kind they are. */
interface LabelReading extends LabelKindReading { values: Float32Array }


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

/** Splits the text into a header and rows, keeping each row's line number; quoted fields may span lines. */
function readTable(text: string, file: string): CsvTable | CsvError {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') return csvError(file, 1, 1, `${file} is empty: expected a header row naming the columns`);
  const lineStarts = [0];
  for (let i = 0; i < normalized.length; i++) if (normalized.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const rows: CsvRow[] = [];
  let rowStart = 0;
  let parseError: CsvError | undefined;
  Papa.parse<string[]>(normalized, {
    skipEmptyLines: 'greedy',
    newline: '\n',
    step: (result) => {
      let start = rowStart;
      while (start < normalized.length && /\s/.test(normalized[start])) start++;
      rowStart = result.meta.cursor;
      const serious = result.errors.find((e) => e.type !== 'Delimiter');
      if (serious && !parseError) parseError = csvError(file, lineAt(start), 1, `${serious.message} (line ${lineAt(start)})`);
      rows.push({ fields: result.data, line: lineAt(start) });
    },
  });
  if (parseError) return parseError;
  const headerRow = rows.shift();
  if (!headerRow) return csvError(file, 1, 1, `${file} is empty: expected a header row naming the columns`);
  const header = readHeader(headerRow.fields, headerRow.line, file);
  if (isCsvError(header)) return header;
  if (rows.length === 0) return csvError(file, headerRow.line + 1, 1, `${file} has a header but no data rows`);
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      return csvError(file, row.line, Math.min(row.fields.length, header.length) + 1,
        `line ${row.line} has ${row.fields.length} values but the header has ${header.length} columns`);
    }
  }
  return { header, headerLine: headerRow.line, rows };
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

/** Reads the label column through the tally the streamed scan uses too, then numbers the labels. */
function readLabels(table: CsvTable, labelIndex: number, labelName: string, file: string): LabelReading | CsvError {
  const { rows } = table;
  const raw = rows.map((row) => row.fields[labelIndex].trim());
  const tally = new LabelTally();
  for (let r = 0; r < rows.length; r++) {
    if (raw[r] === '') return csvError(file, rows[r].line, labelIndex + 1, `the label '${labelName}' is empty on line ${rows[r].line}`);
    const problem = tally.add(raw[r]);
    if (problem !== undefined) return csvError(file, rows[r].line, labelIndex + 1, problem);
  }
  const reading = tally.reading();
  const values = new Float32Array(rows.length);
  if (reading.classNames) {
    const indexOf = new Map(reading.classNames.map((name, i) => [name, i]));
    for (let r = 0; r < raw.length; r++) values[r] = indexOf.get(raw[r]) ?? 0;
  } else {
    for (let r = 0; r < raw.length; r++) values[r] = Number(raw[r]);
  }
  return { values, ...reading };
}

/** The table, the chosen columns and the labels: the steps loading a set and describing it share. */
function readColumns(text: string, columns: CsvColumns, file: string) {
  const table = readTable(text, file);
  if (isCsvError(table)) return table;
  const choice = chooseColumns(table.header, table.headerLine, columns, file);
  if (isCsvError(choice)) return choice;
  const labels = readLabels(table, choice.labelIndex, columns.label, file);
  if (isCsvError(labels)) return labels;
  return { table, choice, labels };
}

/** Reads a CSV file's text as a data set, or says what is wrong and where. */
export function parseCsvDataset(text: string, columns: CsvColumns, file: string): Dataset | CsvError {
  const read = readColumns(text, columns, file);
  if (isCsvError(read)) return read;
  const { table, choice, labels } = read;
  const features = readFeatureCells(table, choice.featureIndices, file);
  if (isCsvError(features)) return features;
  return {
    name: file,
    features,
    labels: labels.values,
    sampleCount: table.rows.length,
    featureCount: choice.featureIndices.length,
    labelWidth: 1,
    labelKind: labels.labelKind,
    classCount: labels.classCount,
    featureNames: choice.featureNames,
    ...(labels.classNames ? { classNames: labels.classNames } : {}),
  };
}

/**
 * Rows to predict on: a header, then rows holding every named feature column (in any order; other columns, a label
 * among them, are ignored). Features only, in the order of `featureNames`, [sampleCount, featureNames.length].
 */
export function parseCsvFeatureRows(text: string, featureNames: readonly string[], file: string): { features: Float32Array; sampleCount: number } | CsvError {
  const table = readTable(text, file);
  if (isCsvError(table)) return table;
  const featureIndices: number[] = [];
  for (const name of featureNames) {
    const index = table.header.indexOf(name);
    if (index < 0) {
      const shown = table.header.map((h) => `'${h}'`).join(', ');
      return csvError(file, table.headerLine, 1, `no feature column '${name}': the header (line ${table.headerLine}) has ${shown}; `
        + `the model reads ${featureNames.map((f) => `'${f}'`).join(', ')}`);
    }
    featureIndices.push(index);
  }
  const features = readFeatureCells(table, featureIndices, file);
  return isCsvError(features) ? features : { features, sampleCount: table.rows.length };
}

/** The chosen columns as numbers, row-major; a cell that is not a finite number is an error at its line and column. */
function readFeatureCells(table: CsvTable, featureIndices: readonly number[], file: string): Float32Array | CsvError {
  const { rows } = table;
  const featureCount = featureIndices.length;
  const features = new Float32Array(rows.length * featureCount);
  for (let r = 0; r < rows.length; r++) {
    for (let f = 0; f < featureCount; f++) {
      const column = featureIndices[f];
      const cell = rows[r].fields[column].trim();
      const value = numberPattern.test(cell) ? Number(cell) : Number.NaN;
      if (!Number.isFinite(value)) {
        const what = cell === '' ? 'is empty' : `'${cell}' is not a number`;
        return csvError(file, rows[r].line, column + 1, `feature '${table.header[column]}' ${what} (line ${rows[r].line}, column ${column + 1})`);
      }
      features[r * featureCount + f] = value;
    }
  }
  return features;
}
