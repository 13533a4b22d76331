// The Problems panel for .nngraph files, open in the graph editor or as text: the graph code's diagnostics with their
// codes and ranges, refreshed shortly after every change. A quick fix on a problem shows its node in the graph.
import * as vscode from 'vscode';
import type { Diagnostic as GraphDiagnostic } from '../../graph/index';
import { analyzeDocument } from './documentAnalysis';

const SOURCE = 'nngraph';
const REFRESH_DELAY_MS = 150;

export function isGraphDocument(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith('.nngraph') && document.uri.scheme !== 'git';
}

function toVsCodeDiagnostic(diagnostic: GraphDiagnostic): vscode.Diagnostic {
  const { start, end } = diagnostic.range;
  const range = new vscode.Range(start.line, start.column, end.line, end.column);
  const severity = diagnostic.severity === 'error' ? vscode.DiagnosticSeverity.Error
    : diagnostic.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const where = diagnostic.nodeId !== undefined ? `${diagnostic.nodeId}: ` : '';
  const result = new vscode.Diagnostic(range, `${where}${diagnostic.message}`, severity);
  result.source = SOURCE;
  result.code = diagnostic.code;
  return result;
}

/** The node a Problems entry belongs to, kept beside the collection so a quick fix can find it. */
const nodeIdsByDiagnostic = new WeakMap<vscode.Diagnostic, string>();

export function nodeIdOfDiagnostic(diagnostic: vscode.Diagnostic): string | undefined {
  return nodeIdsByDiagnostic.get(diagnostic);
}

export class GraphDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, REFRESH_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isGraphDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.refresh(document);
    }, delayMs));
  }

  private async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const version = document.version;
    const { analysis } = await analyzeDocument(document);
    if (document.isClosed || document.version !== version) return;
    this.collection.set(document.uri, analysis.diagnostics.map((graphDiagnostic) => {
      const diagnostic = toVsCodeDiagnostic(graphDiagnostic);
      if (graphDiagnostic.nodeId !== undefined) nodeIdsByDiagnostic.set(diagnostic, graphDiagnostic.nodeId);
      return diagnostic;
    }));
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
