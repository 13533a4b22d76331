// Explain mode's messages (issue 15): the editor asks for one sample's explanation, the host answers with every
// node's numbers. The schemas own the types (`z.infer`); src/core/explain owns the math, and the host turns its
// float64 arrays into the plain number arrays below (a non-finite number travels as null, as in JSON).
import { z } from 'zod';

/** Bounds of what the editor may ask for: a row index, typed values, hand-edited weights. */
export const EXPLAIN_LIMITS = {
  /** Beyond any data set the extension can hold in memory. */
  maxRow: 100_000_000,
  /** Typed features or label columns. */
  maxValues: 10_000,
  /** Weights and biases edited by hand in one explanation. */
  maxOverrides: 256,
  /** A kernel index: [input, unit] flattened, within the largest dense layer a graph may hold. */
  maxWeightIndex: 100_000_000,
} as const;

const finiteValue = z.number().finite();

/** Which sample: row N of the data set in file order (from 0), or values typed in (features before normalization). */
export const explainSampleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('row'), row: z.number().int().min(0).max(EXPLAIN_LIMITS.maxRow) }),
  z.object({
    kind: z.literal('values'),
    features: z.array(finiteValue).min(1).max(EXPLAIN_LIMITS.maxValues),
    /** The label as the data set holds it: [class index] for a class label, else the label columns. */
    label: z.array(finiteValue).min(1).max(EXPLAIN_LIMITS.maxValues),
  }),
]);
export type ExplainSample = z.infer<typeof explainSampleSchema>;

/** One weight set by hand, for this explanation only: never saved, never sent to training. */
export const weightOverrideSchema = z.object({
  nodeId: z.string().min(1).max(200),
  tensor: z.enum(['kernel', 'bias']),
  /** Flat row-major index: input × units + unit for a kernel, the unit for a bias. */
  index: z.number().int().min(0).max(EXPLAIN_LIMITS.maxWeightIndex),
  value: finiteValue,
});
export type WeightOverride = z.infer<typeof weightOverrideSchema>;

export const explainRequestSchema = z.object({
  type: z.literal('explain'),
  /** Echoed in the answer, so a late answer to an older request is recognised and dropped. */
  requestId: z.number().int().min(0),
  sample: explainSampleSchema,
  overrides: z.array(weightOverrideSchema).max(EXPLAIN_LIMITS.maxOverrides).optional(),
});
export type ExplainRequest = z.infer<typeof explainRequestSchema>;

/** A number of the explanation; null stands for a non-finite one (an overflowed loss, a division by ŷ = 0). */
const value = z.number().nullable();
const vector = z.array(value);

export const explainedNodeViewSchema = z.object({
  nodeId: z.string(),
  role: z.enum(['input', 'op', 'folded-activation', 'loss']),
  output: vector,
  outputGrad: vector,
  /** Dense nodes: the kernel [in][units] and bias in use, and their gradients. */
  dense: z.object({ kernel: z.array(vector), bias: vector.nullable(), kernelGrad: z.array(vector), biasGrad: vector.nullable() }).optional(),
});
export type ExplainedNodeView = z.infer<typeof explainedNodeViewSchema>;

export const lossPiecesViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['binary-cross-entropy', 'categorical-cross-entropy']),
    fromLogits: z.boolean(),
    activationNodeId: z.string().optional(),
    activation: z.enum(['sigmoid', 'softmax']),
    logits: vector.nullable(),
    probabilities: vector,
    labels: vector,
    trueClass: z.object({ index: z.number().int(), probability: value, negativeLogProbability: value }).optional(),
    terms: vector,
    probabilityGrad: vector,
    logitGrad: vector.nullable(),
    logitGradByChainRule: vector,
    tutorialGrad: vector,
    tutorialLogitGrad: vector,
  }),
  z.object({ kind: z.literal('mse'), predictions: vector, labels: vector, terms: vector, predictionGrad: vector }),
]);
export type LossPiecesView = z.infer<typeof lossPiecesViewSchema>;

export const denseChainViewSchema = z.object({ nodeId: z.string(), inputNodeId: z.string(), input: vector, outputGrad: vector, inputGrad: vector });
export type DenseChainView = z.infer<typeof denseChainViewSchema>;

export const activationChainViewSchema = z.object({
  nodeId: z.string(), fn: z.string(), inputNodeId: z.string(), input: vector, derivative: vector.nullable(), inputGrad: vector,
});
export type ActivationChainView = z.infer<typeof activationChainViewSchema>;

export const gradientCheckViewSchema = z.object({
  nodeId: z.string(),
  tensor: z.enum(['outputGrad', 'kernel', 'bias']),
  step: z.number(),
  size: z.number().int(),
  maxAbsoluteError: value,
  entries: z.array(z.object({ index: z.array(z.number().int()), analytic: value, numeric: value })),
});
export type GradientCheckView = z.infer<typeof gradientCheckViewSchema>;

/** Base64 of a byte array (the boundary grid): compact on the wire, cheap to validate. */
const base64Bytes = z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** The explain plot: two-feature classification data, the current weights' decision boundary, every data point. */
export const explainPlotSchema = z.object({
  gridSize: z.number().int().min(1).max(256),
  /** The raw (unscaled) feature extent drawn, padded around the data. */
  xMin: z.number(), xMax: z.number(), yMin: z.number(), yMax: z.number(),
  /** Predicted class per cell (one byte each), row-major from yMin, base64; computed with the hand-edited weights. */
  cellClass: base64Bytes,
  /** Probability of the predicted class per cell as a byte (0 → 0, 255 → 1), base64. */
  cellConfidence: base64Bytes,
  classCount: z.number().int().min(2).max(256),
  /** The data points drawn (every row, or every k-th of a large set), in raw feature units, with their row numbers. */
  points: z.object({ x: z.array(z.number()), y: z.array(z.number()), label: z.array(z.number().int()), row: z.array(z.number().int()) }),
});
export type ExplainPlotView = z.infer<typeof explainPlotSchema>;

export const explanationViewSchema = z.object({
  sample: explainSampleSchema,
  /** Rows in the data set (the picker's range). */
  rowCount: z.number().int().min(0),
  featureNames: z.array(z.string()).optional(),
  classNames: z.array(z.string()).optional(),
  /** The features as the data set holds them, and as the model reads them (after the graph's normalization). */
  rawFeatures: vector,
  features: vector,
  /** The label as the data set holds it: [class index], or the label columns. */
  label: vector,
  loss: value,
  /** Where the weights came from, in words ("examples/spiral.safetensors", "the seed's initial weights (seed 42)"). */
  weightsSource: z.string(),
  /** Why the saved weights were not used, when there are some that do not fit. */
  weightsNote: z.string().optional(),
  /** The weights edited by hand that this explanation used. */
  overrides: z.array(weightOverrideSchema),
  /** In graph order: the input node, the ops in topological order, the folded activation, the loss node. */
  nodes: z.array(explainedNodeViewSchema),
  lossPieces: lossPiecesViewSchema,
  dense: z.array(denseChainViewSchema),
  activations: z.array(activationChainViewSchema),
  checks: z.array(gradientCheckViewSchema),
  /** The explain plot, for data with two features and classes. */
  plot: explainPlotSchema.optional(),
});
export type ExplanationView = z.infer<typeof explanationViewSchema>;

export const explanationMessageSchema = z.object({
  type: z.literal('explanation'),
  requestId: z.number().int().min(0),
  result: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), explanation: explanationViewSchema }),
    /** Why nothing was explained: the graph has errors, the row is past the end, Restricted Mode… */
    z.object({ ok: z.literal(false), message: z.string() }),
  ]),
});
export type ExplanationMessage = z.infer<typeof explanationMessageSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Data points added or removed by clicking the explain plot: the webview asks, the host writes (never the webview).
// ---------------------------------------------------------------------------------------------------------------

/** What a click on the plot asks the host to write, or to take back. */
export const pointEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), x: finiteValue, y: finiteValue, classIndex: z.number().int().min(0).max(255) }),
  z.object({ kind: z.literal('remove'), row: z.number().int().min(0).max(EXPLAIN_LIMITS.maxRow) }),
  z.object({ kind: z.literal('undo') }),
  z.object({ kind: z.literal('redo') }),
]);
export type PointEdit = z.infer<typeof pointEditSchema>;

export const editPointsRequestSchema = z.object({ type: z.literal('editPoints'), requestId: z.number().int().min(0), edit: pointEditSchema });
export type EditPointsRequest = z.infer<typeof editPointsRequestSchema>;

export const pointsEditedMessageSchema = z.object({
  type: z.literal('pointsEdited'),
  requestId: z.number().int().min(0),
  result: z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      /** What was written, in words ("Added row 900 (class 1) to spiral-points.csv"). */
      message: z.string(),
      /** The row an add wrote (the sample to show next). */
      addedRow: z.number().int().min(0).optional(),
      /** Data rows in the file after the edit (the row picker's range). */
      rowCount: z.number().int().min(0),
      canUndo: z.boolean(),
      canRedo: z.boolean(),
    }),
    /** Why nothing was written: Restricted Mode, a file changed outside explain mode, a CSV too large… */
    z.object({ ok: z.literal(false), message: z.string() }),
  ]),
});
export type PointsEditedMessage = z.infer<typeof pointsEditedMessageSchema>;
