// What every model importer produces (ONNX in onnxImport.ts, Keras JSON and TF.js layers in kerasImport.ts), and the
// one builder turns into a .nngraph and its weights. The importers only read their format; they never write a graph.
import type { ActivationName } from '../../core/index';

/**
 * One layer the graph can hold. A dense kernel is [in][units], row-major, as in our safetensors files. A dense layer
 * without a bias (Keras' use_bias=False, an ONNX Gemm without C) has `bias: null` and becomes `useBias: false`. A
 * source that holds no weights (a Keras JSON config) leaves `kernel` out, and `bias` too unless it is null: the
 * graph then starts from its initializers.
 */
export type ImportedLayer =
  | { kind: 'dense'; units: number; kernel?: Float32Array; bias?: Float32Array | null }
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

/**
 * A fixed per-feature scaling the model applies to its raw input before its first layer: value 0 (the features the
 * steps read) is (raw − offset) / scale. NN Graph's ONNX export folds the training rows' normalization in this way.
 */
export interface ImportedNormalization { offset: Float32Array; scale: Float32Array }

export interface ImportedModel {
  /** What it was read from, for messages: "model.onnx", "model.json". */
  source: string;
  /** The model's own name, when it has one (an ONNX graph's name): the graph's `name`. */
  name?: string;
  /** Present when the model scales its raw input first (see ImportedNormalization). */
  normalization?: ImportedNormalization;
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
