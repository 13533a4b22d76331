// Reads a Keras or TF.js model into an ImportedModel: a TF.js layers model.json (its modelTopology, with the weights
// its weightsManifest lists in .bin shards), or a Keras JSON config (`model.to_json()`, structure without weights).
// Pure: the caller reads the files (src/cli/kerasFiles.ts on Node) and hands over the shards by their manifest path.
import type { ImportedModel } from './importedModel';
import { describe, field, importError, isRecord } from './kerasJson';
import { importedModelOf } from './kerasLayers';
import { readKerasStructure } from './kerasStructure';
import { readModelWeights, type ModelWeights, type ShardLoader } from './kerasWeights';

export type { ShardLoader } from './kerasWeights';

/**
 * The model in `modelJson`, named `source` in messages; `loadShard` gives a weight shard's bytes by its path in the
 * manifest, or undefined when there is no such file. Every problem is a ModelImportError.
 */
export function readKerasModel(modelJson: string, source: string, loadShard: ShardLoader): ImportedModel {
  const root = parseJson(modelJson, source);
  if (!isRecord(root)) throw importError(source, `holds ${describe(root)}, not a model`);
  if (field(root, 'format') === 'graph-model') {
    throw importError(source, 'is a TF.js graph model (a frozen TensorFlow graph); only TF.js layers models can be imported');
  }
  const topology = field(root, 'modelTopology');
  if (topology === undefined) {
    if (field(root, 'class_name') === undefined) {
      throw importError(source, 'is neither a TF.js layers model.json (no modelTopology) nor a Keras JSON config (no class_name)');
    }
    return importedModelOf(readKerasStructure(root, source), undefined, source);
  }
  // Files from the Python converter wrap the config as {"keras_version", "backend", "model_config": …}.
  const modelConfig = field(topology, 'model_config') ?? topology;
  const structure = readKerasStructure(modelConfig, source);
  const manifest = field(root, 'weightsManifest');
  const weights: ModelWeights | undefined = manifest === undefined ? undefined : readModelWeights(manifest, source, loadShard);
  return importedModelOf(structure, weights, source);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw importError(source, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
