// Every message between the extension host and its training worker (worker_threads). Both ends are our own code and
// the data is structured-cloned (typed arrays, a SharedArrayBuffer, the core's own types), so the TypeScript unions
// own the types; each end still checks every arrival (`receiveWorkerToHost`, `receiveHostToWorker`), with one check
// per message type that the compiler keeps in step with the unions.
import type {
  BatchReport, ConfusionMatrix, CsvFileRequest, EpochReport, NamedTensor, OptimizerSpec, ProgramSpec, StopReason,
  TrainingConfig, WeightsOrigin,
} from '../core/index';
import type { DatasetRef } from '../graph/index';
import { receiveWith, WORKER_CHANNEL_LIMITS, type Received } from './messageBounds';

export type NormalizeMode = 'standard' | 'minmax' | 'none';

/**
 * What the worker needs to load the data set. A CSV comes as its place under the path rule (root, the graph's folder,
 * the path, the cap), which the host checked and the worker checks again right before it opens the file.
 */
export interface WorkerDatasetSource {
  ref: DatasetRef;
  /** When `ref.kind === 'csv'`. */
  csvFile?: CsvFileRequest;
  normalize: NormalizeMode;
}

export interface BoundaryRequest {
  /** Cells per side of the prediction grid. */
  gridSize: number;
  /** Least wall time between two grids; the first one comes before the first step. */
  intervalMs: number;
  /** Data points sent once to draw over the heatmap. */
  maxPoints: number;
}

/** The neuron view's grids (neuronGrids.ts in the worker), throttled on their own clock, apart from the progress. */
export interface NeuronRequest {
  /** Cells per side of each unit's grid. */
  gridSize: number;
  /** Least wall time between two sets of grids; the first comes before the first step, the last at each pause and the end. */
  intervalMs: number;
}

/** Per-sample predictions and losses (the training panel's hover readout, worst-predicted list and histogram). */
export interface SampleRequest {
  /** At most this many rows, every k-th of the file; a run with a decision boundary reports exactly its points. */
  maxSamples: number;
  /** Least wall time between two reports at epoch ends; every pause and the end of the run report too. */
  intervalMs: number;
}

export interface WorkerStartMessage {
  type: 'start';
  runId: number;
  spec: ProgramSpec;
  training: TrainingConfig;
  dataset: WorkerDatasetSource;
  /** Bytes of the saved `.safetensors` file, if one exists; the worker decides whether it matches the program. */
  savedWeights?: Uint8Array;
  /** Stop after this many steps; absent to run every epoch. Ignored by a stepping session. */
  maxSteps?: number;
  /**
   * A stepping session (NN Graph: Step): the worker prepares the run, then trains one batch per `step` message,
   * keeping the optimizer state and the data order between them, and stays alive, idle, until `stop`, a
   * non-finite loss, or the last epoch's last batch.
   */
  stepping?: boolean;
  /** The pace: at most this many epochs per second (pace.ts); absent for as fast as possible. */
  epochsPerSecond?: number;
  /** Least wall time between two progress messages. */
  streamIntervalMs: number;
  /** Least wall time between two node-statistics samples. */
  statsIntervalMs: number;
  boundary?: BoundaryRequest;
  neurons?: NeuronRequest;
  samples?: SampleRequest;
  /** The numeric backend: the extension uses 'auto' (WebAssembly SIMD where it runs); benchmarks pin one. */
  backend?: 'auto' | 'js' | 'wasm';
  /** Int32Array over a SharedArrayBuffer: the host sets element 0 to 1 to stop, read even inside a long epoch. */
  stopFlag: SharedArrayBuffer;
}

export interface WorkerStopMessage { type: 'stop' }

/** Train the next batch of a stepping session. */
export interface WorkerStepMessage { type: 'step' }

/**
 * Train with this learning rate from the next step on, without restarting: the optimizer keeps its moments and step
 * count (Train and Step sessions alike). A finite number > 0; anything else is dropped on arrival.
 */
export interface WorkerSetLearningRateMessage { type: 'setLearningRate'; learningRate: number }

/**
 * Pause a training run after its current step (the worker idles, as between Steps, and answers `paused`), resume it,
 * or change its pace (`epochsPerSecond` absent: as fast as possible) from the next step on.
 */
export type WorkerRunControlMessage =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'setPace'; epochsPerSecond?: number };

export type HostToWorkerMessage =
  | WorkerStartMessage | WorkerStopMessage | WorkerStepMessage | WorkerSetLearningRateMessage | WorkerRunControlMessage;

/** Per node statistics of the latest batch; `gradNorm` is absent for an activation folded into the loss. */
export interface NodeStat { nodeId: string; mean: number; std: number; zeroFraction: number; gradNorm?: number }

export interface RunInfo {
  sampleCount: number;
  trainCount: number;
  validationCount: number;
  stepsPerEpoch: number;
  featureCount: number;
  classCount: number;
  classNames?: string[];
  paramCount: number;
  weights: WeightsOrigin;
  backend: string;
}

/** Up to `maxPoints` samples in the two raw feature coordinates, with their class index. */
export interface BoundaryPoints { x: number[]; y: number[]; label: number[] }

/**
 * The rows a run reports per-sample losses for, sent once: row index in the file (from 0), true class, and whether
 * the row is held out for validation. With boundary points, sample i is point i.
 */
export interface SampleSet { row: number[]; label: number[]; validation: boolean[]; featureNames?: string[]; classNames?: string[] }

/**
 * The current weights on the sample set, computed by the core: per sample its outputs ([count, width], probabilities;
 * one column is p(class 1) of a binary model), its loss as a batch of one, and the class it is predicted as.
 */
export interface SampleReport {
  globalStep: number;
  /** Epochs completed when the weights were read. */
  epochsDone: number;
  width: number;
  outputs: Float32Array;
  losses: Float64Array;
  predicted: Int32Array;
}

/**
 * Predictions on a gridSize × gridSize grid over [xMin, xMax] × [yMin, yMax] in raw feature units, row 0 at yMin.
 * `cellClass` is the predicted class per cell and `cellConfidence` its probability, both row-major.
 */
export interface BoundaryGrid {
  gridSize: number;
  xMin: number; xMax: number; yMin: number; yMax: number;
  cellClass: Uint8Array;
  cellConfidence: Float32Array;
  globalStep: number;
}

/** One drawn dense layer (src/core/neurons.ts) over the grid of a NeuronGrids. */
export interface NeuronLayerGrid {
  nodeId: string;
  units: number;
  /** The activation the heatmaps show the units through, if any. */
  activation?: { nodeId: string; fn: string };
  /** The loss applies σ/softmax to these units itself: the activations are its probabilities. */
  probabilities: boolean;
  /** [gridSize², units] row-major, cells as BoundaryGrid's. */
  activations: Float32Array;
  /** [inputs, units]: the weights from the layer before (the two features for the first layer). */
  kernel: Float32Array;
}

/** Every drawn unit's activation on a gridSize × gridSize grid over the decision boundary's extent. */
export interface NeuronGrids {
  gridSize: number;
  xMin: number; xMax: number; yMin: number; yMax: number;
  globalStep: number;
  inputNames: [string, string];
  /** [gridSize², 2]: the features at each cell as the model sees them (scaled). */
  inputs: Float32Array;
  layers: NeuronLayerGrid[];
}

/**
 * Every batch since the last message, as columns in transferred buffers (an object per batch would cost the worker
 * more to clone than a small model's step): global step, the batch's own loss, and its accuracy (NaN when none).
 */
export interface BatchColumns { globalStep: Float64Array; loss: Float64Array; accuracy: Float64Array }

export type WorkerToHostMessage =
  | {
    type: 'ready'; runId: number; info: RunInfo; points?: BoundaryPoints; samples?: SampleSet;
    /** The weights the run starts from as a safetensors file (absent for a model too large to keep a copy of). */
    initialWeightsFile?: Uint8Array;
  }
  | {
    type: 'progress'; runId: number; batches: BatchColumns; epochs: EpochReport[]; nodeStats?: NodeStat[];
    /** The newest batch's full report (epoch, step in epoch, running means), for progress displays. */
    latest?: BatchReport;
  }
  | { type: 'boundary'; runId: number; grid: BoundaryGrid }
  /** The neuron view's grids, or (once, first) why this run has none. */
  | { type: 'neurons'; runId: number; grids?: NeuronGrids; unavailable?: string }
  | { type: 'samples'; runId: number; report: SampleReport }
  | {
    type: 'finished'; runId: number; stop: StopReason; epochs: number; stepsRun: number;
    /** The trained weights as a safetensors file, serialized here so the host thread only writes bytes. */
    weightsFile?: Uint8Array; confusion?: ConfusionMatrix;
  }
  | {
    /** One batch of a stepping session is done; the worker now waits for the next `step` (unless `done`). */
    type: 'stepped'; runId: number; report: BatchReport;
    /** The epoch this batch ended, if it was the epoch's last. */
    epoch?: EpochReport;
    /** The weights after this batch as a safetensors file. */
    weightsFile: Uint8Array; confusion?: ConfusionMatrix;
    /** The session's last batch (every epoch ran): a `finished` message follows and the worker exits. */
    done: boolean;
  }
  | {
    /**
     * A running run paused (after `pause`): the worker idles until `resume`, `step` or `stop`. The weights (and the
     * confusion matrix) come when steps ran since they were last sent, so a paused run's weights can be saved.
     */
    type: 'paused'; runId: number; report?: BatchReport; weightsFile?: Uint8Array; confusion?: ConfusionMatrix;
  }
  | { type: 'failed'; runId: number; message: string };

export type { BatchReport, ConfusionMatrix, EpochReport, NamedTensor, OptimizerSpec, StopReason, WeightsOrigin };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * One structural check per message type, keyed by the union's `type`: a type added to a union without a check here
 * (or a check for a type the union lacks) fails to compile. The checks are cheap on purpose: both ends are our own
 * code, and they only have to keep a worker that crashed half-way (or a forged message) from reaching a handler.
 */
export type ChecksByType<M extends { type: string }> = { [K in M['type']]: (value: Record<string, unknown>) => boolean };

const workerToHostChecks: ChecksByType<WorkerToHostMessage> = {
  ready: (value) => isObject(value.info),
  progress: (value) => isObject(value.batches) && value.batches.globalStep instanceof Float64Array && Array.isArray(value.epochs),
  boundary: (value) => isObject(value.grid),
  neurons: (value) => (typeof value.unavailable === 'string') !== (isObject(value.grids) && Array.isArray(value.grids.layers)),
  samples: (value) => isSampleReport(value.report),
  finished: (value) => isObject(value.stop) && typeof value.stepsRun === 'number',
  stepped: (value) => isObject(value.report) && value.weightsFile instanceof Uint8Array && typeof value.done === 'boolean',
  paused: (value) => value.weightsFile === undefined || value.weightsFile instanceof Uint8Array,
  failed: (value) => typeof value.message === 'string',
};

/** The arrays agree with each other, so the host can index them without further checks. */
export function isSampleReport(value: unknown): value is SampleReport {
  if (!isObject(value)) return false;
  const { width, outputs, losses, predicted } = value;
  return typeof width === 'number' && Number.isInteger(width) && width >= 1
    && outputs instanceof Float32Array && losses instanceof Float64Array && predicted instanceof Int32Array
    && predicted.length === losses.length && outputs.length === losses.length * width
    && typeof value.globalStep === 'number' && typeof value.epochsDone === 'number';
}

const hostToWorkerChecks: ChecksByType<HostToWorkerMessage> = {
  start: (value) => typeof value.runId === 'number' && isObject(value.spec) && isObject(value.training)
    && value.stopFlag instanceof SharedArrayBuffer,
  stop: () => true,
  step: () => true,
  setLearningRate: (value) => typeof value.learningRate === 'number' && Number.isFinite(value.learningRate) && value.learningRate > 0,
  pause: () => true,
  resume: () => true,
  setPace: (value) => value.epochsPerSecond === undefined
    || (typeof value.epochsPerSecond === 'number' && Number.isFinite(value.epochsPerSecond) && value.epochsPerSecond > 0),
};

function checkByType<M extends { type: string }>(checks: ChecksByType<M>, requireRunId: boolean) {
  return (value: unknown): Received<M> => {
    if (!isObject(value) || typeof value.type !== 'string') return { ok: false, reason: 'not a message with a type' };
    if (!Object.hasOwn(checks, value.type)) return { ok: false, reason: `unknown message type ${JSON.stringify(value.type.slice(0, 40))}` };
    if (requireRunId && typeof value.runId !== 'number') return { ok: false, reason: `${value.type}: no run id` };
    const check = checks[value.type as M['type']];
    return check(value) ? { ok: true, message: value as M } : { ok: false, reason: `${value.type}: malformed` };
  };
}

const checkWorkerToHost = checkByType(workerToHostChecks, true);
const checkHostToWorker = checkByType(hostToWorkerChecks, false);

/** What the host accepts from the worker; anything else is dropped, so a broken worker cannot crash the host. */
export function receiveWorkerToHost(raw: unknown): Received<WorkerToHostMessage> {
  return receiveWith(checkWorkerToHost, raw, WORKER_CHANNEL_LIMITS);
}

/** What the worker accepts from the host. */
export function receiveHostToWorker(raw: unknown): Received<HostToWorkerMessage> {
  return receiveWith(checkHostToWorker, raw, WORKER_CHANNEL_LIMITS);
}
