// The public face of a compiled training program.
import type { Backend } from '../kernels/types';
import type { NamedTensor, NodeStats, OptimizerSpec, ProgramSpec } from '../types';

export interface ProgramOptions {
  /** Seeds the initial weights and the dropout masks. */
  seed: number;
  /** The largest batch a step or an evaluation chunk may hold; buffers are planned for it. */
  batchSize: number;
  optimizer: OptimizerSpec;
  /** Defaults to the plain-TypeScript backend. */
  backend?: Backend;
}

export type StepResult =
  | { finite: true; loss: number; correct: number }
  | {
    finite: false;
    /** The first node, in op order, whose output is non-finite (the loss node when every output is finite). */
    nodeId: string;
    /** E.g. `Loss became NaN; first non-finite output: node "hidden"`. */
    message: string;
    /** The first half of the message (`Loss became NaN`) and the second, so callers can put context between. */
    problem: string;
    location: string;
  };

/** Each sample's outputs and its own loss (TrainingProgram.evaluateSamples). */
export interface SampleEvaluation {
  /** [n, width]: probabilities when the loss applies σ/softmax itself, as `predict` gives them. */
  outputs: Float32Array;
  /** Each sample's loss as a batch of one (the loss code training uses), without the regularization term. */
  losses: Float64Array;
}

export interface TrainingProgram {
  readonly spec: ProgramSpec;
  readonly batchCapacity: number;
  readonly backend: Backend;
  /** Copies of the weights, in op order: `<nodeId>.kernel` [in, units] then `<nodeId>.bias` [units]. */
  getWeights(): NamedTensor[];
  /** Replaces the weights; throws an Error naming the tensor on a missing name or a shape mismatch. */
  setWeights(tensors: NamedTensor[]): void;
  /** Forward + backward + optimizer update on rows [0, batchSize) of the given arrays; the loss includes the regularization term. */
  trainStep(features: Float32Array, labels: Float32Array, batchSize: number): StepResult;
  /** Forward only (dropout off): mean loss (plus the regularization term, as Keras) and accuracy over n samples, in chunks of batchCapacity. */
  evaluate(features: Float32Array, labels: Float32Array, sampleCount: number): { loss: number; accuracy?: number };
  /** Outputs for n samples, [n, width]: probabilities when the loss applies σ/softmax itself. */
  predict(features: Float32Array, sampleCount: number): Float32Array;
  /** Forward only (dropout off), in chunks of batchCapacity: every sample's outputs and its own loss. */
  evaluateSamples(features: Float32Array, labels: Float32Array, sampleCount: number): SampleEvaluation;
  /** Per node, from the last trainStep (empty before the first). */
  nodeStats(): NodeStats[];
  resetOptimizer(): void;
  /** The optimizer's current learning rate (the spec's until changed). */
  readonly learningRate: number;
  /**
   * Changes the learning rate from the next step on, keeping the optimizer's state (moments, velocities, step
   * count). Throws a RangeError unless the rate is a finite number > 0.
   */
  setLearningRate(learningRate: number): void;
  /** Draws the initial weights again from the seed and resets the optimizer: the program as freshly created. */
  resetWeights(): void;
  /**
   * Planned buffers a caller may gather a batch into (features [capacity, featureCount], labels [capacity,
   * labelWidth]); passing them to trainStep skips a copy.
   */
  batchBuffers(): { features: Float32Array; labels: Float32Array };
  /**
   * Disposes the backend, the program's own or the one passed in (backend dispose is idempotent, so a caller that
   * also disposes it is fine). Programs sharing one backend: dispose that backend once, after the last of them.
   */
  dispose(): void;
}
