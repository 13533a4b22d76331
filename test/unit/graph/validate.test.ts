// The rules of the format page beyond the one-fixture-per-code tests: limits, combinations, datasets, training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGraph, csvPathProblem, type AnalyzeOptions, type Diagnostic } from '../../../src/graph/index';

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/graphs', `${name}.nngraph`), 'utf8');
}
const tutorial = fixture('tutorial');

function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, to);
}

function found(text: string, options?: AnalyzeOptions): [string, string | undefined, string | undefined][] {
  return analyzeGraph(text, options).diagnostics.map((d: Diagnostic) => [d.code, d.nodeId, d.field]);
}

const moons = '{ "builtin": "moons", "samples": 1000, "noise": 0.15 }';

test('ids: 64 characters are fine, 65 are not; letters, digits, _ and - only, not first a digit', () => {
  const rename = (id: string) => tutorial.replace(/"relu"/, `"${id}"`).replace(/"relu\./g, `"${id}.`);
  assert.deepEqual(found(rename('r'.repeat(64))), []);
  assert.deepEqual(found(rename('_a-b_9')), []);
  assert.deepEqual(found(rename('r'.repeat(65))).map((d) => d[0]), ['NG014']);
  assert.deepEqual(found(rename('my layer')).map((d) => d[0]), ['NG014']);
});

test('CSV paths stay inside the workspace', () => {
  assert.equal(csvPathProblem('data.csv', 0), undefined);
  assert.equal(csvPathProblem('./data/a.csv', 0), undefined);
  assert.equal(csvPathProblem('data/../b.csv', 0), undefined);
  assert.match(csvPathProblem('../b.csv', 0) ?? '', /outside the workspace/);
  assert.equal(csvPathProblem('../b.csv', 1), undefined, 'one folder up is allowed when the file lies one folder deep');
  assert.match(csvPathProblem('../../b.csv', 1) ?? '', /outside/);
  assert.match(csvPathProblem('a/../../b.csv', 0) ?? '', /outside/);
  assert.match(csvPathProblem('..\\b.csv', 0) ?? '', /backslash/);
  assert.match(csvPathProblem('%2e%2e/b.csv', 3) ?? '', /percent-encoded/);
  assert.match(csvPathProblem('a\u0000.csv', 0) ?? '', /NUL/);
  for (const absolute of ['/etc/passwd', '\\\\server\\share\\a.csv', 'C:\\data\\a.csv', 'c:/a.csv', 'file:///etc/passwd']) {
    assert.match(csvPathProblem(absolute, 5) ?? '', /absolute/, absolute);
  }
  assert.match(csvPathProblem('', 0) ?? '', /empty/);
  const text = edit(tutorial, moons, '{ "csv": "../data.csv", "label": "y" }');
  assert.deepEqual(found(text).map((d) => d[0]), ['NG028']);
  assert.deepEqual(found(text, { workspaceDepth: 1 }), []);
});

test('CSV datasets: label required, features a list of names without the label; widths unknown without info', () => {
  assert.deepEqual(found(edit(tutorial, moons, '{ "csv": "d.csv" }')), [['NG009', 'data', 'params.dataset']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "csv": "d.csv", "label": 3 }')), [['NG010', 'data', 'params.dataset.label']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "csv": "d.csv", "label": "y", "features": ["a", "y"] }')),
    [['NG027', 'data', 'params.dataset.features.1']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "csv": "d.csv", "label": "y", "sep": ";" }')), [['NG008', 'data', 'params.dataset.sep']]);
  // Without a header, nothing is known about widths and nothing is reported.
  const csv = edit(tutorial, moons, '{ "csv": "d.csv", "label": "y" }');
  assert.deepEqual(found(csv), []);
  assert.deepEqual(analyzeGraph(csv).shapes['data.features'], ['batch', null]);
  // With the header's info, the loss checks run: five classes cannot be binary.
  assert.deepEqual(found(csv, { datasetInfo: () => ({ featureCount: 3, classCount: 5 }) }).map((d) => d[0]), ['NG033']);
  assert.deepEqual(analyzeGraph(csv, { datasetInfo: () => ({ featureCount: 3, classCount: 2 }) }).shapes['hidden.in'], ['batch', 3]);
  // A lookup that fails leaves the widths unknown instead of failing the check.
  assert.deepEqual(found(csv, { datasetInfo: () => { throw new Error('no such file'); } }), []);
});

test('built-in options: only those the set takes, each within its range', () => {
  assert.deepEqual(found(edit(tutorial, moons, '{ "builtin": "moons", "classes": 4 }')), [['NG008', 'data', 'params.dataset.classes']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "builtin": "moons", "samples": 2.5 }')), [['NG010', 'data', 'params.dataset.samples']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "builtin": "moons", "noise": -1 }')), [['NG011', 'data', 'params.dataset.noise']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "builtin": "iris", "samples": 10 }')).map((d) => d[0]), ['NG008', 'NG033']);
  // spiral's classes sets the class count: two classes make a binary problem.
  assert.deepEqual(found(edit(tutorial, moons, '{ "builtin": "spiral", "classes": 2 }')), []);
  assert.deepEqual(found(edit(tutorial, moons, '{ "builtin": "spiral", "classes": 1 }')), [['NG011', 'data', 'params.dataset.classes']]);
  assert.deepEqual(found(edit(tutorial, moons, '"moons"')), [['NG010', 'data', 'params.dataset']]);
  assert.deepEqual(found(edit(tutorial, moons, '{ "samples": 3 }')), [['NG027', 'data', 'params.dataset']]);
});

test('node params: types, ranges, enums, required ones, and alpha only where it applies', () => {
  assert.deepEqual(found(edit(tutorial, '"params": { "units": 10 }', '"params": { "units": 10, "useBias": "yes", "init": "xavier" }')),
    [['NG010', 'hidden', 'params.useBias'], ['NG012', 'hidden', 'params.init']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "fn": "relu" }', '"params": { "fn": "relu", "alpha": 0.2 }')),
    [['NG008', 'relu', 'params.alpha']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "fn": "relu" }', '"params": { "fn": "leaky_relu", "alpha": 0.2 }')), []);
  assert.deepEqual(found(edit(tutorial, '"params": { "fn": "relu" }', '"params": { "fn": "elu", "alpha": "big" }')),
    [['NG010', 'relu', 'params.alpha']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "fn": "relu" }', '"params": {}')), [['NG009', 'relu', 'params.fn']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "mode": "binary" }', '"params": { "mode": "multi" }')), [['NG012', 'loss', 'params.mode']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "mode": "binary" }', '"params": { "mode": "binary", "fromLogits": 1 }')),
    [['NG010', 'loss', 'params.fromLogits']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "dataset"', '"params": { "normalize": "zscore", "dataset"')),
    [['NG012', 'data', 'params.normalize']]);
  const dropout = fixture('spiral-softmax');
  assert.deepEqual(found(edit(dropout, '"rate": 0.1', '"rate": 1')), [['NG011', 'drop', 'params.rate']]);
  assert.deepEqual(found(edit(dropout, '"rate": 0.1', '"rate": 0')), []);
  assert.deepEqual(found(edit(dropout, '"params": { "rate": 0.1 }', '"params": {}')), [['NG009', 'drop', 'params.rate']]);
  assert.deepEqual(found(edit(tutorial, '"params": { "units": 10 }', '"params": 10')).map((d) => d[0]), ['NG010', 'NG009']);
});

test('training fields: types and ranges, metrics known, optimizer type required', () => {
  const training = (fields: string) => tutorial.replace(/"training": \{[\s\S]*\}\n\}\n$/, `"training": { ${fields} }\n}\n`);
  assert.deepEqual(found(training('"epochs": 2.5')), [[ 'NG010', undefined, 'training.epochs']]);
  assert.deepEqual(found(training('"seed": -1')), [['NG011', undefined, 'training.seed']]);
  assert.deepEqual(found(training('"validationSplit": 1')), [['NG011', undefined, 'training.validationSplit']]);
  assert.deepEqual(found(training('"shuffle": 0')), [['NG010', undefined, 'training.shuffle']]);
  assert.deepEqual(found(training('"metrics": ["accuracy", "f1"]')), [['NG012', undefined, 'training.metrics.1']]);
  assert.deepEqual(found(training('"metrics": "accuracy"')), [['NG010', undefined, 'training.metrics']]);
  assert.deepEqual(found(training('"optimizer": { "learningRate": 0.1 }')), [['NG009', undefined, 'training.optimizer']]);
  assert.deepEqual(found(training('"optimizer": { "type": "lamb" }')), [['NG012', undefined, 'training.optimizer.type']]);
  assert.deepEqual(found(training('"optimizer": { "type": "sgd", "learningRate": 0 }')), [['NG011', undefined, 'training.optimizer.learningRate']]);
  assert.deepEqual(found(training('"optimizer": { "type": "adam", "beta1": 1 }')), [['NG011', undefined, 'training.optimizer.beta1']]);
  assert.deepEqual(found(training('"optimizer": { "type": "rmsprop", "centered": "no" }')), [['NG010', undefined, 'training.optimizer.centered']]);
  assert.deepEqual(found(training('"optimizer": { "type": "adamw", "weightDecay": -0.1 }')), [['NG011', undefined, 'training.optimizer.weightDecay']]);
  assert.deepEqual(found(training('"patience": 3')), [['NG008', undefined, 'training.patience']]);
  assert.deepEqual(found(training('"engine": "pytorch"')), []);
  assert.deepEqual(found(training('"engine": "jax"')), [['NG012', undefined, 'training.engine']]);
  assert.deepEqual(found(tutorial.replace(/"training": \{[\s\S]*\}\n\}\n$/, '"training": []\n}\n')), [['NG010', undefined, 'training']]);
});

test('wiring: several problems in one file are all reported, each on its node', () => {
  let text = edit(tutorial, '{ "from": "data.labels", "to": "loss.labels" }', '{ "from": "data.labels", "to": "hidden.in" }');
  text = edit(text, '{ "from": "data.features", "to": "hidden.in" },', '');
  // labels feed a layer (NG036) and the loss's labels port is empty (NG021).
  assert.deepEqual(found(text), [['NG021', 'loss', undefined], ['NG036', 'hidden', 'edges[4].to']]);
  const twoLosses = edit(tutorial, '"params": { "mode": "binary" } }', '"params": { "mode": "binary" } },\n    { "id": "loss2", "type": "mse" }');
  assert.deepEqual(found(twoLosses), [['NG021', 'loss2', undefined], ['NG023', 'loss2', 'type']]);
  const unconnected = analyzeGraph(edit(tutorial, '    { "from": "data.labels", "to": "loss.labels" }\n', '').replace('"loss.predictions" },', '"loss.predictions" }'));
  assert.match(unconnected.diagnostics[0].message, /input port "labels" is not connected on cross-entropy node "loss"/);
});

test('a dataset that leaves the loss no classes to predict: binary on iris, categorical on a regression CSV', () => {
  const spiral = fixture('spiral-softmax');
  const regression = edit(spiral, '{ "builtin": "spiral", "samples": 600, "noise": 0.1, "classes": 3 }', '{ "csv": "r.csv", "label": "y" }');
  assert.deepEqual(found(regression, { datasetInfo: () => ({ featureCount: 2, classCount: 0 }) }), [['NG034', 'loss', 'params.mode']]);
  // Categorical on a two-class set is fine with two softmax units.
  const twoClasses = edit(edit(spiral, '"classes": 3', '"classes": 2'), '"params": { "units": 3 }', '"params": { "units": 2 }');
  assert.deepEqual(found(twoClasses), []);
});

test('shapes: every port, inputs included, keyed nodeId.port', () => {
  const { shapes } = analyzeGraph(fixture('concat-wide'));
  assert.deepEqual(shapes['data.features'], ['batch', 5]);
  assert.deepEqual(shapes['data.labels'], ['batch']);
  assert.deepEqual(shapes['join.a'], ['batch', 6]);
  assert.deepEqual(shapes['join.b'], ['batch', 10]);
  assert.deepEqual(shapes['join.out'], ['batch', 16]);
  assert.deepEqual(shapes['loss.predictions'], ['batch', 4]);
  assert.deepEqual(shapes['loss.labels'], ['batch']);
});

test('a graph being drawn: an unwired loss is the one error, not every layer before it', () => {
  const text = edit(tutorial, '    { "from": "prob.out", "to": "loss.predictions" },\n', '');
  assert.deepEqual(found(text), [['NG021', 'loss', undefined]]);
  // A layer hanging off the path, with the rest wired, is reported.
  const dangling = edit(tutorial, '"params": { "mode": "binary" } }', '"params": { "mode": "binary" } },\n    { "id": "extra", "type": "dense", "params": { "units": 2 } }');
  assert.deepEqual(found(edit(dangling, '{ "from": "data.labels", "to": "loss.labels" }', '{ "from": "data.labels", "to": "loss.labels" },\n    { "from": "relu.out", "to": "extra.in" }')),
    [['NG024', 'extra', undefined]]);
});

test('a newer version with comments: only the version is reported, since a newer format may allow them', () => {
  const text = tutorial.replace('"version": 1,', '"version": 2, // two').replace('"units": 10 }', '"units": 10, }');
  assert.deepEqual(found(text).map((d) => d[0]), ['NG007']);
});
