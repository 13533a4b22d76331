// `nngraph explain` as a process: the JSON's shape (nested arrays without the batch axis, a kernel as [in][units],
// ids from the file as plain keys), row N in file order scaled as training scales it (the same probabilities as
// `nngraph predict` on that row), which weights it used, the text form, and clear errors for a bad sample index.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuiltCli, root, runCli, scratchFolder, smallGraph } from './helpers';

after(removeBuiltCli);

/** 6 rows whose two features differ in scale by 100×, so a row read unscaled would give other numbers. */
const csv = 'size,weight,kind\n1,100,cat\n2,300,dog\n3,200,cat\n4,500,dog\n5,400,cat\n6,600,dog\n';

/** The small graph with node ids that are Object.prototype's own names. */
function hostileGraph(): string {
  return smallGraph({ csv: 'data.csv', label: 'kind' }, 1, { validationSplit: 0.5, shuffle: true, seed: 4 })
    .replaceAll('"id": "hidden"', '"id": "__proto__"').replaceAll('hidden.', '__proto__.')
    .replaceAll('"id": "relu"', '"id": "constructor"').replaceAll('relu.', 'constructor.');
}

interface ExplainJson {
  sample: number; rows: number; features: number[]; label: number | number[]; loss: number;
  weights: { source: 'file'; path: string } | { source: 'initial'; seed: number };
  dropout: string; precision: string;
  nodes: Record<string, { role: string; output: unknown; outputGrad: unknown; paramGrads?: { kernel: number[][]; bias?: number[] } }>;
  lossNode: { probabilities: number[]; logitGrad: number[]; tutorialGrad: number[]; tutorialLogitGrad: number[] };
  checks: Array<{ maxAbsoluteError: number; entries: unknown[] }>;
}

const isVector = (value: unknown, length: number): boolean => Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'number');

test('explain --json: one object with every node (ids from the file as plain keys), values without the batch axis, a kernel as [in][units]', () => {
  const folder = scratchFolder({ 'g.nngraph': hostileGraph(), 'data.csv': csv });
  try {
    const result = runCli(['explain', 'g.nngraph', '--sample', '2', '--json'], folder.dir);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim().split('\n').length, 1, 'one JSON object on one line');
    const json = JSON.parse(result.stdout) as ExplainJson;
    assert.equal(json.sample, 2);
    assert.equal(json.rows, 6);
    assert.deepEqual(json.label, [0], 'a binary label: its one column (cat is class 0)');
    assert.deepEqual(json.weights, { source: 'initial', seed: 4 });
    assert.match(json.dropout, /inactive/);
    assert.equal(json.precision, 'float64');
    assert.deepEqual(Object.keys(json.nodes), ['data', '__proto__', 'constructor', 'out', 'probs', 'loss']);
    assert.ok(Object.hasOwn(json.nodes, '__proto__'));
    const { data, out, probs, loss } = json.nodes;
    const dense = json.nodes['__proto__'];
    const relu = json.nodes['constructor'];
    assert.deepEqual(data.output, json.features);
    assert.ok(isVector(data.output, 2) && isVector(data.outputGrad, 2), 'the features and ∂L/∂features: 2 values');
    assert.ok(isVector(dense.output, 8) && isVector(dense.outputGrad, 8));
    assert.equal(dense.paramGrads?.kernel.length, 2, 'the kernel gradient is [in = 2][units = 8]');
    assert.ok(dense.paramGrads?.kernel.every((row) => isVector(row, 8)));
    assert.ok(isVector(dense.paramGrads?.bias, 8));
    assert.equal(relu.paramGrads, undefined);
    assert.ok(isVector(relu.output, 8));
    assert.equal(out.paramGrads?.kernel.length, 8);
    assert.ok(out.paramGrads?.kernel.every((row) => isVector(row, 1)));
    assert.equal(probs.role, 'folded-activation');
    assert.ok(isVector(probs.output, 1));
    assert.equal(loss.role, 'loss');
    assert.equal(loss.output, json.loss, 'the loss node outputs the loss, a number');
    assert.equal(loss.outputGrad, 1);
    // ∂L/∂W = xᵀδ for a batch of one: the kernel gradient is the outer product of the input and the output gradient.
    const x = data.output as number[];
    const delta = dense.outputGrad as number[];
    dense.paramGrads?.kernel.forEach((row, i) => row.forEach((g, j) => assert.ok(Math.abs(g - x[i] * delta[j]) < 1e-12)));
    // Binary: the tutorial's −y/ŷ + 1 sent through σ is not ŷ − y.
    assert.ok(Math.abs(json.lossNode.logitGrad[0] - json.lossNode.probabilities[0]) < 1e-12, 'ŷ − y with y = 0');
    assert.ok(Math.abs(json.lossNode.tutorialLogitGrad[0] - json.lossNode.logitGrad[0]) > 1e-3);
    assert.ok(json.checks.length > 0 && json.checks.every((check) => check.maxAbsoluteError < 1e-6 && check.entries.length > 0));
  } finally {
    folder.remove();
  }
});

test('explain row N is row N of the file, scaled as training scales it: its probability is predict\'s for that row', () => {
  const folder = scratchFolder({ 'g.nngraph': hostileGraph(), 'data.csv': csv });
  try {
    assert.equal(runCli(['train', 'g.nngraph', '--save-weights', 'g.safetensors', '--quiet'], folder.dir).status, 0);
    const predicted = runCli(['predict', 'g.nngraph', '--json'], folder.dir);
    assert.equal(predicted.status, 0, predicted.stderr);
    const rows = predicted.stdout.trim().split('\n').map((line) => JSON.parse(line) as number[]);
    for (let row = 0; row < rows.length; row++) {
      const result = runCli(['explain', 'g.nngraph', '--sample', String(row), '--json'], folder.dir);
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as ExplainJson;
      assert.deepEqual(json.weights, { source: 'file', path: join('.', 'g.safetensors') });
      assert.deepEqual(json.label, [row % 2], 'cat, dog, cat…: the label of row N in file order');
      assert.ok(Math.abs(json.lossNode.probabilities[0] - rows[row][0]) < 1e-6, `row ${row}: explain ${json.lossNode.probabilities[0]}, predict ${rows[row][0]}`);
    }
  } finally {
    folder.remove();
  }
});

test('explain: --weights F is used and named; the text form says where the weights came from', () => {
  const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'iris.nngraph'), 'utf8') });
  try {
    const initial = runCli(['explain', 'g.nngraph', '--sample', '149'], folder.dir);
    assert.equal(initial.status, 0, initial.stderr);
    assert.match(initial.stdout, /row 149 of 150 \(file order\)/);
    assert.match(initial.stdout, /the initial weights drawn from seed 42 \(no --weights, and no g\.safetensors\)/);
    assert.match(initial.stdout, /−log p_y = /);
    assert.match(initial.stdout, /the tutorial's −y\/ŷ \+ 1: /);
    assert.equal(runCli(['train', 'g.nngraph', '--epochs', '2', '--save-weights', 'other.safetensors', '--quiet'], folder.dir).status, 0);
    const given = runCli(['explain', 'g.nngraph', '--sample', '0', '--weights', 'other.safetensors', '--json'], folder.dir);
    assert.equal(given.status, 0, given.stderr);
    assert.deepEqual((JSON.parse(given.stdout) as ExplainJson).weights, { source: 'file', path: 'other.safetensors' });
    const missing = runCli(['explain', 'g.nngraph', '--sample', '0', '--weights', 'none.safetensors'], folder.dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read the weights file 'none\.safetensors'/);
  } finally {
    folder.remove();
  }
});

test('explain: a sample past the end names the row count; a missing or negative --sample is a usage error', () => {
  const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'xor.nngraph'), 'utf8') });
  try {
    const past = runCli(['explain', 'g.nngraph', '--sample', '400', '--json'], folder.dir);
    assert.equal(past.status, 1);
    assert.equal(past.stdout, '');
    assert.match(past.stderr, /--sample 400 is past the end of g\.nngraph's dataset, which has 400 rows \(0 to 399\)/);
    const missing = runCli(['explain', 'g.nngraph'], folder.dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /explain needs --sample N/);
    for (const bad of ['-1', '1.5', 'two']) {
      const result = runCli(['explain', 'g.nngraph', '--sample', bad], folder.dir);
      assert.equal(result.status, 2, bad);
      assert.match(result.stderr, /--sample must be an integer ≥ 0/);
    }
  } finally {
    folder.remove();
  }
});
