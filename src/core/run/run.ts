// The one owner of a training run: its data (split once, scaled from the training rows), its program, the weights it
// starts from, the step-by-step loop with Keras-style running means, and what is read off it (predictions, the
// confusion matrix). The command line, the extension's worker and the benchmark only drive it: Train is "step until
// done" (trainLoop.ts), Step is the same run paused between steps.
import type {
  BatchReport, ConfusionMatrix, Dataset, EarlyStopOutcome, EpochReport, ProgramSpec, StopReason, TrainingConfig, WeightsOrigin,
} from '../types';
import type { NormalizeMethod } from '../datasets/normalize';
import type { Backend } from '../kernels/types';
import type { SampleEvaluation, TrainingProgram } from '../program/types';
import { createProgram } from '../program/program';
import { checkTrainingInputs } from '../checkDataset';
import { confusionMatrix, hasAccuracy } from '../metrics';
import { gatherRows } from '../tensor';
import { matchWeights, readSafetensors, WeightsError } from '../weights';
import { normalizeLikeRun, prepareRunData, type RunData } from './runData';
import { EarlyStoppingTracker } from './earlyStopping';

export type NonFiniteStop = Extract<StopReason, { kind: 'non-finite' }>;

export type RunEvent =
  | { kind: 'batch'; batch: BatchReport; epoch?: EpochReport; done: boolean }
  | { kind: 'non-finite'; stop: NonFiniteStop };

export interface RunOptions {
  /** The data set as loaded (file order); the run lays out its labels, splits and scales it. */
  dataset: Dataset;
  spec: ProgramSpec;
  training: TrainingConfig;
  normalize: NormalizeMethod;
  /** The kernels; the run disposes them with its program. Defaults to the TypeScript backend. */
  backend?: Backend;
  /** A safetensors file to start from, read and checked once against the program; `source` names it in messages. */
  initialWeights?: { bytes: Uint8Array; source: string };
}

export interface Run {
  readonly data: RunData;
  readonly program: TrainingProgram;
  readonly training: TrainingConfig;
  /** Where the starting weights came from; a mismatch says why the given ones were not used. */
  readonly weights: WeightsOrigin;
  readonly trainCount: number;
  readonly validationCount: number;
  readonly stepsPerEpoch: number;
  readonly paramCount: number;
  readonly epochs: readonly EpochReport[];
  /** Steps and training samples over the whole run so far. */
  readonly globalStep: number;
  readonly samplesSeen: number;
  readonly done: boolean;
  /**
   * With `training.earlyStopping`, once the run is done (every epoch ran, or it stopped early): when it stopped, the
   * best epoch, and whose weights the program now holds (the best epoch's are put back with restoreBestWeights).
   */
  readonly earlyStopping: EarlyStopOutcome | undefined;
  /** The learning rate the next step uses. */
  readonly learningRate: number;
  /**
   * Changes the learning rate from the next step on without restarting: the weights, the optimizer's moments and
   * step count, the data order and the epoch all carry on. Throws a RangeError unless it is a finite number > 0.
   */
  setLearningRate(learningRate: number): void;
  /** Trains on the next batch; ends an epoch (with validation) when the batch was its last. */
  step(): RunEvent;
  /** Scales raw feature rows in place as the run's data was scaled (a decision-boundary grid); returns the array. */
  scaleFeatures(rawFeatures: Float32Array): Float32Array;
  /** The model's outputs for scaled feature rows, [sampleCount, width]: probabilities when the loss applies σ/softmax. */
  predict(features: Float32Array, sampleCount: number): Float32Array;
  /** Each of these rows of the data set (file order indices) through the current weights: outputs and own loss. */
  evaluateRows(rows: Uint32Array): SampleEvaluation;
  /** Loss and accuracy of the current weights on every row (the starting point a comparison needs). */
  evaluateAll(): { loss: number; accuracy?: number };
  /** On the validation rows when the run holds some out, otherwise on the training rows; none for regression. */
  confusion(): ConfusionMatrix | undefined;
  dispose(): void;
}

/**
 * Prepares a run. Throws an Error naming what does not fit (labels the loss cannot read, features, batch size, split);
 * initial weights that do not fit are not an error here: `weights.kind` is then 'mismatch' and the caller decides.
 */
export function createRun(options: RunOptions): Run {
  const { spec, training } = options;
  const data = prepareRunData(options.dataset, spec, training, options.normalize);
  const program = createProgram(spec, { seed: training.seed, batchSize: training.batchSize, optimizer: training.optimizer, backend: options.backend });
  try {
    checkTrainingInputs(program, data.dataset, training);
    if (training.earlyStopping !== undefined && data.validationRows.length === 0) {
      throw new Error(`early stopping watches the validation loss, but validationSplit ${training.validationSplit} holds out none of the `
        + `${data.dataset.sampleCount} rows; set a validationSplit that holds some out, or remove earlyStopping`);
    }
    const weights = options.initialWeights === undefined ? { kind: 'fresh' as const } : restoreWeights(program, options.initialWeights);
    return new SteppedRun(data, program, training, weights);
  } catch (error) {
    program.dispose();
    throw error;
  }
}

/** Sets the weights when the file is readable and fits the program; otherwise says why not (one message, whoever asks). */
function restoreWeights(program: TrainingProgram, initial: { bytes: Uint8Array; source: string }): WeightsOrigin {
  try {
    const { tensors } = readSafetensors(initial.bytes, initial.source);
    const matched = matchWeights(program.getWeights(), tensors, initial.source);
    program.setWeights(matched);
    return { kind: 'restored', tensorCount: matched.length };
  } catch (error) {
    if (error instanceof WeightsError) return { kind: 'mismatch', reason: error.message };
    throw error;
  }
}

class SteppedRun implements Run {
  readonly trainCount: number;
  readonly validationCount: number;
  readonly stepsPerEpoch: number;
  readonly paramCount: number;
  readonly epochs: EpochReport[] = [];
  globalStep = 0;
  samplesSeen = 0;
  done: boolean;
  earlyStopping: EarlyStopOutcome | undefined;
  private readonly stopper: EarlyStoppingTracker | undefined;
  private readonly trainingRows: Uint32Array;
  private readonly reportAccuracy: boolean;
  /** The program's own batch buffers: batches are gathered straight into them. */
  private readonly batch: { features: Float32Array; labels: Float32Array };
  private epoch = 1;
  private stepInEpoch = 0;
  private epochSamples = 0;
  private epochLossSum = 0;
  private epochCorrect = 0;
  private epochStartMs = 0;

  constructor(readonly data: RunData, readonly program: TrainingProgram, readonly training: TrainingConfig, readonly weights: WeightsOrigin) {
    // The run's own copy: each epoch reorders it in place.
    this.trainingRows = data.trainingRows.slice();
    this.trainCount = data.trainingRows.length;
    this.validationCount = data.validationRows.length;
    this.stepsPerEpoch = Math.ceil(this.trainCount / training.batchSize);
    this.paramCount = program.getWeights().reduce((sum, tensor) => sum + tensor.data.length, 0);
    this.reportAccuracy = training.metrics.includes('accuracy') && hasAccuracy(program.spec);
    this.batch = program.batchBuffers();
    this.done = training.epochs === 0;
    this.stopper = training.earlyStopping === undefined ? undefined : new EarlyStoppingTracker(training.earlyStopping);
  }

  step(): RunEvent {
    if (this.done) throw new Error('run: the run is over');
    if (this.stepInEpoch === 0) this.startEpoch();
    const { program, training } = this;
    const { dataset } = this.data;
    const start = this.stepInEpoch * training.batchSize;
    const rows = Math.min(training.batchSize, this.trainCount - start);
    const batch = this.batch;
    gatherRows(dataset.features, dataset.featureCount, this.trainingRows, start, rows, batch.features);
    gatherRows(dataset.labels, dataset.labelWidth, this.trainingRows, start, rows, batch.labels);
    const result = program.trainStep(batch.features, batch.labels, rows);
    this.stepInEpoch++;
    this.globalStep++;
    if (!result.finite) {
      this.done = true;
      const where = `at epoch ${this.epoch}, step ${this.stepInEpoch}`;
      return {
        kind: 'non-finite',
        stop: { kind: 'non-finite', epoch: this.epoch, step: this.stepInEpoch, nodeId: result.nodeId, message: `${result.problem} ${where}; ${result.location}` },
      };
    }
    this.epochSamples += rows;
    this.samplesSeen += rows;
    this.epochLossSum += result.loss * rows;
    this.epochCorrect += result.correct;
    const report: BatchReport = {
      epoch: this.epoch, step: this.stepInEpoch, stepsPerEpoch: this.stepsPerEpoch, globalStep: this.globalStep,
      loss: this.epochLossSum / this.epochSamples, batchLoss: result.loss, samplesSeen: this.samplesSeen,
    };
    if (this.reportAccuracy) {
      report.accuracy = this.epochCorrect / this.epochSamples;
      report.batchAccuracy = result.correct / rows;
    }
    if (this.stepInEpoch < this.stepsPerEpoch) return { kind: 'batch', batch: report, done: false };
    const epochReport = this.finishEpoch();
    return { kind: 'batch', batch: report, epoch: epochReport, done: this.done };
  }

  get learningRate(): number {
    return this.program.learningRate;
  }

  setLearningRate(learningRate: number): void {
    this.program.setLearningRate(learningRate);
  }

  scaleFeatures(rawFeatures: Float32Array): Float32Array {
    return normalizeLikeRun(this.data, rawFeatures);
  }

  predict(features: Float32Array, sampleCount: number): Float32Array {
    return this.program.predict(features, sampleCount);
  }

  evaluateAll(): { loss: number; accuracy?: number } {
    const { dataset } = this.data;
    return this.program.evaluate(dataset.features, dataset.labels, dataset.sampleCount);
  }

  evaluateRows(rows: Uint32Array): SampleEvaluation {
    const { dataset } = this.data;
    const features = new Float32Array(rows.length * dataset.featureCount);
    const labels = new Float32Array(rows.length * dataset.labelWidth);
    gatherRows(dataset.features, dataset.featureCount, rows, 0, rows.length, features);
    gatherRows(dataset.labels, dataset.labelWidth, rows, 0, rows.length, labels);
    return this.program.evaluateSamples(features, labels, rows.length);
  }

  confusion(): ConfusionMatrix | undefined {
    const { data } = this;
    const onValidation = this.validationCount > 0;
    const rows = onValidation ? this.validationCount : this.trainCount;
    let features = data.validationFeatures;
    let labels = data.validationLabels;
    if (!onValidation) {
      features = new Float32Array(rows * data.dataset.featureCount);
      labels = new Float32Array(rows * data.dataset.labelWidth);
      gatherRows(data.dataset.features, data.dataset.featureCount, data.trainingRows, 0, rows, features);
      gatherRows(data.dataset.labels, data.dataset.labelWidth, data.trainingRows, 0, rows, labels);
    }
    const counts = confusionMatrix(this.program, features, labels, rows);
    if (counts.length === 0) return undefined;
    const classNames = counts.map((_, index) => data.dataset.classNames?.[index] ?? String(index));
    return { classNames, counts, split: onValidation ? 'validation' : 'training' };
  }

  dispose(): void {
    this.program.dispose();
  }

  private startEpoch(): void {
    if (this.training.shuffle) this.data.random.shuffle(this.trainingRows);
    this.epochSamples = 0;
    this.epochLossSum = 0;
    this.epochCorrect = 0;
    this.epochStartMs = performance.now();
  }

  private finishEpoch(): EpochReport {
    const report: EpochReport = {
      epoch: this.epoch, globalStep: this.globalStep, samplesSeen: this.samplesSeen,
      loss: this.epochLossSum / this.epochSamples, samplesPerSecond: 0, elapsedMs: 0,
    };
    if (this.reportAccuracy) report.accuracy = this.epochCorrect / this.epochSamples;
    if (this.validationCount > 0) {
      const validation = this.program.evaluate(this.data.validationFeatures, this.data.validationLabels, this.validationCount);
      report.valLoss = validation.loss;
      if (this.reportAccuracy) report.valAccuracy = validation.accuracy;
    }
    report.elapsedMs = performance.now() - this.epochStartMs;
    report.samplesPerSecond = report.elapsedMs > 0 ? (this.trainCount * 1000) / report.elapsedMs : 0;
    this.epochs.push(report);
    this.stepInEpoch = 0;
    this.epoch++;
    if (this.epoch > this.training.epochs) this.done = true;
    if (this.stopper !== undefined && report.valLoss !== undefined) {
      if (this.stopper.epochEnded(report.epoch, report.valLoss, () => this.program.getWeights())) this.done = true;
      if (this.done) this.endEarlyStopping(this.stopper);
    }
    return report;
  }

  /** The run is over: put the best epoch's weights back (restoreBestWeights) and record the outcome. */
  private endEarlyStopping(stopper: EarlyStoppingTracker): void {
    const best = stopper.weightsToRestore();
    if (best !== undefined) this.program.setWeights(best);
    this.earlyStopping = stopper.outcome();
  }
}
