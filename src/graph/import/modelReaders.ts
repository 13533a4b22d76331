// The one table from a model file's extension to its reader, used by `nngraph import` and the editor's Import Model
// command alike. A reader gets the file's bytes and, for formats whose weights live in other files (a TF.js
// model.json and its .bin shards), a way to read a file beside it.
import { ModelImportError, type ImportedModel } from './importedModel';
import { readKerasModel } from './kerasImport';
import { importOnnx } from './onnxImport';

export interface ModelSource {
  /** The model file's name (no folder), for messages and for choosing the reader. */
  fileName: string;
  bytes: Uint8Array;
  /** A file in the model's folder, by the path the model gives (a weight shard), never outside it; undefined when absent. */
  readBeside(name: string): Uint8Array | undefined;
}

type ModelReader = (source: ModelSource) => ImportedModel;

/**
 * Lower-case extension → reader: '.json' is a Keras `model.to_json()` config, or a TF.js layers model.json with its
 * shards beside it. Nothing else chooses a reader.
 */
const READERS = new Map<string, ModelReader>([
  ['.onnx', (source) => importOnnx(source.bytes, source.fileName)],
  ['.json', (source) => readKerasModel(new TextDecoder('utf-8', { fatal: false }).decode(source.bytes), source.fileName, (path) => source.readBeside(path))],
]);

/** The extensions a model can be imported from, with the dot: the open dialog's filter and the usage text use them. */
export const IMPORTABLE_EXTENSIONS: readonly string[] = [...READERS.keys()];

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** Reads a model with the reader its extension names; throws a ModelImportError for anything it cannot import. */
export function readModel(source: ModelSource): ImportedModel {
  const reader = READERS.get(extensionOf(source.fileName));
  if (reader === undefined) {
    throw new ModelImportError(`${source.fileName}: NN Graph imports ${IMPORTABLE_EXTENSIONS.join(', ')} models; this file's name does not end in one`);
  }
  return reader(source);
}
