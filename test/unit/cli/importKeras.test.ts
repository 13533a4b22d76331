// `nngraph import` of a TF.js layers model.json (weights in its .bin shards) and of a Keras JSON config (no weights),
// as a process: the one reader table sends `.json` to the Keras reader, and a model without weights writes no
// weights file, so the graph starts from its initializers.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/index';
import { saveLayersModel, sequentialMlp } from '../import/tfjsModels';
import { removeBuiltCli, runCli } from './helpers';

after(removeBuiltCli);

test('nngraph import model.json writes a graph that checks and the weights of every dense layer', async () => {
  const model = sequentialMlp();
  const saved = await saveLayersModel(model);
  try {
    const result = runCli(['import', 'model.json', '-o', 'mlp.nngraph'], saved.dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Wrote mlp\.nngraph \(\d+ layers, \d+ features in\) and mlp\.safetensors/);
    const weights = readSafetensors(new Uint8Array(readFileSync(join(saved.dir, 'mlp.safetensors'))));
    const denseLayers = model.layers.filter((layer) => layer.getClassName() === 'Dense');
    const kernels = weights.tensors.filter((tensor) => tensor.name.endsWith('.kernel'));
    assert.equal(kernels.length, denseLayers.length);
    const check = runCli(['check', 'mlp.nngraph'], saved.dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  } finally {
    saved.remove();
    model.dispose();
  }
});

test('nngraph import of a Keras JSON config (no weights) writes only the graph and says it starts from its initializers', async () => {
  const model = sequentialMlp();
  const saved = await saveLayersModel(model);
  try {
    writeFileSync(join(saved.dir, 'config.json'), JSON.stringify(model.toJSON(null, false)));
    const result = runCli(['import', 'config.json'], saved.dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Wrote config\.nngraph .*the model holds no weights: the graph starts from its initializers/);
    assert.equal(existsSync(join(saved.dir, 'config.safetensors')), false);
    const check = runCli(['check', 'config.nngraph'], saved.dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  } finally {
    saved.remove();
    model.dispose();
  }
});
