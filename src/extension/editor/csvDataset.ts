// The extension's CSV path, free of vscode so a unit test can drive it in plain Node: the editor's label drop-down,
// the Problems panel and Train all learn about a graph's CSV data set here. The dataset reference comes from the graph
// code's own analysis of the text (never from a second reading of the JSON); the file goes through the one path rule
// (src/core/datasets/csvFile); then only the header is read for the drop-down, and the label column is scanned as a
// stream, 64 KiB at a time, so the host's event loop stays free whatever the file's size.
import { type CsvDatasetInfo, type CsvError, type CsvFileRequest, isCsvError } from '../../core/index';
import { readCsvHeaderFile, resolveCsvFile, scanCsvInfoFile } from '../../core/node';
import {
  type Analysis, analyzeGraph, type AnalyzeOptions, csvContentProblem, csvFileProblem, type DatasetInfo,
  type DatasetProblem, type DatasetRef,
} from '../../graph/index';
import { analyzeTextOnce } from './textAnalysis';

/** Where a graph's CSV files may come from: the workspace folder that holds it (or its own folder), and the cap. */
export interface CsvPlace {
  root: string;
  graphFolder: string;
  maxMegabytes: number;
}

export interface DatasetContext {
  /** How many folders the graph lies below the root: how far `..` may climb (the graph code's text check). */
  workspaceDepth?: number;
  datasetInfo?: DatasetInfo;
  /** The header's column names, for the label drop-down. */
  csvColumns?: string[];
  /** What the path rule or the reader refused, reported on the input node (NG028 or NG043). */
  datasetProblem?: DatasetProblem;
  /** The CSV file's place under the rule, for the worker, which resolves it again right before it reads. */
  csvFile?: CsvFileRequest;
}

export const HOW_TO_RAISE_CSV_CAP = 'the setting nngraph.maxCsvMegabytes';

type CsvRef = Extract<DatasetRef, { kind: 'csv' }>;

/** How many folders below the root the graph lies, counted on the paths as given ('/'-separated or native). */
export function depthBelow(root: string, graphFolder: string): number | undefined {
  const split = (path: string): string[] => path.split(/[\\/]+/).filter((part) => part !== '');
  const rootParts = split(root);
  const folderParts = split(graphFolder);
  if (folderParts.length < rootParts.length || rootParts.some((part, index) => folderParts[index] !== part)) return undefined;
  return folderParts.length - rootParts.length;
}

/** The scans of the last few files, by real path, size, modification time and columns; a Promise, so callers share one. */
const scans = new Map<string, Promise<CsvDatasetInfo | CsvError>>();
const MAX_CACHED_SCANS = 8;

function scanOnce(path: string, sizeBytes: number, modifiedMs: number, ref: CsvRef): Promise<CsvDatasetInfo | CsvError> {
  const key = JSON.stringify([path, sizeBytes, modifiedMs, ref.label, ref.features ?? null]);
  let scan = scans.get(key);
  if (!scan) {
    scan = scanCsvInfoFile(path, { label: ref.label, features: ref.features }, ref.path);
    scans.set(key, scan);
    if (scans.size > MAX_CACHED_SCANS) scans.delete(scans.keys().next().value as string);
  }
  return scan;
}

function infoOf(info: CsvDatasetInfo): DatasetInfo {
  return {
    featureCount: info.featureCount, classCount: info.classCount, featureNames: info.featureNames,
    sampleCount: info.sampleCount,
    ...(info.classNames ? { classNames: info.classNames } : {}),
    ...(info.lastClassRun !== undefined ? { lastClassRun: info.lastClassRun } : {}),
  };
}

/**
 * What the host knows about the CSV data set a graph's text names, if it names one (a built-in set needs nothing
 * from disk). With `headerOnly`, the label column is not scanned: enough for the drop-down and the path problems.
 */
export async function readDatasetContext(text: string, place: CsvPlace, options: { headerOnly?: boolean } = {}): Promise<DatasetContext> {
  const workspaceDepth = depthBelow(place.root, place.graphFolder) ?? 0;
  const ref = analyzeTextOnce(text, workspaceDepth).dataset;
  if (ref?.kind !== 'csv') return { workspaceDepth };
  const csvFile: CsvFileRequest = {
    root: place.root, graphFolder: place.graphFolder, csvPath: ref.path, maxMegabytes: place.maxMegabytes, howToRaise: HOW_TO_RAISE_CSV_CAP,
  };
  const resolution = await resolveCsvFile(csvFile);
  if (!resolution.ok) return { workspaceDepth, datasetProblem: csvFileProblem(ref.path, resolution.kind, resolution.message) };
  const header = await readCsvHeaderFile(resolution.path, ref.path);
  if (isCsvError(header)) return { workspaceDepth, datasetProblem: csvContentProblem(ref.path, header) };
  if (options.headerOnly) return { workspaceDepth, csvColumns: header, csvFile };
  const info = await scanOnce(resolution.path, resolution.sizeBytes, resolution.modifiedMs, ref);
  if (isCsvError(info)) return { workspaceDepth, csvColumns: header, datasetProblem: csvContentProblem(ref.path, info) };
  return { workspaceDepth, csvColumns: header, datasetInfo: infoOf(info), csvFile };
}

/** The header of a CSV file the person picked in the editor, under the same rule (the label defaults to its last column). */
export async function readPickedCsvHeader(csvPath: string, place: CsvPlace): Promise<string[] | DatasetProblem> {
  const resolution = await resolveCsvFile({
    root: place.root, graphFolder: place.graphFolder, csvPath, maxMegabytes: place.maxMegabytes, howToRaise: HOW_TO_RAISE_CSV_CAP,
  });
  if (!resolution.ok) return csvFileProblem(csvPath, resolution.kind, resolution.message);
  const header = await readCsvHeaderFile(resolution.path, csvPath);
  return isCsvError(header) ? csvContentProblem(csvPath, header) : header;
}

/** The options that give the graph code what the host found: depth, the CSV's description, and its problem. */
export function analyzeOptionsOf(context: DatasetContext): AnalyzeOptions {
  return {
    ...(context.workspaceDepth !== undefined ? { workspaceDepth: context.workspaceDepth } : {}),
    datasetInfo: (ref: DatasetRef) => (ref.kind === 'csv' ? context.datasetInfo : undefined),
    datasetProblem: (ref: DatasetRef) => (ref.kind === 'csv' ? context.datasetProblem : undefined),
  };
}

/** The graph code's checks of a text with what the CSV path found; the shared analysis when it found nothing. */
export function analyzeWithContext(text: string, context: DatasetContext): Analysis {
  if (context.datasetInfo || context.datasetProblem) return analyzeGraph(text, analyzeOptionsOf(context));
  return analyzeTextOnce(text, context.workspaceDepth);
}

/** The host's analysis of a graph's text: the graph code's checks with what the CSV path found (the Problems panel's). */
export async function analyzeWithDataset(text: string, place: CsvPlace): Promise<{ analysis: Analysis; context: DatasetContext }> {
  const context = await readDatasetContext(text, place);
  return { analysis: analyzeWithContext(text, context), context };
}
