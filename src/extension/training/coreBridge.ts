// The worker's only door into the training core: data loading (labels laid out for the loss, normalization fitted on
// the training rows exactly as the command line does), program creation on the fast backend, the training loop,
// weights files and the confusion matrix. Kept in one file so the rest of the worker is written against a few calls.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import {
  applyNormalization, type BatchReport, confusionMatrix, createBackend, createProgram, createTrainerState, type Dataset,
  type EpochReport, fitNormalization, formatCsvError, isCsvError, layOutLabels, loadBuiltinDataset, type NamedTensor,
  type NodeStats, normalizeFeaturesInPlace, parseCsvDataset, type ProgramSpec, readSafetensors, splitRows,
  type StopReason, train, type TrainerState, type TrainingConfig, type TrainingProgram as CoreProgram, writeSafetensors,
} from '../../core/index';
import { createDataFileReader } from '../../core/node';
import type { ConfusionMatrix, WorkerDatasetSource } from '../../protocol/workerMessages';

export interface TrainingProgram {
  readonly backendName: string;
  getWeights(): NamedTensor[];
  setWeights(weights: NamedTensor[]): void;
  predict(features: Float32Array, sampleCount: number): Float32Array;
  nodeStats(): NodeStats[];
  dispose(): void;
  /** The core's own program object, for the core's train(). */
  readonly inner: CoreProgram;
}

export interface LoadedData {
  /** The raw data set, before normalization (what the decision boundary is drawn in). */
  raw: Dataset;
  /** The normalized data set, labels laid out for the loss: what the program trains on. */
  dataset: Dataset;
  /** Rows the training loop holds out for validation (the same draw as the trainer's). */
  validationRows: Uint32Array;
  /** Applies the data set's normalization to other rows (the boundary grid); returns the same array. */
  normalizeFeatures(features: Float32Array, sampleCount: number): Float32Array;
}

export async function loadTrainingData(source: WorkerDatasetSource, training: TrainingConfig, spec: ProgramSpec): Promise<LoadedData> {
  const raw = layOutLabels(await loadRawDataset(source, training.seed), spec);
  const { trainingRows, validationRows } = splitRows(raw.sampleCount, training.validationSplit, training.seed);
  const stats = fitNormalization(raw, source.normalize, trainingRows);
  return {
    raw,
    dataset: applyNormalization(raw, stats),
    validationRows,
    normalizeFeatures: (features) => {
      normalizeFeaturesInPlace(features, stats);
      return features;
    },
  };
}

async function loadRawDataset(source: WorkerDatasetSource, seed: number): Promise<Dataset> {
  const { ref } = source;
  if (ref.kind === 'builtin') return loadBuiltinDataset(ref.name, ref.options, seed, createDataFileReader());
  if (source.csvPath === undefined) throw new Error(`the CSV data set '${ref.path}' was not resolved to a file`);
  let text: string;
  try {
    text = await readFile(source.csvPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the CSV data set ${source.csvPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseCsvDataset(text, { label: ref.label, features: ref.features }, ref.path);
  if (isCsvError(parsed)) throw new Error(formatCsvError(parsed));
  return parsed;
}

export function createTrainingProgram(
  spec: ProgramSpec, training: TrainingConfig, preference: 'auto' | 'js' | 'wasm' = 'auto',
): TrainingProgram {
  // One core is left to VS Code (the extension host, the window, the webviews): with every core training, the
  // editor stutters and the panel falls behind. On two cores that means one kernel thread.
  const backend = createBackend(preference, { threads: Math.max(1, availableParallelism() - 1) });
  const inner = createProgram(spec, {
    seed: training.seed, batchSize: training.batchSize, optimizer: training.optimizer, backend,
  });
  return {
    backendName: backend.name,
    getWeights: () => inner.getWeights(),
    setWeights: (weights) => inner.setWeights(weights),
    predict: (features, sampleCount) => inner.predict(features, sampleCount),
    nodeStats: () => inner.nodeStats(),
    dispose: () => inner.dispose(),
    inner,
  };
}

export interface TrainCallbacks {
  onBatch(report: BatchReport): void;
  onEpoch(report: EpochReport): void;
  shouldStop(): boolean;
  yieldEveryMs: number;
  maxSteps?: number;
}

export async function runTrainLoop(
  program: TrainingProgram, dataset: Dataset, training: TrainingConfig, callbacks: TrainCallbacks,
): Promise<{ stop: StopReason; epochs: number; stepsRun: number }> {
  const result = await train(program.inner, dataset, training, callbacks);
  return { stop: result.stop, epochs: result.epochs.length, stepsRun: result.stepsRun };
}

/** The core's step-at-a-time trainer (a stepping session keeps one alive between Steps); throws what does not fit. */
export function createStepper(program: TrainingProgram, dataset: Dataset, training: TrainingConfig): TrainerState {
  return createTrainerState(program.inner, dataset, training);
}

export type { TrainerState };

export function parseWeightsFile(bytes: Uint8Array): NamedTensor[] {
  return readSafetensors(bytes, 'the saved weights file').tensors;
}

export function serializeWeights(weights: NamedTensor[]): Uint8Array {
  return writeSafetensors(weights);
}

function gather(source: Float32Array, width: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) out.set(source.subarray(rows[r] * width, rows[r] * width + width), r * width);
  return out;
}

/** On the validation rows when the run holds some out, otherwise on all the (training) data. */
export function computeConfusion(program: TrainingProgram, data: LoadedData): ConfusionMatrix | undefined {
  const { dataset, validationRows } = data;
  const onValidation = validationRows.length > 0;
  const features = onValidation ? gather(dataset.features, dataset.featureCount, validationRows) : dataset.features;
  const labels = onValidation ? gather(dataset.labels, dataset.labelWidth, validationRows) : dataset.labels;
  const sampleCount = onValidation ? validationRows.length : dataset.sampleCount;
  const counts = confusionMatrix(program.inner, features, labels, sampleCount);
  if (counts.length === 0) return undefined;
  const classNames = counts.map((_, index) => dataset.classNames?.[index] ?? String(index));
  return { classNames, counts, split: onValidation ? 'validation' : 'training' };
}
