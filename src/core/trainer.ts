// The synchronous heart of the training loop: splits the data, shuffles, gathers batches and keeps the epoch's
// running means. train.ts drives it asynchronously; a benchmark can call step() in a tight loop.
import type { BatchReport, Dataset, EpochReport, StopReason, TrainingConfig } from './types';
import type { TrainingProgram } from './program/types';
import { Random, RandomStream } from './random';
import { gatherRows, range } from './tensor';
import { hasAccuracy } from './metrics';
import { checkTrainingInputs } from './checkDataset';

export type NonFiniteStop = Extract<StopReason, { kind: 'non-finite' }>;

export type TrainerEvent =
  | { kind: 'batch'; batch: BatchReport; epoch?: EpochReport; done: boolean }
  | { kind: 'non-finite'; stop: NonFiniteStop };

export interface TrainerState {
  readonly trainCount: number;
  readonly validationCount: number;
  readonly stepsPerEpoch: number;
  readonly epochs: EpochReport[];
  /** Steps run so far over the whole run. */
  readonly globalStep: number;
  readonly done: boolean;
  /** Trains on the next batch; ends an epoch (with validation) when the batch was its last. */
  step(): TrainerEvent;
}

/** Validates the inputs (throwing an Error that says what does not fit) and prepares the run. */
export function createTrainerState(program: TrainingProgram, dataset: Dataset, config: TrainingConfig): TrainerState {
  checkTrainingInputs(program, dataset, config);
  return new Trainer(program, dataset, config);
}

class Trainer implements TrainerState {
  readonly trainCount: number;
  readonly validationCount: number;
  readonly stepsPerEpoch: number;
  readonly epochs: EpochReport[] = [];
  globalStep = 0;
  done = false;
  private readonly trainIndices: Uint32Array;
  private readonly validationFeatures: Float32Array;
  private readonly validationLabels: Float32Array;
  private readonly random: Random;
  private readonly reportAccuracy: boolean;
  /** The program's own batch buffers: batches are gathered straight into them. */
  private readonly batch: { features: Float32Array; labels: Float32Array };
  private epoch = 1;
  private stepInEpoch = 0;
  private epochSamples = 0;
  private epochLossSum = 0;
  private epochCorrect = 0;
  private epochStartMs = 0;

  constructor(private readonly program: TrainingProgram, private readonly dataset: Dataset, private readonly config: TrainingConfig) {
    const n = dataset.sampleCount;
    this.random = Random.forStream(config.seed, RandomStream.data);
    const order = range(n);
    this.random.shuffle(order);
    this.validationCount = Math.floor(n * config.validationSplit);
    this.trainCount = n - this.validationCount;
    this.trainIndices = order.slice(0, this.trainCount);
    // The held-out part is fixed for the run: gather it once.
    const validationIndices = order.subarray(this.trainCount);
    this.validationFeatures = new Float32Array(this.validationCount * dataset.featureCount);
    this.validationLabels = new Float32Array(this.validationCount * dataset.labelWidth);
    gatherRows(dataset.features, dataset.featureCount, validationIndices, 0, this.validationCount, this.validationFeatures);
    gatherRows(dataset.labels, dataset.labelWidth, validationIndices, 0, this.validationCount, this.validationLabels);
    this.stepsPerEpoch = Math.ceil(this.trainCount / config.batchSize);
    this.reportAccuracy = config.metrics.includes('accuracy') && hasAccuracy(program.spec);
    this.batch = program.batchBuffers();
  }

  step(): TrainerEvent {
    if (this.done) throw new Error('trainer: the run is over');
    if (this.stepInEpoch === 0) this.startEpoch();
    const { program, dataset, config } = this;
    const start = this.stepInEpoch * config.batchSize;
    const rows = Math.min(config.batchSize, this.trainCount - start);
    const batch = this.batch;
    gatherRows(dataset.features, dataset.featureCount, this.trainIndices, start, rows, batch.features);
    gatherRows(dataset.labels, dataset.labelWidth, this.trainIndices, start, rows, batch.labels);
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
    this.epochLossSum += result.loss * rows;
    this.epochCorrect += result.correct;
    const report: BatchReport = {
      epoch: this.epoch, step: this.stepInEpoch, stepsPerEpoch: this.stepsPerEpoch, globalStep: this.globalStep,
      loss: this.epochLossSum / this.epochSamples, batchLoss: result.loss, samplesSeen: this.epochSamples,
    };
    if (this.reportAccuracy) {
      report.accuracy = this.epochCorrect / this.epochSamples;
      report.batchAccuracy = result.correct / rows;
    }
    if (this.stepInEpoch < this.stepsPerEpoch) return { kind: 'batch', batch: report, done: false };
    const epochReport = this.finishEpoch();
    return { kind: 'batch', batch: report, epoch: epochReport, done: this.done };
  }

  private startEpoch(): void {
    if (this.config.shuffle) this.random.shuffle(this.trainIndices);
    this.epochSamples = 0;
    this.epochLossSum = 0;
    this.epochCorrect = 0;
    this.epochStartMs = performance.now();
  }

  private finishEpoch(): EpochReport {
    const report: EpochReport = { epoch: this.epoch, loss: this.epochLossSum / this.epochSamples, samplesPerSecond: 0, elapsedMs: 0 };
    if (this.reportAccuracy) report.accuracy = this.epochCorrect / this.epochSamples;
    if (this.validationCount > 0) {
      const validation = this.program.evaluate(this.validationFeatures, this.validationLabels, this.validationCount);
      report.valLoss = validation.loss;
      if (this.reportAccuracy) report.valAccuracy = validation.accuracy;
    }
    report.elapsedMs = performance.now() - this.epochStartMs;
    report.samplesPerSecond = report.elapsedMs > 0 ? (this.trainCount * 1000) / report.elapsedMs : 0;
    this.epochs.push(report);
    this.stepInEpoch = 0;
    this.epoch++;
    if (this.epoch > this.config.epochs) this.done = true;
    return report;
  }
}
