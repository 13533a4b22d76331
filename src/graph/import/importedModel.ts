// What every model importer produces (ONNX in onnxImport.ts, Keras JSON and TF.js layers in kerasImport.ts), and the
// one builder turns into a .nngraph and its weights. The importers only read their format; they never write a graph.
import type { ActivationName } from '../../core/index';

/**
 * One layer the graph can hold. A dense kernel is [in][units], row-major, as in our safetensors files. A source that
 * holds no weights (a Keras JSON config) leaves `kernel` and `bias` out: the graph then starts from its initializers.
 * `useBias: false` (absent means true) is a layer without a bias, whose `bias` is always absent.
 */
export type ImportedLayer =
  | { kind: 'dense'; units: number; useBias?: boolean; kernel?: Float32Array; bias?: Float32Array }
  | { kind: 'activation'; fn: ActivationName; alpha: number }
  | { kind: 'dropout'; rate: number }
  | { kind: 'add' }
  | { kind: 'concat' };

/** A layer, the values it reads and, implicitly, the value it gives: value 0 is the features, step i gives value i + 1. */
export interface ImportedStep {
  /** The source's own name for it (an ONNX node name, a Keras layer name): used for ids and for messages. */
  sourceName: string;
  layer: ImportedLayer;
  inputs: number[];
}

export interface ImportedModel {
  /** What it was read from, for messages: "model.onnx", "model.json". */
  source: string;
  /** The width of the one input (the feature count). */
  featureWidth: number;
  /** In an order where every step reads only earlier values. */
  steps: ImportedStep[];
  /** The value that holds the model's output. */
  output: number;
}

/** A model that cannot be imported: the message names the source, the node or layer, its op and where it sits. */
export class ModelImportError extends Error {
  override readonly name = 'ModelImportError';
}
