// The host's side of explain mode: compiles the document's current text (unsaved edits included), loads its data set
// asynchronously (a CSV is read with the worker's own non-blocking reader, under the same path rule, and only in a
// trusted workspace) with the weights saved beside the graph if they fit, and keeps that Run for the next request:
// stepping from row to row, or editing a weight, then costs one sample's pass. The math is explainRun.ts's.
import * as vscode from 'vscode';
import { createJsBackend, createRun, type Run } from '../../core/index';
import type { ExplainRequest } from '../../protocol/explainMessages';
import { compileDocument } from '../training/compileDocument';
import { readSavedWeights, weightsUriFor } from '../training/weightsFile';
import { loadDataset } from '../worker/loadRun';
import { explainWithRun, type ExplainOutcome, type ExplainRunContext } from './explainRun';
import { analyzeTextOnce } from './textAnalysis';

export const EXPLAIN_NEEDS_TRUST = 'Explain reads this graph\'s CSV data set, which NN Graph does only in a trusted workspace. Built-in data sets work in Restricted Mode.';

interface CachedRun { text: string; weights: Uint8Array | undefined; context: ExplainRunContext }

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One per editor panel: the Run of the last explained text and weights, disposed when either changes. */
export class ExplainSession implements vscode.Disposable {
  private cached: CachedRun | undefined;
  private disposed = false;
  /** Requests are answered one at a time, in order, so two never build a Run at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly document: vscode.TextDocument) {}

  explain(request: ExplainRequest): Promise<ExplainOutcome> {
    return this.exclusive(() => this.answer(request));
  }

  /** Runs `task` after every earlier request and before any later one (a point edit between two explanations). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const answer = this.queue.then(task);
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  /** Forgets the Run, so the next request loads the data set again (its CSV was just changed). Call inside `exclusive`. */
  forgetRun(): void {
    this.dropRun();
  }

  dispose(): void {
    this.disposed = true;
    this.dropRun();
  }

  private dropRun(): void {
    this.cached?.context.run.dispose();
    this.cached = undefined;
  }

  private async answer(request: ExplainRequest): Promise<ExplainOutcome> {
    const prepared = await this.preparedRun();
    if (!prepared.ok) return prepared;
    return explainWithRun(prepared.context, request.sample, request.overrides ?? []);
  }

  /** The Run of the document's current text and weights, built once and kept. Call inside `exclusive`. */
  async preparedRun(): Promise<{ ok: true; context: ExplainRunContext } | { ok: false; message: string }> {
    const text = this.document.getText();
    const name = this.document.uri.path.slice(this.document.uri.path.lastIndexOf('/') + 1);
    if (!vscode.workspace.isTrusted && analyzeTextOnce(text, undefined).dataset?.kind === 'csv') return { ok: false, message: EXPLAIN_NEEDS_TRUST };
    const weights = await readSavedWeights(this.document.uri);
    if (!this.cached || this.cached.text !== text || !sameBytes(this.cached.weights, weights)) {
      const prepared = await this.prepare(name, weights);
      if (!prepared.ok) return prepared;
      this.dropRun();
      if (this.disposed) {
        prepared.context.run.dispose();
        return { ok: false, message: 'The editor was closed.' };
      }
      this.cached = { text, weights, context: prepared.context };
    }
    return { ok: true, context: this.cached.context };
  }

  private async prepare(name: string, weights: Uint8Array | undefined): Promise<{ ok: true; context: ExplainRunContext } | { ok: false; message: string }> {
    const outcome = await compileDocument(this.document, 'was not explained');
    if (!outcome.ok) return { ok: false, message: outcome.message };
    const { compiled } = outcome;
    const weightsName = weightsUriFor(this.document.uri).path.split('/').pop() ?? 'the weights file';
    let run: Run;
    try {
      const dataset = await loadDataset({ ref: compiled.dataset, csvFile: compiled.csvFile, normalize: compiled.normalize }, compiled.training.seed);
      run = createRun({
        dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize, backend: createJsBackend(),
        ...(weights ? { initialWeights: { bytes: weights, source: weightsName } } : {}),
      });
    } catch (error) {
      return { ok: false, message: `NN Graph: ${name} was not explained: ${error instanceof Error ? error.message : String(error)}` };
    }
    const initial = `the seed's initial weights (seed ${compiled.training.seed})`;
    const context: ExplainRunContext = run.weights.kind === 'restored'
      ? { run, inputNodeId: compiled.inputNodeId, weightsSource: `trained weights from ${weightsName}` }
      : {
        run, inputNodeId: compiled.inputNodeId, weightsSource: initial,
        ...(run.weights.kind === 'mismatch' ? { weightsNote: `${weightsName} was not used: ${run.weights.reason}` } : {}),
      };
    return { ok: true, context };
  }
}
