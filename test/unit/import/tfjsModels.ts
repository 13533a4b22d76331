// Real TF.js layers models for the Keras / TF.js importer's tests: built with @tensorflow/tfjs in Node, saved through
// a save handler into model.json + weight shards laid out as tf.io's browser download and http handlers lay them
// out (one manifest group, shards named group1-shardKofN.bin, concatenated in order), and our core's forward pass of
// an ImportedModel, to compare with TF.js's own predict. Every initializer is seeded, so the saved files (and a fuzz
// run over them) are the same on every run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createProgram, type NamedTensor, type OpSpec, type ProgramSpec } from '../../../src/core/index';
import type { ImportedModel } from '../../../src/graph/index';

export { tf };

/** A Sequential MLP: dense with activations, dropout, a dense without bias, and the activation layers. */
export function sequentialMlp(): tf.Sequential {
  let seed = 10;
  const seeded = () => ({ biasInitializer: tf.initializers.randomNormal({ stddev: 0.5, seed: seed++ }), kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) });
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 16, activation: 'relu', inputShape: [5], ...seeded() }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 12, useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.leakyReLU({ alpha: 0.15 }),
      tf.layers.dense({ units: 10, activation: 'elu', ...seeded() }),
      tf.layers.dense({ units: 8, activation: 'gelu', ...seeded() }),
      tf.layers.activation({ activation: 'tanh' }),
      tf.layers.dense({ units: 3, activation: 'softmax', ...seeded() }),
    ],
  });
}

/** A functional model with two branches, a residual add and a concatenate of three tensors (the input among them). */
export function functionalModel(): tf.LayersModel {
  let seed = 20;
  const seeded = () => ({ biasInitializer: tf.initializers.randomNormal({ stddev: 0.5, seed: seed++ }), kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) });
  const input = tf.input({ shape: [6], name: 'features' });
  const a = tf.layers.dense({ units: 8, activation: 'relu', name: 'branch_a', ...seeded() }).apply(input) as tf.SymbolicTensor;
  const b = tf.layers.dense({ units: 8, activation: 'sigmoid', name: 'branch_b', ...seeded() }).apply(input) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'residual' }).apply([a, b]) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate({ name: 'joined' }).apply([sum, input, b]) as tf.SymbolicTensor;
  const relu = tf.layers.reLU({ name: 'relu_layer' }).apply(joined) as tf.SymbolicTensor;
  const elu = tf.layers.elu({ name: 'elu_layer' }).apply(relu) as tf.SymbolicTensor;
  const dropped = tf.layers.dropout({ rate: 0.3, name: 'drop' }).apply(elu) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 4, name: 'logits', ...seeded() }).apply(dropped) as tf.SymbolicTensor;
  const output = tf.layers.softmax({ name: 'probabilities' }).apply(logits) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

export interface SavedModel {
  dir: string;
  modelJsonPath: string;
  modelJson: string;
  /** The shards by their manifest path. */
  shards: Map<string, Uint8Array>;
  remove(): void;
}

/**
 * Saves the model into a fresh folder: model.json and its weights split into `shardCount` shards at uneven byte
 * offsets (so a weight straddles a shard boundary and starts off a 4-byte boundary within its shard).
 */
export async function saveLayersModel(model: tf.LayersModel, shardCount = 2): Promise<SavedModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (artifacts?.weightData === undefined || artifacts.weightSpecs === undefined) throw new Error('TF.js saved no weights');
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const cuts = Array.from({ length: shardCount + 1 }, (_, k) => (k === shardCount ? weights.length : Math.floor((weights.length * k) / shardCount) + (k > 0 ? 1 : 0)));
  const shards = new Map<string, Uint8Array>();
  for (let k = 0; k < shardCount; k++) shards.set(`group1-shard${k + 1}of${shardCount}.bin`, weights.slice(cuts[k], cuts[k + 1]));
  const modelJson = JSON.stringify({
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [...shards.keys()], weights: artifacts.weightSpecs }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'nngraph-keras-'));
  const modelJsonPath = join(dir, 'model.json');
  writeFileSync(modelJsonPath, modelJson);
  for (const [path, bytes] of shards) writeFileSync(join(dir, path), bytes);
  return { dir, modelJsonPath, modelJson, shards, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows of features in [-2, 2), from a fixed seed. */
export function featureRows(rows: number, width: number): Float32Array {
  const features = new Float32Array(rows * width);
  let state = 12345;
  for (let i = 0; i < features.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    features[i] = (state / 2147483648) * 4 - 2;
  }
  return features;
}

export function tfjsPredict(model: tf.LayersModel, features: Float32Array, rows: number, width: number): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(features, [rows, width])) as tf.Tensor).dataSync() as Float32Array);
}

/**
 * Our core's forward pass of an imported model: its steps as a program's ops (an MSE loss on the output, which
 * predict leaves alone), its weights set by name, and predict in inference mode (dropout off).
 */
export function corePredict(model: ImportedModel, features: Float32Array, rows: number): Float32Array {
  const widths = [model.featureWidth];
  const ops: OpSpec[] = [];
  const weights: NamedTensor[] = [];
  model.steps.forEach((step, index) => {
    const nodeId = `n${index}`;
    const [input] = step.inputs;
    const { layer } = step;
    switch (layer.kind) {
      case 'dense':
        ops.push({ kind: 'dense', nodeId, input, units: layer.units, useBias: layer.bias !== null, init: 'zeros' });
        if (layer.kernel === undefined) throw new Error(`step ${step.sourceName} has no kernel`);
        weights.push({ name: `${nodeId}.kernel`, shape: [widths[input], layer.units], data: layer.kernel });
        if (layer.bias) weights.push({ name: `${nodeId}.bias`, shape: [layer.units], data: layer.bias });
        widths.push(layer.units);
        return;
      case 'activation': ops.push({ kind: 'activation', nodeId, input, fn: layer.fn, alpha: layer.alpha }); widths.push(widths[input]); return;
      case 'dropout': ops.push({ kind: 'dropout', nodeId, input, rate: layer.rate }); widths.push(widths[input]); return;
      case 'add': ops.push({ kind: 'add', nodeId, inputs: [step.inputs[0], step.inputs[1]] }); widths.push(widths[input]); return;
      case 'concat': ops.push({ kind: 'concat', nodeId, inputs: [step.inputs[0], step.inputs[1]] }); widths.push(widths[step.inputs[0]] + widths[step.inputs[1]]); return;
    }
  });
  const spec: ProgramSpec = {
    featureCount: model.featureWidth, valueWidths: widths, ops,
    loss: { kind: 'mse', nodeId: 'loss', predictions: model.output },
    labelWidth: widths[model.output], labelKind: 'regression', classCount: 0,
  };
  const program = createProgram(spec, { seed: 1, batchSize: rows, optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false } });
  try {
    program.setWeights(weights);
    return program.predict(features, rows);
  } finally {
    program.dispose();
  }
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
