// The run an export is planned from, built in the host the way `nngraph export` builds it: the compiled document's
// data set (read as a training run reads it) and the weights saved beside the graph, when there are any. Anything the
// command line refuses (data that does not fit the model, saved weights that do not fit it) becomes a sentence.
import { createRun, type Run } from '../../core/index';
import type { CompiledDocument } from '../training/compileDocument';
import { loadDataset } from '../worker/loadRun';

export interface SavedWeights { path: string; bytes: Uint8Array }

export type ExportRunOutcome = { ok: true; run: Run } | { ok: false; reason: string };

/** The run to export (dispose it when done), or why there is none. */
export async function buildExportRun(compiled: CompiledDocument, weights: SavedWeights | undefined): Promise<ExportRunOutcome> {
  let run: Run;
  try {
    const dataset = await loadDataset({ ref: compiled.dataset, csvFile: compiled.csvFile, normalize: compiled.normalize }, compiled.training.seed);
    // The TypeScript kernels: nothing trains here, and the weights and data are the same on every backend.
    run = createRun({
      dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize,
      ...(weights !== undefined ? { initialWeights: { bytes: weights.bytes, source: weights.path } } : {}),
    });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (run.weights.kind === 'mismatch') {
    const reason = `${run.weights.reason}; train the graph again, or Reset Weights to export its initial weights`;
    run.dispose();
    return { ok: false, reason };
  }
  return { ok: true, run };
}
