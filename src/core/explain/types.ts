// What explain mode computes for one sample (a batch of one): every node's output and the loss gradient at it, the
// dense layers' weight gradients, the loss node's pieces, the chain rule's pieces and numerical checks. Flat float64
// arrays with their shapes (without the batch axis); json.ts turns them into nested arrays.
import type { ActivationName, LossSpec, NamedTensor, ProgramSpec } from '../types';

export interface ExplainInput {
  spec: ProgramSpec;
  /** `<nodeId>.kernel` [in, units] and `<nodeId>.bias` [units] for every dense op, as the program lists them. */
  weights: readonly NamedTensor[];
  /** The graph's input node, which the program does not name (its value is the features, value 0). */
  inputNodeId: string;
  /** One sample's features as the program reads them (normalized), featureCount values. */
  features: ArrayLike<number>;
  /** One sample's label row in the program's layout (labelWidth values: a class index for `index` labels). */
  labels: ArrayLike<number>;
  /** Entries checked numerically per gradient tensor (the largest |analytic| ones; all of a smaller tensor). */
  checksPerTensor?: number;
}

export type ExplainedNodeRole =
  /** The input node: output = the features, outputGrad = ∂L/∂features. */
  | 'input'
  /** An op of the program (dense, activation, dropout, features, add, concat). */
  | 'op'
  /** The sigmoid/softmax the loss applies itself: output = probabilities, outputGrad = ∂L/∂ŷ. */
  | 'folded-activation'
  /** The loss node: output = the loss (a scalar), outputGrad = 1. */
  | 'loss';

export interface ParamGrads {
  /** [inputs, units], row-major, as Keras stores a kernel. */
  kernel: Float64Array;
  kernelShape: [inputs: number, units: number];
  bias: Float64Array | null;
}

export interface ExplainedNode {
  nodeId: string;
  role: ExplainedNodeRole;
  /** [width], or [] for the loss. */
  shape: number[];
  output: Float64Array;
  outputGrad: Float64Array;
  /** Dense nodes only. */
  paramGrads?: ParamGrads;
}

/**
 * The loss node's numbers. For cross-entropy: ŷ are the probabilities (σ/softmax of the logits when the loss applies
 * it), y the label row (one-hot for a class index). Gradients are those of this sample's loss (the batch mean over
 * one row; binary cross-entropy also averages over its columns, so its gradients carry 1/width).
 */
export type LossPieces =
  | {
    kind: 'binary-cross-entropy' | 'categorical-cross-entropy';
    /** True when the loss reads logits and applies σ/softmax itself (the stable fused form). */
    fromLogits: boolean;
    /** The graph's sigmoid/softmax node the loss took over, if any. */
    activationNodeId?: string;
    activation: Extract<ActivationName, 'sigmoid' | 'softmax'>;
    /** The loss's input when it reads logits; null when it reads probabilities. */
    logits: Float64Array | null;
    probabilities: Float64Array;
    /** y, one value per column (a class index becomes a one-hot row). */
    labels: Float64Array;
    /** The class of a one-hot or class-index label (categorical), with p_y and −log p_y; absent otherwise. */
    trueClass?: { index: number; probability: number; negativeLogProbability: number };
    /** Each column's share of the loss: −y_c log ŷ_c, or −[y log ŷ + (1 − y) log(1 − ŷ)] / width; they sum to the loss. */
    terms: Float64Array;
    /** ∂L/∂ŷ, the right form: −y_c/ŷ_c (categorical), (−y/ŷ + (1 − y)/(1 − ŷ)) / width (binary). */
    probabilityGrad: Float64Array;
    /** ∂L/∂z at the logits as the program computes it: ŷ − y (/ width). Null when the loss reads probabilities. */
    logitGrad: Float64Array | null;
    /** probabilityGrad sent back through σ/softmax by the core's activation backward: the chain rule, = logitGrad. */
    logitGradByChainRule: Float64Array;
    /** The tutorial's formula −y/ŷ + 1 (/ width for binary), which is not ∂L/∂ŷ. */
    tutorialGrad: Float64Array;
    /**
     * tutorialGrad sent back through σ/softmax. For softmax it equals the true logit gradient (the +1 is the same in
     * every column, and softmax's Jacobian maps a constant vector to 0); for sigmoid it does not.
     */
    tutorialLogitGrad: Float64Array;
  }
  | {
    kind: 'mse';
    predictions: Float64Array;
    labels: Float64Array;
    /** (ŷ_c − y_c)² / width: they sum to the loss. */
    terms: Float64Array;
    /** 2(ŷ − y) / width. */
    predictionGrad: Float64Array;
  };

/** y = x·W + b at one dense node, and how the gradient flows through it. */
export interface DenseChain {
  nodeId: string;
  /** The node whose output x is. */
  inputNodeId: string;
  /** x [inputs]. */
  input: Float64Array;
  /** δ = ∂L/∂y [units]: then ∂L/∂W = xᵀδ (the kernel gradient) and ∂L/∂b = δ. */
  outputGrad: Float64Array;
  /** δ·Wᵀ [inputs]: what this layer sends back to x (all of ∂L/∂x when nothing else reads x). */
  inputGrad: Float64Array;
}

/** y = f(x) at one activation node, and how the gradient flows through it. */
export interface ActivationChain {
  nodeId: string;
  fn: ActivationName;
  inputNodeId: string;
  input: Float64Array;
  /** f′(x) element by element; null for softmax, whose Jacobian is not diagonal. */
  derivative: Float64Array | null;
  /** δ ⊙ f′(x) (for softmax: ŷ ⊙ (δ − ⟨δ, ŷ⟩)): what this node sends back to x. */
  inputGrad: Float64Array;
}

/** Which gradient a numerical check is of: a node's outputGrad, or a dense node's kernel or bias gradient. */
export type CheckedTensor = 'outputGrad' | 'kernel' | 'bias';

export interface CheckedEntry {
  /** The entry's position in the tensor ([unit] or [input, unit]). */
  index: number[];
  analytic: number;
  /** (L(v + h) − L(v − h)) / 2h in float64. */
  numeric: number;
}

export interface GradientCheck {
  nodeId: string;
  tensor: CheckedTensor;
  /** The central difference's step h. */
  step: number;
  entries: CheckedEntry[];
  /** The tensor's size: entries may be only its largest ones. */
  size: number;
  maxAbsoluteError: number;
}

export interface Explanation {
  loss: number;
  lossKind: LossSpec['kind'];
  /** In graph order: the input node, the ops (topological order), the folded activation, the loss node. */
  nodes: ExplainedNode[];
  lossPieces: LossPieces;
  dense: DenseChain[];
  activations: ActivationChain[];
  checks: GradientCheck[];
}
