// `nngraph import` of a TF.js layers model.json (weights in its .bin shards) and of a Keras JSON config (no weights),
// as a process: the one reader table sends `.json` to the Keras reader, and a model without weights writes no
// weights file, so the graph starts from its initializers.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/index';
import { featureRows, saveLayersModel, sequentialMlp, tfjsPredict } from '../import/tfjsModels';
import { removeBuiltCli, runCli } from './helpers';

after(removeBuiltCli);

test('nngraph import model.json writes a graph that checks, the weights of every dense layer, and nngraph predict gives TF.js\'s outputs', async () => {
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

    // The producer's own outputs against `nngraph predict` on the imported graph (no dataset: raw rows by name).
    const rows = 24;
    const width = 5;
    const features = featureRows(rows, width);
    const csv = [Array.from({ length: width }, (_, f) => `x${f}`).join(',')];
    for (let r = 0; r < rows; r++) csv.push(Array.from(features.subarray(r * width, (r + 1) * width), String).join(','));
    writeFileSync(join(saved.dir, 'rows.csv'), `${csv.join('\n')}\n`);
    const predicted = runCli(['predict', 'mlp.nngraph', '--input', 'rows.csv', '--json'], saved.dir);
    assert.equal(predicted.status, 0, predicted.stderr);
    const ours = predicted.stdout.trim().split('\n').map((line) => JSON.parse(line) as number[]);
    const theirs = tfjsPredict(model, features, rows, width);
    assert.equal(ours.length, rows);
    const outputWidth = theirs.length / rows;
    let largest = 0;
    ours.forEach((row, r) => {
      assert.equal(row.length, outputWidth);
      row.forEach((value, c) => { largest = Math.max(largest, Math.abs(value - theirs[r * outputWidth + c])); });
    });
    console.log(`TF.js Sequential MLP imported by the CLI: nngraph predict within ${largest.toExponential(2)} of TF.js over ${rows} rows`);
    assert.ok(largest < 1e-5, `largest difference ${largest}`);
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

test('an imported model trains as soon as it has data: import with --dataset, then nngraph train from the imported weights', async () => {
  const model = sequentialMlp();
  const saved = await saveLayersModel(model);
  try {
    const rows = 60;
    const width = 5;
    const features = featureRows(rows, width);
    const csv = [[...Array.from({ length: width }, (_, f) => `x${f}`), 'y'].join(',')];
    for (let r = 0; r < rows; r++) csv.push([...Array.from(features.subarray(r * width, (r + 1) * width), String), String(r % 3)].join(','));
    writeFileSync(join(saved.dir, 'rows.csv'), `${csv.join('\n')}\n`);
    const imported = runCli(['import', 'model.json', '-o', 'mlp.nngraph', '--dataset', '{"csv": "rows.csv", "label": "y"}'], saved.dir);
    assert.equal(imported.status, 0, imported.stderr);
    const trained = runCli(['train', 'mlp.nngraph', '--epochs', '3', '--init-weights', 'mlp.safetensors', '--json'], saved.dir);
    assert.equal(trained.status, 0, trained.stderr);
    const epochs = trained.stdout.trim().split('\n').map((line) => JSON.parse(line) as { epoch?: number; loss?: number }).filter((line) => line.epoch !== undefined);
    assert.equal(epochs.length, 3);
    assert.ok(epochs.every((line) => Number.isFinite(line.loss)));
  } finally {
    saved.remove();
    model.dispose();
  }
});
