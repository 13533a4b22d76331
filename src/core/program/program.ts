// createProgram: plans a ProgramSpec's buffers once and runs training steps, evaluation and prediction on them.
import type { Backend } from '../kernels/types';
import type { NamedTensor, NodeStats, ProgramSpec } from '../types';
import type { ProgramOptions, SampleEvaluation, StepResult, TrainingProgram } from './types';
import type { Optimizer } from '../optimizers/types';
import { createJsBackend } from '../kernels/js';
import { checkOptimizerSpec, createOptimizer } from '../optimizers/index';
import { initializeKernel } from '../initializers';
import { Random, RandomStream } from '../random';
import { allFinite } from '../tensor';
import { hasAccuracy, countCorrect } from '../metrics';
import { allocateProgramBuffers, bufferPlanOf, type ProgramBuffers } from './layout';
import { describeMemoryExcess } from './memory';
import { backwardPass, forwardPass, planGradientWrites, type PassContext } from './passes';
import { checkProgramSpec } from './checkSpec';
import { computeLoss, computeRowLosses, logitsToProbabilities, lossIsFused } from './lossPass';
import { collectNodeStats } from './stats';
import { describeNonFinite } from './nonFinite';
import { readWeights, writeWeights } from './weightsIo';
import { hasPenalty, regularizationPenalty } from './penalty';

export function createProgram(spec: ProgramSpec, options: ProgramOptions): TrainingProgram {
  return new CompiledProgram(spec, options);
}

class CompiledProgram implements TrainingProgram {
  readonly batchCapacity: number;
  readonly backend: Backend;
  private readonly buffers: ProgramBuffers;
  private readonly context: PassContext;
  private readonly optimizer: Optimizer;
  private readonly fused: boolean;
  private readonly penalized: boolean;
  private lastStepRows = 0;

  constructor(readonly spec: ProgramSpec, private readonly options: ProgramOptions) {
    checkProgramSpec(spec);
    checkOptimizerSpec(options.optimizer);
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
      throw new RangeError(`program: batchSize must be an integer ≥ 1, got ${options.batchSize}`);
    }
    this.batchCapacity = options.batchSize;
    // Refused before any allocation; the graph checker reports the same sentence as a diagnostic first.
    const excess = describeMemoryExcess(bufferPlanOf(spec, options.optimizer), this.batchCapacity);
    if (excess !== undefined) throw new RangeError(excess);
    this.backend = options.backend ?? createJsBackend();
    this.buffers = allocateProgramBuffers(spec, this.batchCapacity, options.optimizer, this.backend);
    const backend = this.backend;
    this.context = {
      spec,
      gemm: (transA, transB, m, n, k, a, b, c, accumulate) => backend.gemm(transA, transB, m, n, k, a, b, c, accumulate),
      buffers: this.buffers,
      dropoutRandom: Random.forStream(options.seed, RandomStream.dropout),
      accumulateInput: planGradientWrites(spec),
    };
    this.optimizer = createOptimizer(options.optimizer, this.buffers.optimizerSlots);
    this.fused = lossIsFused(spec);
    this.penalized = hasPenalty(spec);
    this.initializeWeights();
  }

  private initializeWeights(): void {
    // Ops in order, kernel then bias: the order is part of the seed's contract (same seed, same weights).
    const random = Random.forStream(this.options.seed, RandomStream.weights);
    for (const dense of this.buffers.dense) {
      if (dense === null) continue;
      const op = this.spec.ops[dense.opIndex];
      if (op.kind === 'dense') initializeKernel(op.init, dense.kernel, dense.inputs, dense.units, random);
      dense.bias?.fill(0);
    }
  }

  getWeights(): NamedTensor[] {
    return readWeights(this.buffers.dense);
  }

  setWeights(tensors: NamedTensor[]): void {
    writeWeights(this.buffers.dense, tensors);
  }

  batchBuffers(): { features: Float32Array; labels: Float32Array } {
    return { features: this.buffers.values[0], labels: this.buffers.labels };
  }

  trainStep(features: Float32Array, labels: Float32Array, batchSize: number): StepResult {
    const rows = this.checkRows(batchSize, 'trainStep');
    this.checkSamples(features, rows, 'trainStep', labels);
    const { spec, buffers } = this;
    this.copyBatch(features, labels, rows, buffers.values[0], buffers.labels);
    forwardPass(this.context, buffers.values, rows, true);
    const predictions = buffers.values[spec.loss.predictions];
    let loss = computeLoss(spec, predictions, buffers.labels, buffers.valueGrads[spec.loss.predictions], buffers.probs, rows);
    backwardPass(this.context, rows);
    // The reported loss includes the regularization term, as Keras' training loss does.
    if (this.penalized) loss += regularizationPenalty(spec, buffers.dense, true);
    this.lastStepRows = rows;
    // Check before updating, so a bad batch leaves the last finite weights in place.
    if (!Number.isFinite(loss) || !allFinite(buffers.paramGrads, buffers.paramGrads.length)) {
      return { finite: false, ...describeNonFinite(spec, buffers, rows, loss) };
    }
    this.optimizer.step(buffers.params, buffers.paramGrads);
    const correct = hasAccuracy(spec) ? countCorrect(spec, predictions, buffers.labels, rows) : 0;
    return { finite: true, loss, correct };
  }

  evaluate(features: Float32Array, labels: Float32Array, sampleCount: number): { loss: number; accuracy?: number } {
    this.checkSamples(features, sampleCount, 'evaluate', labels);
    const { spec, buffers } = this;
    const values = buffers.inferenceValues;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < sampleCount; start += this.batchCapacity) {
      const rows = Math.min(this.batchCapacity, sampleCount - start);
      this.copyBatch(features, labels, rows, values[0], buffers.inferenceLabels, start);
      forwardPass(this.context, values, rows, false);
      const predictions = values[spec.loss.predictions];
      lossSum += rows * computeLoss(spec, predictions, buffers.inferenceLabels, null, null, rows);
      correct += countCorrect(spec, predictions, buffers.inferenceLabels, rows);
    }
    // Keras' evaluate (and so val_loss) adds the regularization term too: the data loss's mean plus the penalty.
    const penalty = this.penalized ? regularizationPenalty(spec, buffers.dense, false) : 0;
    const loss = sampleCount > 0 ? lossSum / sampleCount + penalty : Number.NaN;
    if (!hasAccuracy(spec)) return { loss };
    return { loss, accuracy: sampleCount > 0 ? correct / sampleCount : Number.NaN };
  }

  predict(features: Float32Array, sampleCount: number): Float32Array {
    this.checkSamples(features, sampleCount, 'predict', null);
    const { spec, buffers } = this;
    const values = buffers.inferenceValues;
    const width = spec.valueWidths[spec.loss.predictions];
    const outputs = new Float32Array(sampleCount * width);
    for (let start = 0; start < sampleCount; start += this.batchCapacity) {
      const rows = Math.min(this.batchCapacity, sampleCount - start);
      this.copyBatch(features, null, rows, values[0], null, start);
      forwardPass(this.context, values, rows, false);
      let chunk = values[spec.loss.predictions];
      if (this.fused) {
        logitsToProbabilities(spec, chunk, buffers.inferenceProbs, rows);
        chunk = buffers.inferenceProbs;
      }
      outputs.set(chunk.subarray(0, rows * width), start * width);
    }
    return outputs;
  }

  evaluateSamples(features: Float32Array, labels: Float32Array, sampleCount: number): SampleEvaluation {
    this.checkSamples(features, sampleCount, 'evaluateSamples', labels);
    const { spec, buffers } = this;
    const values = buffers.inferenceValues;
    const width = spec.valueWidths[spec.loss.predictions];
    const outputs = new Float32Array(sampleCount * width);
    const losses = new Float64Array(sampleCount);
    for (let start = 0; start < sampleCount; start += this.batchCapacity) {
      const rows = Math.min(this.batchCapacity, sampleCount - start);
      this.copyBatch(features, labels, rows, values[0], buffers.inferenceLabels, start);
      forwardPass(this.context, values, rows, false);
      let chunk = values[spec.loss.predictions];
      // The loss reads what training's loss reads (logits when fused); the outputs are then made probabilities.
      computeRowLosses(spec, chunk, buffers.inferenceLabels, rows, losses, start);
      if (this.fused) {
        logitsToProbabilities(spec, chunk, buffers.inferenceProbs, rows);
        chunk = buffers.inferenceProbs;
      }
      outputs.set(chunk.subarray(0, rows * width), start * width);
    }
    return { outputs, losses };
  }

  nodeStats(): NodeStats[] {
    return this.lastStepRows === 0 ? [] : collectNodeStats(this.spec, this.buffers, this.lastStepRows);
  }

  resetOptimizer(): void {
    this.optimizer.reset();
  }

  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  setLearningRate(learningRate: number): void {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new RangeError(`setLearningRate: the learning rate must be a finite number > 0, got ${learningRate}`);
    }
    this.optimizer.learningRate = learningRate;
  }

  resetWeights(): void {
    this.initializeWeights();
    this.optimizer.reset();
    this.context.dropoutRandom = Random.forStream(this.options.seed, RandomStream.dropout);
    this.lastStepRows = 0;
  }

  dispose(): void {
    this.backend.dispose();
  }

  private checkRows(batchSize: number, method: string): number {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > this.batchCapacity) {
      throw new RangeError(`${method}: batch size must be an integer in [1, ${this.batchCapacity}], got ${batchSize}`);
    }
    return batchSize;
  }

  private checkSamples(features: Float32Array, sampleCount: number, method: string, labels: Float32Array | null): void {
    if (!Number.isInteger(sampleCount) || sampleCount < 0) throw new RangeError(`${method}: sample count must be an integer ≥ 0, got ${sampleCount}`);
    if (features.length < sampleCount * this.spec.featureCount) {
      throw new RangeError(`${method}: features hold ${features.length} values, fewer than ${sampleCount} samples × ${this.spec.featureCount} features`);
    }
    if (labels !== null && labels.length < sampleCount * this.spec.labelWidth) {
      throw new RangeError(`${method}: labels hold ${labels.length} values, fewer than ${sampleCount} samples × ${this.spec.labelWidth} columns`);
    }
  }

  /** Copies rows [start, start + rows) into the planned batch buffers, unless the caller already gathered there. */
  private copyBatch(
    features: Float32Array, labels: Float32Array | null, rows: number,
    featureTarget: Float32Array, labelTarget: Float32Array | null, start = 0,
  ): void {
    const featureCount = this.spec.featureCount;
    const labelWidth = this.spec.labelWidth;
    // set() is a memory copy; element loops are several times slower, most of all into a backend's shared memory.
    if (features !== featureTarget) {
      featureTarget.set(features.subarray(start * featureCount, (start + rows) * featureCount));
    }
    if (labels !== null && labelTarget !== null && labels !== labelTarget) {
      labelTarget.set(labels.subarray(start * labelWidth, (start + rows) * labelWidth));
    }
  }
}
