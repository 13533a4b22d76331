// The analysis of one .nngraph document as the host sees it: the graph code's checks plus what only the host can
// know, a CSV dataset's header and label column read from disk (in a trusted workspace only).
import * as vscode from 'vscode';
import Papa from 'papaparse';
import { isCsvError, readCsvInfo } from '../../core/index';
import { type Analysis, analyzeGraph, type DatasetInfo, type DatasetRef } from '../../graph/index';

export interface CsvDetails { info?: DatasetInfo; columns: string[]; problem?: string }

export interface DocumentAnalysis extends DatasetContext { analysis: Analysis }

const csvCache = new Map<string, { mtime: number; label: string; features: string; details: CsvDetails }>();

/** How many folders the document lies below its workspace folder (how far `..` may climb in a CSV path). */
export function workspaceDepthOf(uri: vscode.Uri): number | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  return Math.max(0, relative.split('/').length - 1);
}

function csvReferenceOf(text: string): { path: string; label: string; features?: string[] } | undefined {
  let value: unknown;
  try { value = JSON.parse(text); } catch { return undefined; }
  const nodes = (value as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return undefined;
  for (const node of nodes) {
    const dataset = (node as { type?: unknown; params?: { dataset?: unknown } } | null)?.params?.dataset;
    if ((node as { type?: unknown }).type !== 'input' || typeof dataset !== 'object' || dataset === null) continue;
    const { csv, label, features } = dataset as { csv?: unknown; label?: unknown; features?: unknown };
    if (typeof csv !== 'string') return undefined;
    const featureList = Array.isArray(features) && features.every((f) => typeof f === 'string') ? (features as string[]) : undefined;
    return { path: csv, label: typeof label === 'string' ? label : '', ...(featureList ? { features: featureList } : {}) };
  }
  return undefined;
}

/** Reads a CSV next to the document (cached by modification time); never throws. */
export async function readCsvDetails(documentUri: vscode.Uri, path: string, label: string, features?: string[]): Promise<CsvDetails> {
  if (!vscode.workspace.isTrusted) return { columns: [], problem: 'CSV files are not read in an untrusted workspace.' };
  const fileUri = vscode.Uri.joinPath(documentUri, '..', path);
  try {
    const stat = await vscode.workspace.fs.stat(fileUri);
    const key = fileUri.toString();
    const featureKey = JSON.stringify(features ?? null);
    const cached = csvCache.get(key);
    if (cached && cached.mtime === stat.mtime && cached.label === label && cached.features === featureKey) return cached.details;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri));
    const header = Papa.parse<string[]>(text.slice(0, text.search(/\r?\n|$/)), { header: false }).data[0] ?? [];
    const columns = header.map((name) => name.trim());
    let details: CsvDetails = { columns };
    if (label !== '') {
      const info = readCsvInfo(text, features ? { label, features } : { label }, path);
      details = isCsvError(info)
        ? { columns, problem: `${path}:${info.line}:${info.column}: ${info.message}` }
        : { columns, info: { featureCount: info.featureCount, classCount: info.classCount, featureNames: info.featureNames, ...(info.classNames ? { classNames: info.classNames } : {}) } };
    }
    csvCache.set(key, { mtime: stat.mtime, label, features: featureKey, details });
    return details;
  } catch (error) {
    return { columns: [], problem: `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface DatasetContext { datasetInfo?: DatasetInfo; csvColumns?: string[]; csvProblem?: string }

/** What the host knows about the document's CSV dataset, if it names one. */
export async function datasetContextOf(document: vscode.TextDocument): Promise<DatasetContext> {
  const csv = csvReferenceOf(document.getText());
  if (!csv) return {};
  const details = await readCsvDetails(document.uri, csv.path, csv.label, csv.features);
  return {
    ...(details.info ? { datasetInfo: details.info } : {}),
    csvColumns: details.columns,
    ...(details.problem ? { csvProblem: details.problem } : {}),
  };
}

export async function analyzeDocument(document: vscode.TextDocument): Promise<DocumentAnalysis> {
  const context = await datasetContextOf(document);
  const workspaceDepth = workspaceDepthOf(document.uri);
  const analysis = analyzeGraph(document.getText(), {
    ...(workspaceDepth !== undefined ? { workspaceDepth } : {}),
    datasetInfo: (ref: DatasetRef) => (ref.kind === 'csv' ? context.datasetInfo : undefined),
  });
  return { analysis, ...context };
}
