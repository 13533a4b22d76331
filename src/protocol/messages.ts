// Every message between the extension host and its webviews, as discriminated unions, with the validators both
// sides run on arrival (zod). Unknown or malformed messages are dropped and logged, never acted on.
//
// Sections: (1) graph editor webview <-> host, (2) training panel webview <-> host, (3) the validators on arrival.
//
// Who owns each type: a message that exists only on the wire is owned by its schema here and typed with `z.infer`.
// The edit intent is the graph layer's own vocabulary (src/graph/edits.ts applies it, and the graph must not depend on
// the protocol or on zod), so there the TypeScript union owns it and `schemaOf` checks this schema against it both
// ways at compile time. Either way each side sends and receives one type per message.
import { z } from 'zod';
import { NODE_TYPE_NAMES, type EditIntent, type NodeType } from '../graph/index';
import {
  EDITOR_TO_HOST_LIMITS, HOST_TO_WEBVIEW_LIMITS, PANEL_TO_HOST_LIMITS, receiveWithSchema, type Received,
} from './messageBounds';
import { editPointsRequestSchema, explainRequestSchema, explanationMessageSchema, pointsEditedMessageSchema } from './explainMessages';
import { schemaOf } from './schemaOf';
import { neuronViewSchema } from './neuronView';
import { PACE_CHOICES } from './pace';

// ---------------------------------------------------------------------------------------------------------------
// (1) Graph editor
// ---------------------------------------------------------------------------------------------------------------
// The webview says `ready` and gets the document's text; it parses and analyzes it itself with the pure graph code,
// and sends edit intents back (never whole texts). The host applies each intent as one WorkspaceEdit.

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
const jsonObjectSchema = z.record(z.string(), z.json());
const graphEdgeSchema = z.object({ from: z.string().max(200), to: z.string().max(200) });
const nodeTypeSchema = z.enum(NODE_TYPE_NAMES as [NodeType, ...NodeType[]]);
const fieldPathSchema = z.array(z.string().min(1).max(100)).min(1).max(8);

export const editIntentSchema = schemaOf<EditIntent>()(z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addNode'), nodeType: nodeTypeSchema, position: positionSchema, params: jsonObjectSchema.optional() }),
  z.object({
    kind: z.literal('addConnected'), nodeType: nodeTypeSchema, position: positionSchema, params: jsonObjectSchema.optional(),
    from: z.string().max(200), toPort: z.string().max(100),
  }),
  z.object({ kind: z.literal('connect'), from: z.string().max(200), to: z.string().max(200) }),
  z.object({ kind: z.literal('disconnect'), from: z.string().max(200), to: z.string().max(200) }),
  z.object({ kind: z.literal('deleteElements'), nodeIds: z.array(z.string()), edges: z.array(graphEdgeSchema) }),
  z.object({ kind: z.literal('setParam'), nodeId: z.string(), path: fieldPathSchema, value: z.json().optional() }),
  z.object({ kind: z.literal('setDataset'), nodeId: z.string(), dataset: jsonObjectSchema }),
  z.object({ kind: z.literal('renameNode'), nodeId: z.string(), newId: z.string().max(200) }),
  z.object({ kind: z.literal('moveNodes'), moves: z.array(z.object({ nodeId: z.string(), position: positionSchema })) }),
  z.object({ kind: z.literal('setTraining'), path: fieldPathSchema, value: z.json().optional() }),
  z.object({ kind: z.literal('setName'), name: z.string().max(500) }),
  z.object({ kind: z.literal('paste'), nodes: z.array(jsonObjectSchema).max(1000), edges: z.array(graphEdgeSchema), offset: positionSchema }),
  z.object({ kind: z.literal('duplicate'), nodeIds: z.array(z.string()) }),
  z.object({
    kind: z.literal('autoLayout'),
    nodeSizes: z.array(z.object({
      nodeId: z.string(), width: z.number().finite().min(1).max(10_000), height: z.number().finite().min(1).max(10_000),
    })).max(20_000).optional(),
  }),
]));

/** Commands the editor toolbar asks the host to run for this document. */
export const editorCommandSchema = z.enum([
  'train', 'step', 'stop', 'resetWeights', 'showModelSummary', 'openAsText', 'export', 'undo', 'redo', 'pause', 'resume',
]);
export type EditorCommand = z.infer<typeof editorCommandSchema>;

export const editorToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('edit'), intent: editIntentSchema }),
  z.object({ type: z.literal('runCommand'), command: editorCommandSchema }),
  z.object({ type: z.literal('pickCsv'), nodeId: z.string() }),
  /** The toolbar's "Continue from saved weights": how this document's next Train or Step starts (runStart.ts). */
  z.object({ type: z.literal('setStartChoice'), continueFromSaved: z.boolean() }),
  /** The toolbar's speed control: this document's pace from now on (a live run's too). */
  z.object({ type: z.literal('setPace'), pace: z.enum(PACE_CHOICES) }),
  /** Explain mode: one sample's forward and backward pass (explainMessages.ts). */
  explainRequestSchema,
  /** Explain mode: add or remove a data point by clicking the plot, or take one back. */
  editPointsRequestSchema,
]);
export type EditorToHostMessage = z.infer<typeof editorToHostSchema>;

const nodeStatsSchema = z.object({ mean: z.number(), std: z.number(), zeroFraction: z.number(), gradNorm: z.number() });

/** Live training state drawn on the graph: the loss on the loss node, per-node statistics, a failure. */
export const trainingOverlaySchema = z.object({
  running: z.boolean(),
  /**
   * The document's run is paused, its worker idle: a Step run between Steps, or a run paused with Pause. Stop ends it,
   * Play resumes it, Step trains one batch.
   */
  paused: z.boolean().optional(),
  loss: z.number().optional(),
  nodeStats: z.record(z.string(), nodeStatsSchema).optional(),
  failure: z.object({ nodeId: z.string().optional(), message: z.string() }).optional(),
});
export type TrainingOverlay = z.infer<typeof trainingOverlaySchema>;

const datasetInfoSchema = z.object({
  featureCount: z.number().int(),
  classCount: z.number().int(),
  featureNames: z.array(z.string()).optional(),
  classNames: z.array(z.string()).optional(),
  sampleCount: z.number().int().optional(),
  lastClassRun: z.number().int().optional(),
});

export const hostToEditorSchema = z.discriminatedUnion('type', [
  /** The document's whole text, sent on load and after every change (own edits included, so both sides agree). */
  z.object({
    type: z.literal('document'), text: z.string(), datasetInfo: datasetInfoSchema.optional(), csvColumns: z.array(z.string()).optional(),
    /** What the host's CSV path rule or reader refused, shown on the input node as the Problems panel shows it. */
    datasetProblem: z.object({ code: z.enum(['NG028', 'NG043']), message: z.string() }).optional(),
    /** How many folders the graph lies below its workspace folder: how far `..` may climb in a CSV path. */
    workspaceDepth: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('training'), overlay: trainingOverlaySchema }),
  /** The document's pace (the toolbar's speed control), on load and whenever it changes. */
  z.object({ type: z.literal('pace'), pace: z.enum(PACE_CHOICES) }),
  /** Select these nodes; with `reveal`, also bring them into view (a chosen problem, the text cursor beside). */
  z.object({ type: z.literal('select'), nodeIds: z.array(z.string()), reveal: z.boolean().optional() }),
  /** An edit the host could not apply, with the reason. */
  z.object({ type: z.literal('refused'), message: z.string() }),
  /** Auto Layout from the palette: lay the graph out with the nodes' drawn sizes (the webview knows them) and fit it. */
  z.object({ type: z.literal('autoLayout') }),
  /** The answer to an `explain` request. */
  explanationMessageSchema,
  /** How this document's next run starts: from the seed's fresh weights, or continued from `<name>.safetensors`. */
  z.object({ type: z.literal('startChoice'), continueFromSaved: z.boolean() }),
  /** The answer to an `editPoints` request. */
  pointsEditedMessageSchema,
]);
export type HostToEditorMessage = z.infer<typeof hostToEditorSchema>;


// ---------------------------------------------------------------------------------------------------------------
// (2) Training panel
// ---------------------------------------------------------------------------------------------------------------
// The host keeps every run of the session (RunSnapshot) and streams changes at most ~30 messages/s; a panel that
// (re)loads says `ready` and gets one `snapshot` with the whole history, so nothing depends on having seen the stream.

const finite = z.number();
const optionalFinite = z.number().nullable();

/** `paused`: a Step session between Steps, its worker idle and the run still open (Train is the same run, not paused). */
export const runStatusSchema = z.enum(['starting', 'running', 'paused', 'completed', 'cancelled', 'non-finite', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Whether a run with this status still has its worker: it can be stopped, and the panel's Clear keeps it. */
export function isLiveStatus(status: RunStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'paused';
}

export const runConfigSchema = z.object({
  documentName: z.string(),
  mode: z.enum(['train', 'step']),
  dataset: z.string(),
  optimizer: z.string(),
  learningRate: finite,
  epochs: z.number().int(),
  batchSize: z.number().int(),
  seed: z.number(),
  validationSplit: finite,
  /** Who trains: absent for NN Graph's own engine (runs recorded before there was a choice are the same). */
  engine: z.enum(['builtin', 'pytorch']).optional(),
  /** Where the run was asked to start from (what it did start from is `info.weights`); absent: fresh. */
  start: z.discriminatedUnion('kind', [
    /** The seed's initial weights. */
    z.object({ kind: z.literal('fresh') }),
    /** The saved `<name>.safetensors`; `fromRunId` when a run of this session saved them. */
    z.object({ kind: z.literal('continue'), fromRunId: z.number().int().optional() }),
    /** Exactly the initial weights run `fromRunId` started from ("Restart from the same initial weights"). */
    z.object({ kind: z.literal('restart'), fromRunId: z.number().int() }),
  ]).optional(),
});
export type RunConfigView = z.infer<typeof runConfigSchema>;
export type RunStartView = NonNullable<RunConfigView['start']>;

export const runInfoSchema = z.object({
  sampleCount: z.number().int(),
  trainCount: z.number().int(),
  validationCount: z.number().int(),
  stepsPerEpoch: z.number().int(),
  totalSteps: z.number().int(),
  classCount: z.number().int(),
  paramCount: z.number().int(),
  backend: z.string(),
  weights: z.string(),
  /** A fingerprint of the weights the run started from (8 hex digits): equal fingerprints, equal starting weights. */
  initialWeights: z.string().optional(),
});
export type RunInfoView = z.infer<typeof runInfoSchema>;

export const runProgressSchema = z.object({
  epoch: z.number().int(),
  step: z.number().int(),
  globalStep: z.number().int(),
  samplesSeen: z.number(),
  samplesPerSecond: finite,
  elapsedMs: finite,
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/** Per-batch points as columns; `accuracy` is null where the run has no accuracy. */
export const batchSeriesSchema = z.object({
  step: z.array(z.number()),
  loss: z.array(optionalFinite),
  accuracy: z.array(optionalFinite),
});
export type BatchSeries = z.infer<typeof batchSeriesSchema>;

export const epochPointSchema = z.object({
  epoch: z.number().int(),
  globalStep: z.number().int(),
  loss: optionalFinite,
  accuracy: optionalFinite,
  valLoss: optionalFinite,
  valAccuracy: optionalFinite,
  samplesPerSecond: finite,
  elapsedMs: finite,
});
export type EpochPoint = z.infer<typeof epochPointSchema>;

/** Base64 of a byte array: compact on the wire and cheap to validate, where a JSON array of numbers is neither. */
const base64Bytes = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const boundaryViewSchema = z.object({
  gridSize: z.number().int().min(1).max(512),
  xMin: finite, xMax: finite, yMin: finite, yMax: finite,
  /** Predicted class per cell (one byte each), row-major from yMin, base64. */
  cellClass: base64Bytes,
  /** Probability of the predicted class per cell as a byte (0 → 0, 255 → 1), base64. */
  cellConfidence: base64Bytes,
  globalStep: z.number().int(),
});
export type BoundaryView = z.infer<typeof boundaryViewSchema>;

export const boundaryPointsSchema = z.object({ x: z.array(finite), y: z.array(finite), label: z.array(z.number().int()) });
export type BoundaryPointsView = z.infer<typeof boundaryPointsSchema>;

/**
 * The rows a run reports per-sample losses for, sent once per run (SampleSet in workerMessages.ts): file row (from 0),
 * true class, held out for validation. With boundary points, sample i is point i. The arrays have one length.
 */
export const sampleSetSchema = z.object({
  row: z.array(z.number().int().nonnegative()),
  label: z.array(z.number().int()),
  validation: z.array(z.boolean()),
  featureNames: z.array(z.string()).optional(),
  classNames: z.array(z.string()).optional(),
}).refine((set) => set.label.length === set.row.length && set.validation.length === set.row.length, 'sample set arrays differ in length');
export type SampleSetView = z.infer<typeof sampleSetSchema>;

/**
 * The latest per-sample report, replaced as new ones come: each sample's outputs (probabilities, `width` per sample;
 * one column is p(class 1)) as little-endian float32, its loss (the core's, as a batch of one) as float64, both base64,
 * and its predicted class (−1: none).
 */
export const sampleLossesSchema = z.object({
  globalStep: z.number().int(),
  epochsDone: z.number().int(),
  width: z.number().int().min(1).max(100_000),
  outputs: base64Bytes,
  losses: base64Bytes,
  predicted: z.array(z.number().int()),
});
export type SampleLossesView = z.infer<typeof sampleLossesSchema>;

export const confusionSchema = z.object({
  classNames: z.array(z.string()),
  counts: z.array(z.array(z.number().int())),
  split: z.enum(['validation', 'training']),
});
export type ConfusionView = z.infer<typeof confusionSchema>;

export const runFailureSchema = z.object({
  message: z.string(),
  suggestion: z.string().optional(),
  epoch: z.number().int().optional(),
  step: z.number().int().optional(),
  nodeId: z.string().optional(),
});
export type RunFailure = z.infer<typeof runFailureSchema>;

/** The fields of a run that are replaced, not appended, when they change. */
export const runHeaderSchema = z.object({
  runId: z.number().int(),
  documentUri: z.string(),
  startedAt: z.number(),
  status: runStatusSchema,
  config: runConfigSchema,
  info: runInfoSchema.optional(),
  progress: runProgressSchema.optional(),
  failure: runFailureSchema.optional(),
  confusion: confusionSchema.optional(),
  /** One line for the panel's status area, e.g. "Stopped after 3 epochs". */
  summary: z.string().optional(),
  /** What tells this run apart from the file's run before it, e.g. "lr 0.01, continued from run 2" (runLabel.ts). */
  label: z.string().optional(),
  /** What early stopping decided (epochs 1-based), once a run with `training.earlyStopping` is over. */
  earlyStopping: z.object({
    stoppedEpoch: z.number().int().optional(),
    bestEpoch: z.number().int(),
    bestValLoss: z.number().nullable(),
    weightsEpoch: z.number().int(),
    restoredBestWeights: z.boolean(),
  }).optional(),
  /** The pace chosen for the run's document and what it means for this run (pace.ts); absent for PyTorch runs. */
  pace: z.object({ choice: z.enum(PACE_CHOICES), effective: z.enum(PACE_CHOICES) }).optional(),
  /** Learning-rate changes made while the run trained, in order: from `globalStep` on it trained at `learningRate`. */
  learningRateChanges: z.array(z.object({ globalStep: z.number().int(), learningRate: z.number() })).optional(),
});
export type RunHeader = z.infer<typeof runHeaderSchema>;

export const runSnapshotSchema = runHeaderSchema.extend({
  batches: batchSeriesSchema,
  epochs: z.array(epochPointSchema),
  boundary: boundaryViewSchema.optional(),
  points: boundaryPointsSchema.optional(),
  neurons: neuronViewSchema.optional(),
  samples: sampleSetSchema.optional(),
  sampleLosses: sampleLossesSchema.optional(),
  /** Every `batchStride`-th step is kept once a run is long (see trainingSeries.ts). */
  batchStride: z.number().int().min(1),
});
export type RunSnapshot = z.infer<typeof runSnapshotSchema>;

/** What changed in one run since the last message; absent parts did not change. Series parts are appended. */
export const runUpdateSchema = z.object({
  runId: z.number().int(),
  header: runHeaderSchema.optional(),
  batches: batchSeriesSchema.optional(),
  epochs: z.array(epochPointSchema).optional(),
  boundary: boundaryViewSchema.optional(),
  /** The data points drawn over the boundary; sent once per run. */
  points: boundaryPointsSchema.optional(),
  /** The neuron view's latest grids (replaced, not appended), or why the run has none. */
  neurons: neuronViewSchema.optional(),
  /** The rows of the per-sample losses; sent once per run. */
  samples: sampleSetSchema.optional(),
  sampleLosses: sampleLossesSchema.optional(),
});
export type RunUpdate = z.infer<typeof runUpdateSchema>;

/** One `update` carries every run's changes, so the panel gets at most one message per flush (~30 per second). */
export const hostToTrainingPanelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), runs: z.array(runSnapshotSchema) }),
  z.object({ type: z.literal('update'), updates: z.array(runUpdateSchema) }),
]);
export type HostToTrainingPanel = z.infer<typeof hostToTrainingPanelSchema>;

export const trainingPanelToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The panel applied an update; the host sends the next only then, so a slow panel never builds a backlog. */
  z.object({ type: z.literal('ack') }),
  z.object({ type: z.literal('stop'), runId: z.number().int() }),
  /** Train the run's file again from exactly the weights that run started from. */
  z.object({ type: z.literal('restart'), runId: z.number().int() }),
  z.object({ type: z.literal('clearHistory') }),
  /**
   * The run bar's buttons for the run's document: pause or resume its run, Step one batch, Reset its weights, or
   * Train it again.
   */
  z.object({ type: z.literal('control'), runId: z.number().int(), action: z.enum(['pause', 'resume', 'step', 'reset', 'train']) }),
  z.object({ type: z.literal('setPace'), runId: z.number().int(), pace: z.enum(PACE_CHOICES) }),
  /** A new learning rate for a live run, from its next step on (a finite number > 0). */
  z.object({ type: z.literal('setLearningRate'), runId: z.number().int(), learningRate: z.number().positive().finite() }),
]);
export type TrainingPanelToHost = z.infer<typeof trainingPanelToHostSchema>;


// ---------------------------------------------------------------------------------------------------------------
// (3) On arrival: every receiver calls one of these, and drops (and logs) what they refuse.
// ---------------------------------------------------------------------------------------------------------------

export function receiveEditorToHost(raw: unknown): Received<EditorToHostMessage> {
  return receiveWithSchema(editorToHostSchema, raw, EDITOR_TO_HOST_LIMITS);
}

export function receiveTrainingPanelToHost(raw: unknown): Received<TrainingPanelToHost> {
  return receiveWithSchema(trainingPanelToHostSchema, raw, PANEL_TO_HOST_LIMITS);
}

export function receiveHostToEditor(raw: unknown): Received<HostToEditorMessage> {
  return receiveWithSchema(hostToEditorSchema, raw, HOST_TO_WEBVIEW_LIMITS);
}

export function receiveHostToTrainingPanel(raw: unknown): Received<HostToTrainingPanel> {
  return receiveWithSchema(hostToTrainingPanelSchema, raw, HOST_TO_WEBVIEW_LIMITS);
}

export type { Received };
export { z };
