// The analysis of one .nngraph document as the host sees it: the graph code's checks plus what only the host can
// know, a CSV dataset's header and label column read from disk (in a trusted workspace only) through ./csvDataset.
import * as vscode from 'vscode';
import { DEFAULT_MAX_CSV_MEGABYTES } from '../../core/index';
import { type Analysis, csvFileProblem } from '../../graph/index';
import { analyzeOptionsOf, analyzeWithContext, depthBelow, readDatasetContext, type CsvPlace, type DatasetContext } from './csvDataset';
import { analyzeTextOnce } from './textAnalysis';

export { analyzeOptionsOf, type DatasetContext };

export interface DocumentAnalysis extends DatasetContext { analysis: Analysis }

function dirnameOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? path.slice(0, cut + 1) : path.slice(0, cut);
}

/** The CSV size cap, from the setting `nngraph.maxCsvMegabytes`. */
export function maxCsvMegabytes(): number {
  const value = vscode.workspace.getConfiguration('nngraph').get<number>('maxCsvMegabytes', DEFAULT_MAX_CSV_MEGABYTES);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_CSV_MEGABYTES;
}

/**
 * Where the document's CSV files may come from: the workspace folder that holds it, or, for a file outside every
 * folder, its own folder. Undefined for a document that is not a file on this machine (nothing is read for it).
 */
export function csvPlaceOf(uri: vscode.Uri): CsvPlace | undefined {
  if (uri.scheme !== 'file') return undefined;
  const graphFolder = dirnameOf(uri.fsPath);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const root = folder?.uri.scheme === 'file' ? folder.uri.fsPath : graphFolder;
  return { root, graphFolder, maxMegabytes: maxCsvMegabytes() };
}

/** How many folders the document lies below its workspace folder (how far `..` may climb in a CSV path). */
export function workspaceDepthOf(uri: vscode.Uri): number | undefined {
  const place = csvPlaceOf(uri);
  return place ? depthBelow(place.root, place.graphFolder) : undefined;
}

/** What the host knows about the document's CSV dataset, if it names one; `headerOnly` skips the label scan. */
export async function datasetContextOf(document: vscode.TextDocument, options: { headerOnly?: boolean } = {}): Promise<DatasetContext> {
  if (!vscode.workspace.isTrusted) return {}; // Restricted Mode: no CSV is read; the graph still edits
  const place = csvPlaceOf(document.uri);
  if (place) return readDatasetContext(document.getText(), place, options);
  const ref = analyzeTextOnce(document.getText(), undefined).dataset;
  if (ref?.kind !== 'csv') return {};
  return { datasetProblem: csvFileProblem(ref.path, 'unreadable', 'is not read: NN Graph reads CSV data sets only beside .nngraph files on this machine.') };
}

export async function analyzeDocument(document: vscode.TextDocument): Promise<DocumentAnalysis> {
  const context = await datasetContextOf(document);
  return { analysis: analyzeWithContext(document.getText(), context), ...context };
}
