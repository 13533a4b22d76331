// The node-side half of the CSV path rule (./csvPath is the text half): a path a .nngraph file names is resolved
// with realpath and used only when the file it reaches lies inside the root, is a regular file and is under the size
// cap. The command line (`--root`, default the graph's folder) and the extension (the workspace folder) both come
// through here, the extension asynchronously. Nothing outside the root is opened or stat'ed: the text rule and a
// lexical check run first, and the real path is checked before the file's own metadata is read. Files are then
// scanned (their header and labels, for the editor and `check`) or loaded (for training) a chunk at a time.
import { closeSync, createReadStream, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import type { Dataset } from '../types';
import { createCsvDatasetReader, csvError, readHeader, type CsvColumns, type CsvDatasetInfo, type CsvError, type CsvPieceReader } from './csv';
import { csvPathProblem, csvTooLargeMessage, type CsvFileProblemKind } from './csvPath';
import { MAX_LINE_CHARS, lineTooLongMessage } from './csvRows';
import { CsvInfoScanner, rowParseProblem } from './csvScan';

export interface CsvFileRequest {
  /** The folder data files must stay in: the workspace folder, or the command line's `--root`. */
  root: string;
  /** The folder of the .nngraph file; the CSV path is relative to it. */
  graphFolder: string;
  /** The path as the file wrote it. */
  csvPath: string;
  maxMegabytes: number;
  /** How the person raises the cap, for the message: `the setting nngraph.maxCsvMegabytes`, `--max-csv-mb`. */
  howToRaise: string;
}

/** A refusal's `message` is a sentence that follows the quoted path: `The CSV path "x.csv" <message>`. */
export type CsvFileResolution =
  | { ok: true; path: string; sizeBytes: number; modifiedMs: number }
  | { ok: false; kind: CsvFileProblemKind; message: string };

function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder !== '' && fromFolder !== '..' && !fromFolder.startsWith(`..${sep}`) && !isAbsolute(fromFolder);
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENOTDIR') return 'a folder on the way is a file';
  return error instanceof Error ? error.message : String(error);
}

const outsideMessage = 'leads outside the workspace; keep data files inside it.';

/** The text rule and the lexical check: the candidate path, or the refusal. */
function lexicalStep(request: CsvFileRequest): { candidate: string; root: string } | CsvFileResolution {
  const root = resolve(request.root);
  const graphFolder = resolve(request.graphFolder);
  if (graphFolder !== root && !isInside(root, graphFolder)) {
    return { ok: false, kind: 'outside', message: `is not read: the .nngraph file lies outside the root folder ${root}.` };
  }
  const graphDepth = graphFolder === root ? 0 : relative(root, graphFolder).split(sep).length;
  const problem = csvPathProblem(request.csvPath, graphDepth);
  if (problem !== undefined) return { ok: false, kind: 'outside', message: problem };
  const candidate = resolve(graphFolder, request.csvPath);
  if (!isInside(root, candidate)) return { ok: false, kind: 'outside', message: outsideMessage };
  return { candidate, root };
}

/** After realpath, before anything else is read: the real file must lie inside the real root. */
function linkStep(realRoot: string, real: string): CsvFileResolution | undefined {
  return isInside(realRoot, real) ? undefined : { ok: false, kind: 'outside', message: `is a link that ${outsideMessage}` };
}

/** The file's own metadata, read only once it is known to lie inside the root: a regular file under the cap. */
function fileStep(request: CsvFileRequest, real: string, info: Stats): CsvFileResolution {
  if (!info.isFile()) return { ok: false, kind: 'unreadable', message: 'is not a file.' };
  if (info.size > request.maxMegabytes * 1e6) {
    return { ok: false, kind: 'too-large', message: `cannot be used: ${csvTooLargeMessage(request.csvPath, info.size, request.maxMegabytes, request.howToRaise)}` };
  }
  return { ok: true, path: real, sizeBytes: info.size, modifiedMs: info.mtimeMs };
}

function unreadable(error: unknown): CsvFileResolution {
  return { ok: false, kind: 'unreadable', message: `cannot be read: ${describeError(error)}.` };
}

/** Resolves a CSV path under the rule, asynchronously (the extension host). */
export async function resolveCsvFile(request: CsvFileRequest): Promise<CsvFileResolution> {
  const lexical = lexicalStep(request);
  if ('ok' in lexical) return lexical;
  try {
    const real = await realpath(lexical.candidate);
    return linkStep(await realpath(lexical.root), real) ?? fileStep(request, real, await stat(real));
  } catch (error) {
    return unreadable(error);
  }
}

/** Resolves a CSV path under the rule, synchronously (the command line). */
export function resolveCsvFileSync(request: CsvFileRequest): CsvFileResolution {
  const lexical = lexicalStep(request);
  if ('ok' in lexical) return lexical;
  try {
    const real = realpathSync(lexical.candidate);
    return linkStep(realpathSync(lexical.root), real) ?? fileStep(request, real, statSync(real));
  } catch (error) {
    return unreadable(error);
  }
}

/** A header longer than this is not a header: the file is not a CSV table (or is one long line). */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * The header row of a resolved CSV file, read as a stream up to its first line break outside quotes: the editor's
 * label drop-down needs only this, whatever the file's size.
 */
export function readCsvHeaderFile(path: string, file: string): Promise<string[] | CsvError> {
  return new Promise((resolvePromise) => {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    let text = '';
    let scanned = 0;
    let quoted = false;
    let done = false;
    const finish = (result: string[] | CsvError): void => {
      if (done) return;
      done = true;
      stream.destroy();
      resolvePromise(result);
    };
    const headerOf = (line: string): string[] | CsvError => {
      if (line.replace(/^\uFEFF/, '').trim() === '') return csvError(file, 1, 1, `${file} is empty: expected a header row naming the columns`);
      return readHeader(Papa.parse<string[]>(line, { header: false }).data[0] ?? [], 1, file);
    };
    stream.on('data', (chunk) => {
      text += chunk;
      for (; scanned < text.length; scanned++) {
        const code = text.charCodeAt(scanned);
        if (code === 34) quoted = !quoted;
        else if (!quoted && (code === 10 || code === 13)) return finish(headerOf(text.slice(0, scanned)));
      }
      if (text.length > MAX_HEADER_BYTES) finish(csvError(file, 1, 1, `the first line of ${file} is longer than 1 MB; is it a CSV file?`));
    });
    stream.on('end', () => finish(headerOf(text)));
    stream.on('error', (error) => finish(csvError(file, 1, 1, `cannot read ${file}: ${describeError(error)}`)));
  });
}

/**
 * Describes a resolved CSV file from a stream of its rows: papaparse parses each 64 KiB chunk as it arrives, so the
 * thread is free between chunks, and only the label tally is kept.
 */
export function scanCsvInfoFile(path: string, columns: CsvColumns, file: string): Promise<CsvDatasetInfo | CsvError> {
  return new Promise((resolvePromise) => {
    const scanner = new CsvInfoScanner(columns, file);
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    let failure: CsvError | undefined;
    let settled = false;
    let charsSinceLineBreak = 0;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      stream.destroy();
      resolvePromise(failure ?? scanner.finish());
    };
    stream.on('data', (chunk: string | Buffer) => {
      const text = String(chunk);
      const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      charsSinceLineBreak = lastBreak < 0 ? charsSinceLineBreak + text.length : text.length - 1 - lastBreak;
      // papaparse holds an unfinished row and parses it again with every chunk: a file without line breaks would cost
      // time quadratic in its size.
      if (charsSinceLineBreak > MAX_LINE_CHARS) {
        failure ??= csvError(file, scanner.lineReached, 1, lineTooLongMessage(scanner.lineReached, file));
        settle();
      }
    });
    stream.on('error', (error) => {
      failure ??= csvError(file, 1, 1, `cannot read ${file}: ${describeError(error)}`);
      settle();
    });
    Papa.parse<string[]>(stream, {
      step: (result, parser) => {
        if (settled) return;
        if (!scanner.row(result.data, rowParseProblem(result.errors))) {
          parser.abort();
          settle();
        }
      },
      complete: settle,
      error: (error: Error) => {
        failure ??= csvError(file, 1, 1, `cannot read ${file}: ${error.message}`);
        settle();
      },
    });
  });
}

/** How much of a CSV file is read at a time when it is loaded: memory holds this much text, and the numbers. */
const LOAD_CHUNK_BYTES = 1 << 20;

/**
 * The text is decoded as readFileSync(path, 'utf8') decodes it (a byte order mark kept for the reader to drop), one
 * chunk at a time: a character whose bytes are split between chunks is held back until its last byte comes.
 */
function textDecoder(): StringDecoder {
  return new StringDecoder('utf8');
}

/**
 * Feeds a resolved CSV file to a reader of pieces, one chunk at a time, synchronously (the command line compiles
 * synchronously). Stops reading once the reader has met a problem the rest cannot change. Throws what node:fs throws.
 */
export function readCsvFileInto<T>(path: string, reader: CsvPieceReader<T>, chunkBytes = LOAD_CHUNK_BYTES): T | CsvError {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    const decoder = textDecoder();
    while (!reader.done) {
      const count = readSync(fd, buffer, 0, chunkBytes, null);
      if (count === 0) break;
      reader.push(decoder.write(Buffer.from(buffer.buffer, 0, count)));
    }
    reader.push(decoder.end());
  } finally {
    closeSync(fd);
  }
  return reader.finish();
}

/** As readCsvFileInto, from a read stream: the thread is free between chunks (the training worker takes Stop). */
export async function readCsvFileIntoAsync<T>(path: string, reader: CsvPieceReader<T>, chunkBytes = LOAD_CHUNK_BYTES): Promise<T | CsvError> {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  const decoder = textDecoder();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      reader.push(decoder.write(chunk));
      if (reader.done) break;
    }
  } finally {
    stream.destroy();
  }
  reader.push(decoder.end());
  return reader.finish();
}

/** A resolved CSV file loaded as a data set, read in chunks; throws what node:fs throws. */
export function loadCsvDatasetFile(path: string, columns: CsvColumns, file: string): Dataset | CsvError {
  return readCsvFileInto(path, createCsvDatasetReader(columns, file));
}

/** As loadCsvDatasetFile, asynchronously. */
export function loadCsvDatasetFileAsync(path: string, columns: CsvColumns, file: string): Promise<Dataset | CsvError> {
  return readCsvFileIntoAsync(path, createCsvDatasetReader(columns, file));
}
