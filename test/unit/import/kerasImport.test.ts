// The Keras / TF.js importer (issue 13) against a real producer: models built and saved with @tensorflow/tfjs in
// Node are read back, and our core's forward pass of the imported model matches TF.js's predict within 1e-5; the same
// models' Keras JSON configs (toJSON) give the same structure without weights; and what cannot be imported is refused
// with a message that names the layer, its class and where it sits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKerasModelFile } from '../../../src/cli/kerasFiles';
import { ModelImportError, readKerasModel, type ImportedModel } from '../../../src/graph/index';
import {
  corePredict, featureRows, functionalModel, maxAbsDifference, saveLayersModel, sequentialMlp, tf, tfjsPredict,
} from './tfjsModels';

tf.setBackend('cpu');

const ROWS = 32;

/** The steps as words: `dense:16:bias`, `activation:relu:0`, `add<1,2>`… with the values each reads. */
function structureOf(model: ImportedModel): string[] {
  return model.steps.map((step) => {
    const { layer } = step;
    const reads = `<${step.inputs.join(',')}>`;
    switch (layer.kind) {
      case 'dense': return `${step.sourceName}=dense:${layer.units}:${layer.bias === null ? 'nobias' : 'bias'}${reads}`;
      case 'activation': return `${step.sourceName}=activation:${layer.fn}:${layer.alpha}${reads}`;
      case 'dropout': return `${step.sourceName}=dropout:${layer.rate}${reads}`;
      default: return `${step.sourceName}=${layer.kind}${reads}`;
    }
  });
}

function importError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ModelImportError, `expected a ModelImportError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the import succeeded');
}

const noShards = (path: string): Uint8Array | undefined => assert.fail(`a Keras config read the shard ${path}`);

for (const [name, build] of [['Sequential MLP', sequentialMlp], ['functional model with add and concatenate', functionalModel]] as const) {
  test(`TF.js layers model (${name}): imported, our core's forward pass matches TF.js's predict within 1e-5`, async () => {
    const model = build();
    const saved = await saveLayersModel(model, 3);
    try {
      const imported = readKerasModelFile(saved.modelJsonPath);
      const width = imported.featureWidth;
      assert.equal(width, model.inputs[0].shape[1]);
      const features = featureRows(ROWS, width);
      const ours = corePredict(imported, features, ROWS);
      const theirs = tfjsPredict(model, features, ROWS, width);
      const difference = maxAbsDifference(ours, theirs);
      console.log(`${name}: ${imported.steps.length} steps, ${ROWS}×${theirs.length / ROWS} outputs, largest difference from TF.js ${difference.toExponential(2)}`);
      assert.ok(difference <= 1e-5, `outputs differ by ${difference}`);
    } finally {
      saved.remove();
      model.dispose();
    }
  });
}

test('TF.js Sequential MLP: the steps and their weights are the layers, in order', async () => {
  const model = sequentialMlp();
  const saved = await saveLayersModel(model);
  try {
    const imported = readKerasModelFile(saved.modelJsonPath);
    const names = model.layers.map((layer) => layer.name);
    assert.deepEqual(structureOf(imported), [
      `${names[0]}=dense:16:bias<0>`, `${names[0]}_relu=activation:relu:0<1>`, `${names[1]}=dropout:0.2<2>`,
      `${names[2]}=dense:12:nobias<3>`, `${names[3]}=activation:leaky_relu:0.15<4>`,
      `${names[4]}=dense:10:bias<5>`, `${names[4]}_elu=activation:elu:1<6>`,
      `${names[5]}=dense:8:bias<7>`, `${names[5]}_gelu=activation:gelu:0<8>`, `${names[6]}=activation:tanh:0<9>`,
      `${names[7]}=dense:3:bias<10>`, `${names[7]}_softmax=activation:softmax:0<11>`,
    ]);
    assert.equal(imported.output, 12);
    const firstKernel = model.layers[0].getWeights()[0].dataSync();
    const step = imported.steps[0].layer;
    assert.ok(step.kind === 'dense' && step.kernel !== undefined);
    assert.deepEqual(Array.from(step.kernel), Array.from(firstKernel));
    const noBias = imported.steps[3].layer;
    assert.ok(noBias.kind === 'dense' && noBias.kernel?.length === 16 * 12 && noBias.bias === null);
  } finally {
    saved.remove();
    model.dispose();
  }
});

test('Keras JSON config (toJSON) of both models: the same structure as their model.json, without weights', async () => {
  for (const build of [sequentialMlp, functionalModel]) {
    const model = build();
    const saved = await saveLayersModel(model);
    try {
      const fromFiles = readKerasModelFile(saved.modelJsonPath);
      const config = JSON.stringify(model.toJSON(null, false));
      const fromConfig = readKerasModel(config, 'model-config.json', noShards);
      assert.deepEqual(structureOf(fromConfig), structureOf(fromFiles));
      assert.equal(fromConfig.featureWidth, fromFiles.featureWidth);
      assert.equal(fromConfig.output, fromFiles.output);
      for (const step of fromConfig.steps) {
        if (step.layer.kind === 'dense') assert.ok(step.layer.kernel === undefined && !step.layer.bias, `${step.sourceName} has weights`);
      }
    } finally {
      saved.remove();
      model.dispose();
    }
  }
});

test('functional model: the merges become two-input steps, the concatenate of three as two', () => {
  const model = functionalModel();
  try {
    const imported = readKerasModel(JSON.stringify(model.toJSON(null, false)), 'f.json', noShards);
    assert.deepEqual(structureOf(imported), [
      'branch_a=dense:8:bias<0>', 'branch_a_relu=activation:relu:0<1>',
      'branch_b=dense:8:bias<0>', 'branch_b_sigmoid=activation:sigmoid:0<3>',
      'residual=add<2,4>', 'joined_part1=concat<5,0>', 'joined=concat<6,4>',
      'relu_layer=activation:relu:0<7>', 'elu_layer=activation:elu:1<8>', 'drop=dropout:0.3<9>',
      'logits=dense:4:bias<10>', 'probabilities=activation:softmax:0<11>',
    ]);
    assert.equal(imported.featureWidth, 6);
    assert.equal(imported.output, 12);
  } finally {
    model.dispose();
  }
});

/** The functional model's config rewritten into Keras 3's form: `args` with `keras_history`, `batch_shape`, bare output_layers. */
function keras3Form(config: { class_name: string; config: { layers: { class_name: string; config: Record<string, unknown>; inbound_nodes: unknown[] }[]; output_layers: unknown[] } }): unknown {
  const tensor = (ref: unknown[]) => ({ class_name: '__keras_tensor__', config: { shape: [null, 8], dtype: 'float32', keras_history: ref.slice(0, 3) } });
  for (const layer of config.config.layers) {
    if (layer.class_name === 'InputLayer') {
      layer.config.batch_shape = layer.config.batch_input_shape;
      delete layer.config.batch_input_shape;
    }
    layer.inbound_nodes = layer.inbound_nodes.map((node) => {
      const refs = (node as unknown[][]).map(tensor);
      return { args: refs.length === 1 ? refs : [refs], kwargs: layer.class_name === 'Dropout' ? { training: false } : {} };
    });
  }
  config.class_name = 'Functional';
  config.config.output_layers = config.config.output_layers[0] as unknown[];
  return config;
}

test('Keras 3 form (args / keras_history, batch_shape, a bare output) reads as the Keras 2 form does', () => {
  const model = functionalModel();
  try {
    const keras2 = readKerasModel(JSON.stringify(model.toJSON(null, false)), 'k2.json', noShards);
    const keras3 = readKerasModel(JSON.stringify(keras3Form(model.toJSON(null, false) as Parameters<typeof keras3Form>[0])), 'k3.json', noShards);
    assert.deepEqual(structureOf(keras3), structureOf(keras2));
  } finally {
    model.dispose();
  }
});

test('older and converted forms: a bare layer list, a Keras 3 InputLayer, model_config, prefixed weight names', async () => {
  const model = sequentialMlp();
  const saved = await saveLayersModel(model);
  const load = (path: string) => saved.shards.get(path);
  try {
    const reference = readKerasModel(saved.modelJson, 'm.json', load);
    const config = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const fromConfig = structureOf(readKerasModel(JSON.stringify(config), 'c.json', noShards));
    // Keras before 2.2: the Sequential config is the bare list of layers.
    assert.deepEqual(structureOf(readKerasModel(JSON.stringify({ ...config, config: config.config.layers }), 'c.json', noShards)), fromConfig);
    // Keras 3: an InputLayer with batch_shape opens the list, and the first layer carries no shape.
    const [first, ...rest] = structuredClone(config.config.layers);
    const { batch_input_shape: shape, ...firstConfig } = first.config;
    const keras3 = { ...config, config: { ...config.config, layers: [{ class_name: 'InputLayer', config: { name: 'input_layer', batch_shape: shape } }, { ...first, config: firstConfig }, ...rest] } };
    assert.deepEqual(structureOf(readKerasModel(JSON.stringify(keras3), 'c.json', noShards)), fromConfig);
    // The Python converter's model.json: {"model_config": …} inside modelTopology, weights named under the model's name.
    const json = JSON.parse(saved.modelJson) as { modelTopology: unknown; weightsManifest: { weights: { name: string }[] }[] };
    json.modelTopology = { keras_version: '2.15.0', backend: 'tensorflow', model_config: json.modelTopology };
    for (const weight of json.weightsManifest[0].weights) weight.name = `sequential/${weight.name}`;
    const converted = readKerasModel(JSON.stringify(json), 'm.json', load);
    assert.deepEqual(structureOf(converted), structureOf(reference));
    assert.deepEqual(converted.steps.map((step) => step.layer), reference.steps.map((step) => step.layer));
  } finally {
    saved.remove();
    model.dispose();
  }
});

test('a layer a graph cannot hold is refused with its name, its class and where it sits', async () => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 4, inputShape: [3], name: 'first' }),
      tf.layers.batchNormalization({ name: 'norm' }),
      tf.layers.dense({ units: 1, name: 'out' }),
    ],
  });
  const saved = await saveLayersModel(model);
  try {
    const message = importError(() => readKerasModelFile(saved.modelJsonPath));
    assert.match(message, /"norm" \(BatchNormalization, layer 2 of 3 of the Sequential model .*, after "first"\) cannot be imported/);
    assert.ok(message.startsWith(saved.modelJsonPath), message);
  } finally {
    saved.remove();
    model.dispose();
  }
});

test('an image input and a model with two inputs are refused with a reason', () => {
  const image = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4] }), tf.layers.dense({ units: 2 })] });
  assert.match(importError(() => readKerasModel(JSON.stringify(image.toJSON(null, false)), 'img.json', noShards)), /input shape \[null,4,4\]: only flat rows of features/);
  const left = tf.input({ shape: [2], name: 'left' });
  const right = tf.input({ shape: [2], name: 'right' });
  const joined = tf.layers.concatenate().apply([left, right]) as tf.SymbolicTensor;
  const twoInputs = tf.model({ inputs: [left, right], outputs: joined });
  assert.match(importError(() => readKerasModel(JSON.stringify(twoInputs.toJSON(null, false)), 'two.json', noShards)), /has 2 inputs .*; an imported model has one input/);
  image.dispose();
  twoInputs.dispose();
});

test('shards: a missing, short or long shard, and one outside the folder, are named in the message', async () => {
  const model = sequentialMlp();
  const saved = await saveLayersModel(model, 2);
  try {
    const second = join(saved.dir, 'group1-shard2of2.bin');
    const bytes = saved.shards.get('group1-shard2of2.bin') as Uint8Array;
    unlinkSync(second);
    assert.match(importError(() => readKerasModelFile(saved.modelJsonPath)), /the weight shard "group1-shard2of2.bin" listed in the weightsManifest is missing/);
    writeFileSync(second, bytes.subarray(0, bytes.length - 3));
    assert.match(importError(() => readKerasModelFile(saved.modelJsonPath)), /"group1-shard1of2.bin", "group1-shard2of2.bin" \(group 1\) are too short: the weightsManifest lists \d+ bytes/);
    writeFileSync(second, new Uint8Array([...bytes, 0, 0, 0, 0]));
    assert.match(importError(() => readKerasModelFile(saved.modelJsonPath)), /are too long/);
    writeFileSync(second, bytes);
    for (const outside of ['../secret.bin', '/etc/passwd', 'sub/../../secret.bin']) {
      writeFileSync(saved.modelJsonPath, saved.modelJson.replace('group1-shard2of2.bin', outside));
      assert.match(importError(() => readKerasModelFile(saved.modelJsonPath)), /cannot read the weight shard .*outside the model's folder/, outside);
    }
    symlinkSync('/etc/hostname', join(saved.dir, 'linked.bin'));
    writeFileSync(saved.modelJsonPath, saved.modelJson.replace('group1-shard2of2.bin', 'linked.bin'));
    assert.match(importError(() => readKerasModelFile(saved.modelJsonPath)), /outside the model's folder/);
    writeFileSync(saved.modelJsonPath, saved.modelJson);
    assert.equal(readKerasModelFile(saved.modelJsonPath).steps.length, 12);
  } finally {
    saved.remove();
    model.dispose();
  }
});

test('absurd sizes, a cycle, an unknown layer name, bad JSON and unused weights get messages, not exceptions', async () => {
  const model = functionalModel();
  const saved = await saveLayersModel(model);
  const load = (path: string) => saved.shards.get(path);
  const edit = (change: (json: { modelTopology: { config: { layers: { name: string; config: Record<string, unknown>; inbound_nodes: unknown[][][] }[] } }; weightsManifest: { weights: { name: string; shape: number[] }[] }[] }) => void): string => {
    const json = JSON.parse(saved.modelJson) as Parameters<typeof change>[0];
    change(json);
    return JSON.stringify(json);
  };
  try {
    const huge = edit((json) => { json.weightsManifest[0].weights[0].shape = [1e9, 1e9]; });
    assert.match(importError(() => readKerasModel(huge, 'm.json', load)), /the weight "branch_a\/kernel" .* has the shape \[1000000000,1000000000\], more than 2147483648 bytes/);
    const wide = edit((json) => { json.modelTopology.config.layers[1].config.units = 1e12; });
    assert.match(importError(() => readKerasModel(wide, 'm.json', load)), /layer "branch_a" \(Dense, .*\): its units is 1000000000000, not a whole number from 1 to 65536/);
    const cycle = edit((json) => { json.modelTopology.config.layers[1].inbound_nodes[0][0][0] = 'logits'; });
    assert.match(importError(() => readKerasModel(cycle, 'm.json', load)), /layers form a cycle: .*"branch_a"/);
    const unknown = edit((json) => { json.modelTopology.config.layers[2].inbound_nodes[0][0][0] = 'nowhere'; });
    assert.match(importError(() => readKerasModel(unknown, 'm.json', load)), /layer "branch_b" \(Dense, layer 3 of 10 .*\) reads "nowhere", which is not a layer of the model/);
    const extra = edit((json) => { json.weightsManifest[0].weights.push({ name: 'stray/kernel', shape: [0] } as never); (json.weightsManifest[0].weights.at(-1) as unknown as Record<string, string>).dtype = 'float32'; });
    assert.match(importError(() => readKerasModel(extra, 'm.json', load)), /lists 1 weight no imported layer holds: "stray\/kernel"/);
    const narrower = edit((json) => { json.modelTopology.config.layers[1].config.units = 7; (json as { weightsManifest?: unknown }).weightsManifest = undefined; });
    assert.match(importError(() => readKerasModel(narrower, 'm.json', load)), /layer "residual" \(Add, .*\): it adds tensors of widths 7, 8; Add needs one width/);
    const shared = edit((json) => { json.modelTopology.config.layers[2].inbound_nodes.push(json.modelTopology.config.layers[2].inbound_nodes[0]); });
    assert.match(importError(() => readKerasModel(shared, 'm.json', load)), /layer "branch_b" .* is called 2 times \(a shared layer\)/);
    const unread = edit((json) => { json.modelTopology.config.layers.splice(3, 0, { ...json.modelTopology.config.layers[2], name: 'aside' }); });
    assert.match(importError(() => readKerasModel(unread, 'm.json', load)), /layer "aside" \(Dense, layer 4 of 11 .*\) does not lead to the output "probabilities"/);
    assert.match(importError(() => readKerasModel(saved.modelJson.slice(0, 100), 'm.json', load)), /^m\.json: is not valid JSON/);
    assert.match(importError(() => readKerasModel('{"format": "graph-model", "modelTopology": {}}', 'g.json', load)), /TF.js graph model/);
  } finally {
    saved.remove();
    model.dispose();
  }
});
