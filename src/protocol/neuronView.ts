// The neuron view as the training panel receives it: every drawn unit's activation over the input plane (float32
// little-endian in base64: compact, and cheap to validate where a JSON array of numbers is not) and the weights
// between layers, or the sentence saying why a run has no neuron view. The schema checks that every grid holds
// exactly gridSize² cells per unit and every kernel one weight per pair of units, so the view never reads past an
// array or draws a line to a unit that is not there.
import { z } from 'zod';
import { maxNeuronUnits } from '../core/pure';

/** At most this many cells per side: the worker sends 24; the bound keeps a forged message from costing much. */
export const maxNeuronGridSize = 64;
const maxNeuronLayers = 32;

const base64Bytes = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** The length of the base64 text of `byteCount` bytes (with padding). */
export function base64Length(byteCount: number): number {
  return 4 * Math.ceil(byteCount / 3);
}

const neuronLayerViewSchema = z.object({
  nodeId: z.string().max(200),
  units: z.number().int().min(1).max(maxNeuronUnits),
  /** The node whose output the heatmaps show, when an activation follows the dense (or the loss applies σ/softmax). */
  activation: z.object({ nodeId: z.string().max(200), fn: z.string().max(40) }).optional(),
  /** The loss applies σ/softmax to these units itself: the heatmaps show its probabilities. */
  probabilities: z.boolean(),
  /** Float32 little-endian [gridSize², units], row-major, cells as the decision boundary's (row 0 at yMin), base64. */
  activations: base64Bytes,
  /** [inputs, units] row-major: the weights from the layer before (the two features for the first layer). */
  kernel: z.array(z.number()).max(maxNeuronUnits * maxNeuronUnits),
});
export type NeuronLayerView = z.infer<typeof neuronLayerViewSchema>;

export const neuronGridsViewSchema = z.object({
  kind: z.literal('grids'),
  gridSize: z.number().int().min(2).max(maxNeuronGridSize),
  xMin: z.number(), xMax: z.number(), yMin: z.number(), yMax: z.number(),
  globalStep: z.number().int().min(0),
  /** The two features' names (the data set's, else x₁ and x₂). */
  inputNames: z.tuple([z.string().max(200), z.string().max(200)]),
  /** Float32 little-endian [gridSize², 2]: the features at each cell as the model sees them (scaled), base64. */
  inputs: base64Bytes,
  layers: z.array(neuronLayerViewSchema).min(1).max(maxNeuronLayers),
}).superRefine((view, context) => {
  const cells = view.gridSize * view.gridSize;
  if (view.inputs.length !== base64Length(cells * 2 * 4)) {
    context.addIssue({ code: 'custom', path: ['inputs'], message: `expected ${cells} cells × 2 features of float32` });
  }
  let inputs = 2;
  view.layers.forEach((layer, index) => {
    if (layer.activations.length !== base64Length(cells * layer.units * 4)) {
      context.addIssue({ code: 'custom', path: ['layers', index, 'activations'], message: `expected ${cells} cells × ${layer.units} units of float32` });
    }
    if (layer.kernel.length !== inputs * layer.units) {
      context.addIssue({ code: 'custom', path: ['layers', index, 'kernel'], message: `expected ${inputs} × ${layer.units} weights` });
    }
    inputs = layer.units;
  });
});
export type NeuronGridsView = z.infer<typeof neuronGridsViewSchema>;

export const neuronViewSchema = z.union([
  neuronGridsViewSchema,
  z.object({ kind: z.literal('unavailable'), reason: z.string().max(500) }),
]);
export type NeuronView = z.infer<typeof neuronViewSchema>;

/** Float32 values as little-endian bytes in base64 (the host's side; `toBase64` turns bytes into text). */
export function encodeFloat32(values: Float32Array, toBase64: (bytes: Uint8Array) => string): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return toBase64(bytes);
}

/** The panel's side of encodeFloat32; a text the schema accepted decodes to exactly the length it promised. */
export function decodeFloat32(base64: string): Float32Array {
  const text = atob(base64);
  const view = new DataView(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) view.setUint8(i, text.charCodeAt(i));
  const values = new Float32Array(Math.floor(text.length / 4));
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}
