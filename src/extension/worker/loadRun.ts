// The worker's door into the training core: reads the data set the host named (node:fs stays out of the core) and
// hands it, with the saved weights, to the core's Run on the fast backend. Everything else about the run is the core's.
import { availableParallelism } from 'node:os';
import { createBackend, createRun, type CsvError, type Dataset, formatCsvError, isCsvError, lastFiniteWeights, loadBuiltinDataset, type Run, writeSafetensors } from '../../core/index';
import { loadCsvDatasetFileAsync, resolveCsvFile } from '../../core/node';
import { createDataFileReader } from '../../core/node';
import type { WorkerDatasetSource, WorkerStartMessage } from '../../protocol/workerMessages';

/** Loads the data and prepares the run; throws an Error saying what could not be read or does not fit. */
export async function loadRun(start: WorkerStartMessage): Promise<Run> {
  const dataset = await loadDataset(start.dataset, start.training.seed);
  // One core is left to VS Code (the extension host, the window, the webviews): with every core training, the
  // editor stutters and the panel falls behind. On two cores that means one kernel thread.
  const backend = createBackend(start.backend ?? 'auto', { threads: Math.max(1, availableParallelism() - 1) });
  try {
    return createRun({
      dataset, spec: start.spec, training: start.training, normalize: start.dataset.normalize, backend,
      initialWeights: start.savedWeights !== undefined ? { bytes: start.savedWeights, source: 'the saved weights file' } : undefined,
    });
  } catch (error) {
    backend.dispose();
    throw error;
  }
}

/** Reads a built-in set or the CSV file the host named, asynchronously; the Export command and the host's explain mode read through it too. */
export async function loadDataset(source: WorkerDatasetSource, seed: number): Promise<Dataset> {
  const { ref } = source;
  if (ref.kind === 'builtin') return loadBuiltinDataset(ref.name, ref.options, seed, createDataFileReader());
  if (source.csvFile === undefined) throw new Error(`the CSV data set '${ref.path}' was not resolved to a file`);
  // The same rule as the host's check, again right before the read: a file swapped for a link since is refused too.
  const resolution = await resolveCsvFile(source.csvFile);
  if (!resolution.ok) throw new Error(`the CSV path '${ref.path}' ${resolution.message}`);
  let parsed: Dataset | CsvError;
  try {
    // Read a chunk at a time and turned into numbers as it comes: the worker's heap holds the table, not the text too.
    parsed = await loadCsvDatasetFileAsync(resolution.path, { label: ref.label, features: ref.features }, ref.path);
  } catch (error) {
    throw new Error(`cannot read the CSV data set ${ref.path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (isCsvError(parsed)) throw new Error(formatCsvError(parsed));
  return parsed;
}

/** The run's weights as a safetensors file, serialized here so the host thread only writes bytes. */
export function weightsFileOf(run: Run): Uint8Array {
  return writeSafetensors(run.program.getWeights());
}

/**
 * After a non-finite stop the program still holds the weights from before the failing step (the step guard runs
 * before the optimizer update): they are returned, to be kept, whenever they are all finite.
 */
export function lastFiniteWeightsFileOf(run: Run): Uint8Array | undefined {
  const weights = lastFiniteWeights(run.program);
  return weights === undefined ? undefined : writeSafetensors(weights);
}
