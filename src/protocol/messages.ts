// Every message between the extension host and its webviews, as discriminated unions, with the validators both
// sides run on arrival (zod). Unknown or malformed messages are dropped and logged, never acted on.
//
// Sections: (1) graph editor webview <-> host, (2) training panel webview <-> host.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------------
// (1) Graph editor
// ---------------------------------------------------------------------------------------------------------------
// The webview says `ready` and gets the document's text; it parses and analyzes it itself with the pure graph code,
// and sends edit intents back (never whole texts). The host applies each intent as one WorkspaceEdit.

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
const jsonObjectSchema = z.record(z.string(), z.json());
const graphEdgeSchema = z.object({ from: z.string().max(200), to: z.string().max(200) });
const nodeTypeSchema = z.enum(['input', 'dense', 'activation', 'dropout', 'add', 'concat', 'cross-entropy', 'mse']);
const fieldPathSchema = z.array(z.string().min(1).max(100)).min(1).max(8);

export const editIntentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addNode'), nodeType: nodeTypeSchema, position: positionSchema, params: jsonObjectSchema.optional() }),
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
  z.object({ kind: z.literal('autoLayout') }),
]);

/** Commands the editor toolbar asks the host to run for this document. */
export const editorCommandSchema = z.enum(['train', 'step', 'stop', 'resetWeights', 'showModelSummary', 'openAsText', 'autoLayout', 'undo', 'redo']);
export type EditorCommand = z.infer<typeof editorCommandSchema>;

export const editorToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('edit'), intent: editIntentSchema }),
  z.object({ type: z.literal('runCommand'), command: editorCommandSchema }),
  z.object({ type: z.literal('pickCsv'), nodeId: z.string() }),
]);
export type EditorToHostMessage = z.infer<typeof editorToHostSchema>;

const nodeStatsSchema = z.object({ mean: z.number(), std: z.number(), zeroFraction: z.number(), gradNorm: z.number() });

/** Live training state drawn on the graph: the loss on the loss node, per-node statistics, a failure. */
export const trainingOverlaySchema = z.object({
  running: z.boolean(),
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
});

export const hostToEditorSchema = z.discriminatedUnion('type', [
  /** The document's whole text, sent on load and after every change (own edits included, so both sides agree). */
  z.object({ type: z.literal('document'), text: z.string(), datasetInfo: datasetInfoSchema.optional() }),
  z.object({ type: z.literal('training'), overlay: trainingOverlaySchema }),
  /** Select (and show) these nodes, e.g. when a problem is chosen in the Problems panel. */
  z.object({ type: z.literal('select'), nodeIds: z.array(z.string()) }),
  /** An edit the host could not apply, with the reason. */
  z.object({ type: z.literal('refused'), message: z.string() }),
]);
export type HostToEditorMessage = z.infer<typeof hostToEditorSchema>;


// ---------------------------------------------------------------------------------------------------------------
// (2) Training panel
// ---------------------------------------------------------------------------------------------------------------

export { z };
