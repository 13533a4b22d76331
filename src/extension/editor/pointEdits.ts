// Adding and removing data points of a CSV data set, free of vscode so a unit test drives it on real files: the file
// goes through the one CSV path rule (inside the workspace, realpath, size cap), is read whole only under a small cap,
// changed by one row and written atomically. Each change is kept as lines taken out and put in at one place, with a
// hash of the file before and after, so Undo and Redo apply the inverse only to the very text they left; a file
// changed in between (a text editor, git) is left alone and the history is dropped, with a message saying so.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Dataset } from '../../core/index';
import { resolveCsvFile, type CsvFileResolution } from '../../core/node';
import type { CsvFileRequest } from '../../core/index';
import { newFileKind, safeWriteFile, writeFileAtomic } from '../../node/safeWrite';
import { labelClass } from '../worker/boundaryGrid';
import {
  csvNumber, insertLines, joinCsvLines, pointRow, readCsvTable, removeLines, splitCsvLines, type CsvTable,
} from './csvPointText';

/** A CSV read whole on the host thread to change one row: far above a drawn data set, far below a slow read. */
export const MAX_POINT_EDIT_BYTES = 16 * 1024 * 1024;
/** Changes kept for Undo, per editor. */
export const MAX_POINT_HISTORY = 200;

/** The CSV data set's columns as the graph names them. */
export interface CsvColumnsRef { label: string; features?: readonly string[] }

export type PointEditOutcome =
  | { ok: true; message: string; addedRow?: number; rowCount: number; canUndo: boolean; canRedo: boolean }
  | { ok: false; message: string };

interface HistoryEntry {
  /** The file's real path, and its name as the graph writes it (for messages). */
  path: string;
  name: string;
  at: number;
  removed: string[];
  inserted: string[];
  description: string;
  hashBefore: string;
  hashAfter: string;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

async function readTable(request: CsvFileRequest): Promise<{ path: string; text: string; table: CsvTable } | string> {
  const resolution: CsvFileResolution = await resolveCsvFile(request);
  if (!resolution.ok) return `The CSV path "${request.csvPath}" ${resolution.message}`;
  if (resolution.sizeBytes > MAX_POINT_EDIT_BYTES) {
    return `${request.csvPath} is ${(resolution.sizeBytes / 1e6).toFixed(1)} MB; points are added and removed by clicking only in CSVs of up to ${MAX_POINT_EDIT_BYTES / 1024 / 1024} MB. Edit it in a text editor.`;
  }
  const text = await readFile(resolution.path, 'utf8');
  const table = readCsvTable(text);
  if (typeof table === 'string') return `${request.csvPath} cannot be changed: ${table}`;
  return { path: resolution.path, text, table };
}

/** The two feature columns and the label column, found in the header as the reader finds them. */
function pointColumns(table: CsvTable, columns: CsvColumnsRef, file: string): { features: [string, string]; label: string } | string {
  const header = table.header.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  if (!header.includes(columns.label)) return `${file} has no column '${columns.label}' (the graph's label).`;
  const features = columns.features ? [...columns.features] : header.filter((name) => name !== columns.label);
  if (features.length !== 2) return `${file} has ${features.length} feature columns; points are drawn only for two.`;
  return { features: [features[0], features[1]], label: columns.label };
}

/** Per editor: the point edits made by clicking, for Undo and Redo. */
export class PointEditHistory {
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];

  get canUndo(): boolean { return this.undoStack.length > 0; }
  get canRedo(): boolean { return this.redoStack.length > 0; }

  /** Appends one row: the point in raw feature units, its class written as the file writes classes. */
  async add(request: CsvFileRequest, columns: CsvColumnsRef, point: { x: number; y: number; label: string }): Promise<PointEditOutcome> {
    const read = await readTable(request);
    if (typeof read === 'string') return { ok: false, message: read };
    const names = pointColumns(read.table, columns, request.csvPath);
    if (typeof names === 'string') return { ok: false, message: names };
    const cells = new Map([[names.features[0], csvNumber(point.x)], [names.features[1], csvNumber(point.y)], [names.label, point.label]]);
    const row = read.table.rows.length;
    const at = read.table.lines.length;
    const description = `Added row ${row} (${names.label} ${point.label} at ${cells.get(names.features[0])}, ${cells.get(names.features[1])}) to ${request.csvPath}`;
    return this.apply(read, request.csvPath, { at, removed: [], inserted: [pointRow(read.table, cells)], description }, row);
  }

  /** Takes out data row `row` (counting from 0, in file order). */
  async remove(request: CsvFileRequest, row: number): Promise<PointEditOutcome> {
    const read = await readTable(request);
    if (typeof read === 'string') return { ok: false, message: read };
    const { rows, lines } = read.table;
    if (row >= rows.length) return { ok: false, message: `${request.csvPath} has ${rows.length} rows; row ${row} is not one of them.` };
    if (rows.length === 1) return { ok: false, message: `Row ${row} is the last row of ${request.csvPath}; a data set needs at least one.` };
    const { line, lineCount } = rows[row];
    const removed = lines.slice(line, line + lineCount);
    return this.apply(read, request.csvPath, { at: line, removed, inserted: [], description: `Removed row ${row} from ${request.csvPath}` });
  }

  undo(): Promise<PointEditOutcome> {
    return this.step(this.undoStack, this.redoStack, 'undo');
  }

  redo(): Promise<PointEditOutcome> {
    return this.step(this.redoStack, this.undoStack, 'redo');
  }

  private apply(
    read: { path: string; text: string; table: CsvTable }, name: string,
    change: Pick<HistoryEntry, 'at' | 'removed' | 'inserted' | 'description'>, addedRow?: number,
  ): PointEditOutcome {
    const after = joinCsvLines(insertLines(removeLines(read.table, change.at, change.removed.length), change.at, change.inserted));
    writeFileAtomic(read.path, new TextEncoder().encode(after));
    this.undoStack.push({ ...change, path: read.path, name, hashBefore: hashOf(read.text), hashAfter: hashOf(after) });
    if (this.undoStack.length > MAX_POINT_HISTORY) this.undoStack.shift();
    this.redoStack.length = 0;
    const rowCount = read.table.rows.length + change.inserted.length - (change.removed.length > 0 ? 1 : 0);
    return { ok: true, message: change.description, ...(addedRow !== undefined ? { addedRow } : {}), rowCount, canUndo: this.canUndo, canRedo: this.canRedo };
  }

  private async step(from: HistoryEntry[], to: HistoryEntry[], direction: 'undo' | 'redo'): Promise<PointEditOutcome> {
    const entry = from.pop();
    if (!entry) return { ok: false, message: `There is no point edit to ${direction}.` };
    let text: string;
    try {
      text = await readFile(entry.path, 'utf8');
    } catch (error) {
      this.forget();
      return { ok: false, message: `${entry.name} cannot be read (${error instanceof Error ? error.message : String(error)}); the point edits were not ${direction === 'undo' ? 'undone' : 'redone'}.` };
    }
    const expected = direction === 'undo' ? entry.hashAfter : entry.hashBefore;
    if (hashOf(text) !== expected) {
      this.forget();
      return { ok: false, message: `${entry.name} changed outside explain mode since that point edit; it was left as it is, and the point edits can no longer be undone by clicking.` };
    }
    const csv = splitCsvLines(text);
    const [take, put] = direction === 'undo' ? [entry.inserted, entry.removed] : [entry.removed, entry.inserted];
    const result = joinCsvLines(insertLines(removeLines(csv, entry.at, take.length), entry.at, put));
    writeFileAtomic(entry.path, new TextEncoder().encode(result));
    if (direction === 'undo') entry.hashBefore = hashOf(result); else entry.hashAfter = hashOf(result);
    to.push(entry);
    const table = readCsvTable(result);
    const rowCount = typeof table === 'string' ? 0 : table.rows.length;
    return { ok: true, message: `${direction === 'undo' ? 'Undid' : 'Redid'}: ${entry.description}`, rowCount, canUndo: this.canUndo, canRedo: this.canRedo };
  }

  private forget(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }
}

/** The data set as a CSV text: the two features (or all of them) and a `label` column of class numbers, in file order. */
export function datasetCsvText(dataset: Dataset): string {
  const names = featureColumnNames(dataset);
  const lines = [[...names, 'label'].join(',')];
  const { features, featureCount, labels, labelWidth, sampleCount } = dataset;
  for (let row = 0; row < sampleCount; row++) {
    const cells: string[] = [];
    for (let f = 0; f < featureCount; f++) cells.push(csvNumber(features[row * featureCount + f]));
    cells.push(String(labelClass(labels, labelWidth, row)));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function featureColumnNames(dataset: Dataset): string[] {
  const given = dataset.featureNames;
  const plain = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_ ]{0,40}$/.test(name) && name !== 'label';
  if (given && given.length === dataset.featureCount && given.every(plain) && new Set(given).size === given.length) return [...given];
  return Array.from({ length: dataset.featureCount }, (_, f) => (dataset.featureCount === 2 ? ['x', 'y'][f] : `x${f + 1}`));
}

/** A file name beside the graph that nothing holds yet: `<base>-points.csv`, then `-2`, `-3`… */
export function freePointsCsvName(graphFolder: string, base: string): string | undefined {
  const stem = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'data';
  for (let n = 1; n <= 99; n++) {
    const name = `${stem}-points${n === 1 ? '' : `-${n}`}.csv`;
    if (!existsSync(join(graphFolder, name))) return name;
  }
  return undefined;
}

/**
 * Writes a built-in data set as a new CSV beside the graph under a free name (never over an existing file, never
 * over the graph), and returns that name as the graph's dataset path.
 */
export function writeDatasetCsv(graphPath: string, graphFolder: string, base: string, dataset: Dataset): { ok: true; name: string } | { ok: false; message: string } {
  const name = freePointsCsvName(graphFolder, base);
  if (name === undefined) return { ok: false, message: `Every name from ${base}-points.csv to ${base}-points-99.csv is taken beside ${basename(graphPath)}; remove some.` };
  try {
    safeWriteFile({
      path: join(graphFolder, name), kind: newFileKind('a CSV data set'), overwriteOtherKind: false,
      protectedFiles: [{ path: graphPath, role: 'the graph file' }],
    }, new TextEncoder().encode(datasetCsvText(dataset)));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, name };
}
