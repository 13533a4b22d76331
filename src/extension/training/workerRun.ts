// One training run inside the worker thread: load the data, build the program, restore saved weights when they fit,
// train while streaming progress, node statistics and decision-boundary grids, then hand back the weights file and
// a confusion matrix. Never throws: any failure becomes a `failed` message naming what went wrong.
import type {
  BoundaryPoints, NodeStat, RunInfo, WeightsOrigin, WorkerStartMessage, WorkerToHostMessage,
} from '../../protocol/workerMessages';
import { classifyCells, featureExtent, gridFeatures, samplePoints, type Extent } from './boundaryGrid';
import {
  computeConfusion, createTrainingProgram, loadTrainingData, parseWeightsFile, runTrainLoop, serializeWeights,
  type LoadedData, type TrainingProgram,
} from './coreBridge';
import { lastFiniteWeights } from '../../core/index';
import { ProgressStream } from './progressStream';
import { weightsMismatch } from './weightsMatch';

export type PostToHost = (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;

const now = (): number => performance.now();

export async function runTraining(start: WorkerStartMessage, post: PostToHost): Promise<void> {
  try {
    await runTrainingUnsafe(start, post);
  } catch (error) {
    post({ type: 'failed', runId: start.runId, message: error instanceof Error ? error.message : String(error) });
  }
}

/** A run with its data loaded, its program built and its weights restored; `ready` and the first boundary are sent. */
export interface PreparedRun {
  data: LoadedData;
  program: TrainingProgram;
  stream: ProgressStream;
  /** Sends the decision boundary now (when the run draws one). */
  postBoundary(globalStep: number): void;
  /** Whether the boundary's interval has passed since the last one. */
  boundaryDue(): boolean;
}

export async function prepareRun(start: WorkerStartMessage, post: PostToHost): Promise<PreparedRun> {
  const { runId, spec, training } = start;
  const data = await loadTrainingData(start.dataset, training, spec);
  const program = createTrainingProgram(spec, training, start.backend);
  const weights = restoreWeights(program, start.savedWeights);

  const boundary = start.boundary !== undefined && data.raw.featureCount === 2 && data.raw.classCount >= 2
    ? prepareBoundary(data, start.boundary.gridSize, start.boundary.maxPoints)
    : undefined;
  post({ type: 'ready', runId, info: runInfo(data, program, start, weights), points: boundary?.points });

  const stream = new ProgressStream({
    runId, post, now, streamIntervalMs: start.streamIntervalMs, statsIntervalMs: start.statsIntervalMs,
    sampleNodeStats: () => sampleNodeStats(program),
  });
  const boundaryIntervalMs = start.boundary?.intervalMs ?? Infinity;
  let lastBoundaryAt = -Infinity;
  const postBoundary = (globalStep: number): void => {
    if (boundary === undefined) return;
    lastBoundaryAt = now();
    const probabilities = program.predict(boundary.gridInputs, boundary.cellCount);
    const outputWidth = probabilities.length / boundary.cellCount;
    const { cellClass, cellConfidence } = classifyCells(probabilities, boundary.cellCount, outputWidth);
    post({
      type: 'boundary', runId,
      grid: { gridSize: boundary.gridSize, ...boundary.extent, cellClass, cellConfidence, globalStep },
    }, [cellClass.buffer as ArrayBuffer, cellConfidence.buffer as ArrayBuffer]);
  };
  postBoundary(0);
  return {
    data, program, stream, postBoundary,
    boundaryDue: () => boundary !== undefined && now() - lastBoundaryAt >= boundaryIntervalMs,
  };
}

async function runTrainingUnsafe(start: WorkerStartMessage, post: PostToHost): Promise<void> {
  const { runId, spec, training } = start;
  const stopFlag = new Int32Array(start.stopFlag);
  const { data, program, stream, postBoundary, boundaryDue } = await prepareRun(start, post);
  let lastGlobalStep = 0;
  const result = await runTrainLoop(program, data.dataset, training, {
    onBatch: (report) => {
      lastGlobalStep = report.globalStep;
      stream.addBatch(report);
      if (boundaryDue()) postBoundary(report.globalStep);
    },
    onEpoch: (report) => stream.addEpoch(report),
    shouldStop: () => Atomics.load(stopFlag, 0) !== 0,
    yieldEveryMs: 25,
    maxSteps: start.maxSteps,
  });
  stream.flush(true);
  if (result.stop.kind !== 'non-finite') postBoundary(lastGlobalStep);

  // After a non-finite stop the program still holds the weights from before the failing step (the step guard runs
  // before the optimizer update): they are returned, to be kept, whenever they are all finite.
  const weights = result.stop.kind === 'non-finite' ? lastFiniteWeights(program) : program.getWeights();
  const finalWeights = weights === undefined ? undefined : serializeWeights(weights);
  const confusion = result.stop.kind === 'non-finite' || spec.classCount < 2 ? undefined : computeConfusion(program, data);
  post({
    type: 'finished', runId, stop: result.stop, epochs: result.epochs, stepsRun: result.stepsRun,
    weightsFile: finalWeights, confusion,
  }, finalWeights !== undefined ? [finalWeights.buffer as ArrayBuffer] : []);
  program.dispose();
}

function restoreWeights(program: TrainingProgram, savedWeights: Uint8Array | undefined): WeightsOrigin {
  if (savedWeights === undefined) return { kind: 'fresh' };
  let saved;
  try {
    saved = parseWeightsFile(savedWeights);
  } catch (error) {
    return { kind: 'mismatch', reason: `the saved weights file cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  const reason = weightsMismatch(program.getWeights(), saved);
  if (reason !== undefined) return { kind: 'mismatch', reason };
  program.setWeights(saved);
  return { kind: 'restored', tensorCount: saved.length };
}

function runInfo(data: LoadedData, program: TrainingProgram, start: WorkerStartMessage, weights: WeightsOrigin): RunInfo {
  const sampleCount = data.dataset.sampleCount;
  const validationCount = Math.floor(sampleCount * start.training.validationSplit);
  const trainCount = sampleCount - validationCount;
  let paramCount = 0;
  for (const tensor of program.getWeights()) paramCount += tensor.data.length;
  return {
    sampleCount, trainCount, validationCount,
    stepsPerEpoch: Math.max(1, Math.ceil(trainCount / start.training.batchSize)),
    featureCount: data.dataset.featureCount,
    classCount: data.dataset.classCount,
    classNames: data.dataset.classNames,
    paramCount, weights, backend: program.backendName,
  };
}

interface PreparedBoundary {
  gridSize: number;
  cellCount: number;
  extent: Extent;
  /** The grid's cell centres, normalized as the model's inputs are. */
  gridInputs: Float32Array;
  points: BoundaryPoints;
}

function prepareBoundary(data: LoadedData, gridSize: number, maxPoints: number): PreparedBoundary {
  const { raw } = data;
  const extent = featureExtent(raw.features, raw.sampleCount);
  const cellCount = gridSize * gridSize;
  const gridInputs = data.normalizeFeatures(gridFeatures(extent, gridSize), cellCount);
  const points = samplePoints(raw.features, raw.labels, raw.labelWidth, raw.sampleCount, maxPoints);
  return { gridSize, cellCount, extent, gridInputs, points };
}

function sampleNodeStats(program: TrainingProgram): NodeStat[] | undefined {
  const stats = program.nodeStats();
  if (stats.length === 0) return undefined;
  return stats.map((stat) => ({
    nodeId: stat.nodeId, mean: stat.mean, std: stat.std, zeroFraction: stat.zeroFraction,
    gradNorm: stat.gradNorm ?? stat.weightGradNorm,
  }));
}
