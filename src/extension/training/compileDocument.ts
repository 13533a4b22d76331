// Compiles the document's current text (unsaved edits included) into what the worker needs, or says in one sentence
// why not: the error count and the first error, with its node and field, as the Problems panel shows them all.
import * as vscode from 'vscode';
import { compileText, type DatasetRef } from '../../graph/index';
import type { ProgramSpec, TrainingConfig } from '../../core/index';
import type { NormalizeMode } from '../../protocol/workerMessages';
import { datasetContextOf, workspaceDepthOf } from '../editor/documentAnalysis';
import { describeDataset, describeFirstError } from './describeRun';

export interface CompiledDocument {
  spec: ProgramSpec;
  training: TrainingConfig;
  dataset: DatasetRef;
  normalize: NormalizeMode;
  /** Absolute path of a CSV data set, resolved beside the document. */
  csvPath?: string;
  datasetLabel: string;
}

export type CompileOutcome = { ok: true; compiled: CompiledDocument } | { ok: false; message: string; showProblems: boolean };

function fileNameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export async function compileDocument(document: vscode.TextDocument): Promise<CompileOutcome> {
  const context = await datasetContextOf(document);
  const workspaceDepth = workspaceDepthOf(document.uri);
  const result = compileText(
    document.getText(),
    (ref) => (ref.kind === 'csv' ? context.datasetInfo : undefined),
    workspaceDepth !== undefined ? { workspaceDepth } : {},
  );
  const name = fileNameOf(document.uri);
  if (!result.ok) {
    const csvNote = context.csvProblem !== undefined ? ` (${context.csvProblem})` : '';
    return {
      ok: false, showProblems: true,
      message: `NN Graph: ${name} was not trained: it has ${describeFirstError(result.diagnostics)}${csvNote}`,
    };
  }
  let csvPath: string | undefined;
  if (result.dataset.kind === 'csv') {
    if (document.uri.scheme !== 'file') {
      return { ok: false, showProblems: false, message: `NN Graph: CSV data sets can be trained on only for files on this machine; ${name} is not.` };
    }
    csvPath = vscode.Uri.joinPath(document.uri, '..', result.dataset.path).fsPath;
  }
  return {
    ok: true,
    compiled: {
      spec: result.spec, training: result.training, dataset: result.dataset, normalize: result.normalize, csvPath,
      datasetLabel: describeDataset(result.dataset),
    },
  };
}
