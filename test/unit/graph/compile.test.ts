// The compiler: ops in topological order, value widths, fused losses, label layout, training defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileGraph, compileText, parseGraph, type CompileResult, type DatasetInfo } from '../../../src/graph/index';

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/graphs', `${name}.nngraph`), 'utf8');
}

function compiled(result: CompileResult): Extract<CompileResult, { ok: true }> {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.diagnostics, null, 1));
  return result;
}

/** A text edit on a fixture that must apply exactly once, so a changed fixture cannot silently void a test. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, to);
}

test('tutorial: sigmoid folded into binary cross-entropy from logits, its op dropped', () => {
  const { spec, training, dataset, normalize, warnings, engine } = compiled(compileText(fixture('tutorial')));
  assert.equal(engine, 'builtin', 'the built-in engine unless training.engine names another');
  assert.deepEqual(spec.ops, [
    { kind: 'dense', nodeId: 'hidden', input: 0, units: 10, useBias: true, init: 'glorot_uniform' },
    { kind: 'activation', nodeId: 'relu', input: 1, fn: 'relu', alpha: 0 },
    { kind: 'dense', nodeId: 'out', input: 2, units: 1, useBias: true, init: 'glorot_uniform' },
  ]);
  assert.deepEqual(spec.valueWidths, [2, 10, 10, 1]);
  assert.equal(spec.featureCount, 2);
  assert.deepEqual(spec.loss, { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true, activationNodeId: 'prob' });
  assert.deepEqual([spec.labelKind, spec.labelWidth, spec.classCount], ['binary', 1, 2]);
  assert.deepEqual(dataset, { kind: 'builtin', name: 'moons', options: { samples: 1000, noise: 0.15 } });
  assert.equal(normalize, 'standard');
  assert.deepEqual(warnings, []);
  assert.deepEqual(training, {
    epochs: 10, batchSize: 32, seed: 42, validationSplit: 0.2, shuffle: true, metrics: ['accuracy'],
    optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  });
});

test('spiral: softmax folded into categorical cross-entropy; dropout and leaky_relu alpha default; index labels', () => {
  const { spec, training, normalize, dataset } = compiled(compileText(fixture('spiral-softmax')));
  assert.deepEqual(spec.ops.map((op) => op.kind), ['dense', 'activation', 'dropout', 'dense']);
  assert.deepEqual(spec.ops[1], { kind: 'activation', nodeId: 'a1', input: 1, fn: 'leaky_relu', alpha: 0.01 });
  assert.deepEqual(spec.ops[2], { kind: 'dropout', nodeId: 'drop', input: 2, rate: 0.1 });
  assert.equal((spec.ops[0] as { init: string }).init, 'he_uniform');
  assert.deepEqual(spec.valueWidths, [2, 32, 32, 32, 3]);
  assert.deepEqual(spec.loss, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 4, fromLogits: true, activationNodeId: 'probs' });
  assert.deepEqual([spec.labelKind, spec.labelWidth, spec.classCount], ['index', 1, 3]);
  assert.equal(normalize, 'minmax');
  assert.deepEqual(dataset, { kind: 'builtin', name: 'spiral', options: { samples: 600, noise: 0.1, classes: 3 } });
  assert.deepEqual(training.optimizer, { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true });
  assert.deepEqual([training.epochs, training.batchSize, training.seed, training.shuffle, training.validationSplit], [50, 64, 7, false, 0]);
});

test('residual add: both inputs refer to earlier values, fromLogits from the file, rmsprop defaults', () => {
  const { spec, training } = compiled(compileText(fixture('residual-add')));
  assert.deepEqual(spec.ops, [
    { kind: 'dense', nodeId: 'stem', input: 0, units: 8, useBias: true, init: 'glorot_uniform' },
    { kind: 'dense', nodeId: 'branch', input: 1, units: 8, useBias: false, init: 'glorot_uniform' },
    { kind: 'activation', nodeId: 'branchAct', input: 2, fn: 'tanh', alpha: 0 },
    { kind: 'add', nodeId: 'sum', inputs: [1, 3] },
    { kind: 'dense', nodeId: 'logits', input: 4, units: 3, useBias: true, init: 'glorot_uniform' },
  ]);
  assert.deepEqual(spec.valueWidths, [4, 8, 8, 8, 8, 3]);
  assert.deepEqual(spec.loss, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 5, fromLogits: true });
  assert.deepEqual([spec.labelKind, spec.classCount], ['index', 3]);
  assert.deepEqual(training.optimizer, { type: 'rmsprop', learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
  assert.equal(training.epochs, 5);
});

test('concat: widths add up, blobs options set the feature and class counts, adamw defaults with the file\'s decay', () => {
  const { spec, training } = compiled(compileText(fixture('concat-wide')));
  assert.equal(spec.featureCount, 5);
  assert.deepEqual(spec.ops.map((op) => op.kind), ['dense', 'dense', 'activation', 'concat', 'dense']);
  assert.deepEqual(spec.ops[3], { kind: 'concat', nodeId: 'join', inputs: [1, 3] });
  assert.deepEqual(spec.ops[2], { kind: 'activation', nodeId: 'rightAct', input: 2, fn: 'elu', alpha: 1 });
  assert.deepEqual(spec.valueWidths, [5, 6, 10, 10, 16, 4]);
  assert.equal(spec.classCount, 4);
  assert.deepEqual(training.optimizer, { type: 'adamw', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 });
});

test('mse on a CSV: regression labels, widths from the caller\'s dataset info', () => {
  const info = { featureCount: 2, classCount: 0 };
  const { spec, dataset } = compiled(compileText(fixture('regression-mse'), () => info));
  assert.deepEqual(spec.loss, { kind: 'mse', nodeId: 'loss', predictions: 3 });
  assert.deepEqual([spec.labelKind, spec.labelWidth, spec.classCount], ['regression', 1, 0]);
  assert.deepEqual(spec.valueWidths, [2, 16, 16, 1]);
  assert.deepEqual(dataset, { kind: 'csv', path: 'data/houses.csv', label: 'price', features: ['rooms', 'area'] });
});

test('not fused: a loss reading a dense layer directly, and a tanh read as logits', () => {
  // Binary loss straight from a dense layer: no fusion, no fromLogits (a warning, not an error).
  const direct = edit(edit(fixture('tutorial'), '{ "from": "prob.out", "to": "loss.predictions" }', '{ "from": "out.out", "to": "loss.predictions" }'),
    '    { "from": "out.out", "to": "prob.in" },\n', '');
  const withoutProb = edit(direct, '    { "id": "prob", "type": "activation", "position": { "x": 880, "y": 0 }, "params": { "fn": "sigmoid" } },\n', '');
  const result = compiled(compileText(withoutProb));
  assert.deepEqual(result.spec.loss, { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: false });
  assert.deepEqual(result.warnings.map((w) => w.code), ['NG037']);
  // fromLogits given with a tanh before the loss: the tanh op is kept and the loss reads its output as logits.
  const tanh = edit(edit(fixture('tutorial'), '"fn": "sigmoid"', '"fn": "tanh"'), '"params": { "mode": "binary" }', '"params": { "mode": "binary", "fromLogits": true }');
  const kept = compiled(compileText(tanh));
  assert.deepEqual(kept.spec.ops.map((op) => op.nodeId), ['hidden', 'relu', 'out', 'prob']);
  assert.deepEqual(kept.spec.loss, { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 4, fromLogits: true });
});

test('fromLogits with a softmax before the loss: a warning, and the softmax is not folded away', () => {
  const text = edit(fixture('spiral-softmax'), '"params": { "mode": "categorical" }', '"params": { "mode": "categorical", "fromLogits": true }');
  const result = compiled(compileText(text));
  assert.deepEqual(result.warnings.map((w) => w.code), ['NG038']);
  assert.equal(result.spec.ops.at(-1)?.nodeId, 'probs');
  assert.deepEqual(result.spec.loss, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 5, fromLogits: true });
});

test('topological order follows the edges, not the order of the nodes in the file', () => {
  const graph = parseGraph(fixture('tutorial')).graph;
  assert.ok(graph);
  graph.nodes.reverse();
  const { spec } = compiled(compileGraph(graph, { featureCount: 2, classCount: 2 }));
  assert.deepEqual(spec.ops.map((op) => op.nodeId), ['hidden', 'relu', 'out']);
  assert.deepEqual(spec.valueWidths, [2, 10, 10, 1]);
});

test('compileGraph uses the dataset info it is given, and refuses a graph with errors', () => {
  const graph = parseGraph(fixture('spiral-softmax')).graph;
  assert.ok(graph);
  const five: DatasetInfo = { featureCount: 7, classCount: 3 };
  assert.equal(compiled(compileGraph(graph, five)).spec.valueWidths[0], 7);
  const wrongClasses = compileGraph(graph, { featureCount: 2, classCount: 5 });
  assert.equal(wrongClasses.ok, false);
  assert.deepEqual(!wrongClasses.ok && wrongClasses.diagnostics.map((d) => [d.code, d.nodeId, d.field]), [['NG030', 'h2', 'params.units']]);
});

test('defaults fill a file without a training section; a bad field is an error, not a silent default', () => {
  const text = fixture('tutorial').replace(/,\n  "training": \{[\s\S]*\}\n\}\n$/, '\n}\n');
  assert.ok(!text.includes('"training"'));
  const { training } = compiled(compileText(text));
  assert.deepEqual(training, {
    epochs: 10, batchSize: 32, seed: 42, validationSplit: 0, shuffle: true, metrics: ['accuracy'],
    optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  });
  const bad = compileText(edit(fixture('tutorial'), '"batchSize": 32', '"batchSize": 0'));
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.diagnostics.map((d) => [d.code, d.field]), [['NG011', 'training.batchSize']]);
});

test('sgd learning rate defaults to Keras\'s 0.01; optimizer fields of another optimizer are warned about', () => {
  const text = edit(fixture('tutorial'), '"optimizer": { "type": "adam", "learningRate": 0.001 }', '"optimizer": { "type": "sgd", "beta1": 0.5 }');
  const result = compiled(compileText(text));
  assert.deepEqual(result.training.optimizer, { type: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false });
  assert.deepEqual(result.warnings.map((w) => [w.code, w.field]), [['NG008', 'training.optimizer.beta1']]);
});

test('dense l1/l2 reach the program spec when set (0 leaves the op as before); a negative rate is refused', () => {
  const text = edit(fixture('tutorial'), '"params": { "units": 10 }', '"params": { "units": 10, "l1": 0.001, "l2": 0 }');
  const { spec } = compiled(compileText(edit(text, '"params": { "units": 1 }', '"params": { "units": 1, "l2": 0.01 }')));
  assert.deepEqual(spec.ops[0], { kind: 'dense', nodeId: 'hidden', input: 0, units: 10, useBias: true, init: 'glorot_uniform', l1: 0.001 });
  assert.deepEqual(spec.ops[2], { kind: 'dense', nodeId: 'out', input: 2, units: 1, useBias: true, init: 'glorot_uniform', l2: 0.01 });
  const refused = compileText(edit(fixture('tutorial'), '"params": { "units": 10 }', '"params": { "units": 10, "l2": -0.1 }'));
  assert.ok(!refused.ok);
  const problem = refused.diagnostics.find((d) => d.nodeId === 'hidden' && d.field === 'params.l2');
  assert.ok(problem, JSON.stringify(refused.diagnostics));
  assert.match(problem.message, /l2/);
});

test('training.earlyStopping: Keras\' defaults filled in; patience required; unknown fields and no validation rows reported', () => {
  const withEarlyStopping = (value: string): string => edit(fixture('tutorial'), '"training": {', `"training": { "earlyStopping": ${value},`);
  assert.deepEqual(compiled(compileText(withEarlyStopping('{ "patience": 3 }'))).training.earlyStopping, { patience: 3, minDelta: 0, restoreBestWeights: false });
  assert.deepEqual(compiled(compileText(withEarlyStopping('{ "patience": 0, "minDelta": 0.01, "restoreBestWeights": true }'))).training.earlyStopping,
    { patience: 0, minDelta: 0.01, restoreBestWeights: true });
  assert.equal(compiled(compileText(fixture('tutorial'))).training.earlyStopping, undefined);
  const codes = (value: string): string[] => {
    const result = compileText(withEarlyStopping(value));
    return (result.ok ? result.warnings : result.diagnostics).map((d) => `${d.code} ${d.field ?? ''}`);
  };
  assert.deepEqual(codes('{}'), ['NG009 training.earlyStopping']);
  assert.deepEqual(codes('{ "patience": -1 }'), ['NG011 training.earlyStopping.patience']);
  assert.deepEqual(codes('{ "patience": 2, "monitor": "loss" }'), ['NG008 training.earlyStopping.monitor']);
  assert.deepEqual(codes('5'), ['NG010 training.earlyStopping']);
  const noSplit = compileText(edit(withEarlyStopping('{ "patience": 2 }'), '"validationSplit": 0.2', '"validationSplit": 0'));
  assert.ok(!noSplit.ok);
  assert.deepEqual(noSplit.diagnostics.map((d) => d.code), ['NG045']);
  assert.match(noSplit.diagnostics[0].message, /Early stopping watches the validation loss, but "training.validationSplit" is 0/);
});
