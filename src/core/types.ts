// The contract of the training core: what the graph compiler produces, and what the command line, the extension's
// training worker and the benchmark consume. Everything here is plain data, so it crosses worker boundaries.
import type { FeatureGroup } from './ops/features';

export type ActivationName =
  | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'leaky_relu' | 'elu' | 'gelu' | 'softplus' | 'linear';

export type InitializerName = 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal' | 'zeros';

/** Playground's derived input features (ops/features.ts owns the list and the column order). */
export type { FeatureGroup };

/**
 * A value in a program: 0 is the batch of input features; op i (0-based) writes value i + 1.
 * Every value is a [batch, width] matrix, row-major.
 */
export type ValueRef = number;

export type OpSpec =
  | {
    kind: 'dense'; nodeId: string; input: ValueRef; units: number; useBias: boolean; init: InitializerName;
    /** Keras' kernel_regularizer: l1·Σ|kernel| + l2·Σkernel² is added to the loss (absent: 0; ops/regularizers.ts). */
    l1?: number; l2?: number;
  }
  | { kind: 'activation'; nodeId: string; input: ValueRef; fn: ActivationName; alpha: number }
  | { kind: 'dropout'; nodeId: string; input: ValueRef; rate: number }
  /** x, x², xᵢxⱼ, sin x of the input for the chosen groups, side by side in FEATURE_GROUPS order; no weights. */
  | { kind: 'features'; nodeId: string; input: ValueRef; groups: FeatureGroup[] }
  | { kind: 'add'; nodeId: string; inputs: [ValueRef, ValueRef] }
  | { kind: 'concat'; nodeId: string; inputs: [ValueRef, ValueRef] };

/**
 * The loss. With `fromLogits` the loss reads logits and applies sigmoid / softmax itself in the stable fused form
 * (log-sum-exp, gradient ŷ − y); the compiler sets it when the predictions come straight from a sigmoid/softmax
 * activation (and then points `predictions` at that activation's input) or when the file says `fromLogits`.
 * `activationNodeId` names the folded activation node, if any, so its output can still be reported.
 */
export type LossSpec =
  | { kind: 'binary-cross-entropy'; nodeId: string; predictions: ValueRef; fromLogits: boolean; activationNodeId?: string }
  | { kind: 'categorical-cross-entropy'; nodeId: string; predictions: ValueRef; fromLogits: boolean; activationNodeId?: string }
  | { kind: 'mse'; nodeId: string; predictions: ValueRef };

/** How labels are laid out in a Dataset's `labels` array. */
export type LabelKind =
  | 'index'      // one column holding a class index 0…k−1 (categorical)
  | 'onehot'     // k columns, one-hot rows (categorical)
  | 'binary'     // one or more 0/1 columns (binary / multi-label)
  | 'regression'; // real-valued columns (mse)

export interface ProgramSpec {
  featureCount: number;
  /** Width of each value, indexed by ValueRef (valueWidths[0] === featureCount). */
  valueWidths: number[];
  ops: OpSpec[];
  loss: LossSpec;
  /** Width of the labels array per sample, and how to read it. */
  labelWidth: number;
  labelKind: LabelKind;
  /** Number of classes for classification (2 for single-column binary), 0 for regression. */
  classCount: number;
}

export type OptimizerSpec =
  | { type: 'sgd'; learningRate: number; momentum: number; nesterov: boolean }
  | { type: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number }
  | { type: 'rmsprop'; learningRate: number; rho: number; momentum: number; epsilon: number; centered: boolean }
  | { type: 'adamw'; learningRate: number; beta1: number; beta2: number; epsilon: number; weightDecay: number };

/**
 * Keras 3's EarlyStopping on val_loss (mode min, no baseline, start_from_epoch 0): run/earlyStopping.ts. An epoch
 * improves when its validation loss is below the best so far by more than `minDelta`; the run stops after an epoch
 * when `patience` epochs in a row (counting it) brought no improvement, never after the first.
 */
export interface EarlyStoppingConfig {
  patience: number;
  minDelta: number;
  /** Keras 3: at the end of the run (stopped early or not), the weights of the best epoch are put back. */
  restoreBestWeights: boolean;
}

/** What early stopping decided, when the run is over. Epochs are 1-based. */
export interface EarlyStopOutcome {
  /** The epoch after which the run stopped early; absent when every epoch ran. */
  stoppedEpoch?: number;
  /** The epoch of the lowest validation loss (improvements smaller than minDelta do not count), and that loss. */
  bestEpoch: number;
  bestValLoss: number;
  /** Whose weights the program holds now: the best epoch's when restored, otherwise the last epoch's. */
  weightsEpoch: number;
  restoredBestWeights: boolean;
}

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  seed: number;
  /** In [0, 1): the last floor(n × validationSplit) rows are held out (of the file, or of one shuffle; run/split.ts). */
  validationSplit: number;
  /** Shuffle the rows once before the split and the training part every epoch; off: file order throughout. */
  shuffle: boolean;
  optimizer: OptimizerSpec;
  metrics: string[];
  /** Absent: every epoch runs. Needs validation rows (validationSplit > 0). */
  earlyStopping?: EarlyStoppingConfig;
}

/** A data set in memory: row-major features [sampleCount, featureCount] and labels [sampleCount, labelWidth]. */
export interface Dataset {
  name: string;
  features: Float32Array;
  labels: Float32Array;
  sampleCount: number;
  featureCount: number;
  labelWidth: number;
  labelKind: LabelKind;
  classCount: number;
  featureNames?: string[];
  classNames?: string[];
}

/** Named weight tensors: `<nodeId>.kernel` [in, units] and `<nodeId>.bias` [units], as Keras and safetensors. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface BatchReport {
  epoch: number;        // 1-based
  step: number;         // 1-based within the epoch
  stepsPerEpoch: number;
  globalStep: number;   // 1-based over the run
  /** Running mean over the epoch so far, weighted by batch size (what Keras reports after each batch). */
  loss: number;
  accuracy?: number;
  /** This batch's own loss and accuracy. */
  batchLoss?: number;
  batchAccuracy?: number;
  /** Training samples over the whole run so far, this batch included. */
  samplesSeen: number;
}

export interface EpochReport {
  epoch: number;
  /** The run's step count and training samples at the end of this epoch. */
  globalStep: number;
  samplesSeen: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  samplesPerSecond: number;
  elapsedMs: number;
}

/** Why a run ended. */
export type StopReason =
  | { kind: 'completed'; earlyStopping?: EarlyStopOutcome }
  | { kind: 'cancelled' }
  | { kind: 'non-finite'; epoch: number; step: number; nodeId: string; message: string };

/** What the training core observed of one node during the last training step (for the graph's live overlays). */
export interface NodeStats {
  nodeId: string;
  /** Mean, standard deviation and fraction of exact zeros of the node's output over the batch. */
  mean: number;
  std: number;
  zeroFraction: number;
  /** L2 norm of the loss gradient w.r.t. the node's output (absent for an activation folded into the loss). */
  gradNorm?: number;
  /** L2 norm of the gradient w.r.t. the node's kernel and bias (dense nodes). */
  weightGradNorm?: number;
}

/** Where a run's starting weights came from; `mismatch` carries the one message saying why given ones were not used. */
export type WeightsOrigin =
  | { kind: 'fresh' }
  | { kind: 'restored'; tensorCount: number }
  | { kind: 'mismatch'; reason: string };

/** counts[actual][predicted] on the validation rows, or on the training rows when a run holds none out. */
export interface ConfusionMatrix { classNames: string[]; counts: number[][]; split: 'validation' | 'training' }
