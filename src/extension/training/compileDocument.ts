// Compiles the document's current text (unsaved edits included) into what the worker needs, or says in one sentence
// why not: the error count and the first error, with its node and field, as the Problems panel shows them all.
import * as vscode from 'vscode';
import { compileText, type DatasetRef, type TrainingEngine } from '../../graph/index';
import type { CsvFileRequest, ProgramSpec, TrainingConfig } from '../../core/index';
import type { NormalizeMode } from '../../protocol/workerMessages';
import { analyzeOptionsOf, datasetContextOf } from '../editor/documentAnalysis';
import { describeDataset, describeFirstError } from './describeRun';
import { fileNameOf } from './targetDocument';

export interface CompiledDocument {
  spec: ProgramSpec;
  training: TrainingConfig;
  dataset: DatasetRef;
  normalize: NormalizeMode;
  /** A CSV data set's place under the path rule; the worker resolves it again right before it reads. */
  csvFile?: CsvFileRequest;
  datasetLabel: string;
  /** The graph's input node (explain mode names the features by it). */
  inputNodeId: string;
  /** The file's `training.engine`: who Train asks to train it. */
  engine: TrainingEngine;
}

export type CompileOutcome = { ok: true; compiled: CompiledDocument } | { ok: false; message: string; showProblems: boolean };

/** `notDone` says what did not happen in a refusal: "was not trained", "was not exported", "was not explained". */
export async function compileDocument(document: vscode.TextDocument, notDone = 'was not trained'): Promise<CompileOutcome> {
  const context = await datasetContextOf(document);
  const result = compileText(document.getText(), undefined, analyzeOptionsOf(context));
  const name = fileNameOf(document.uri);
  if (!result.ok) {
    return { ok: false, showProblems: true, message: `NN Graph: ${name} ${notDone}: it has ${describeFirstError(result.diagnostics)}` };
  }
  if (result.dataset.kind === 'csv' && !context.csvFile) {
    // compileText knew the CSV's widths, so the host read it; only a change of the file since then lands here.
    return { ok: false, showProblems: true, message: `NN Graph: ${name} ${notDone}: its CSV data set could not be read again.` };
  }
  return {
    ok: true,
    compiled: {
      spec: result.spec, training: result.training, dataset: result.dataset, normalize: result.normalize,
      ...(result.dataset.kind === 'csv' ? { csvFile: context.csvFile } : {}),
      datasetLabel: describeDataset(result.dataset), inputNodeId: result.inputNodeId, engine: result.engine,
    },
  };
}
