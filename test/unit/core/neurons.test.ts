// The neuron view's numbers (src/core/neurons.ts): which layers a program draws (and the sentence when it draws
// none), and every unit's activation at points of the plane, checked against a forward pass written out by hand in
// float64 from the same weights, and the last layer against the program's own predict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NamedTensor, ProgramSpec } from '../../../src/core/types';
import { createProgram } from '../../../src/core/program/program';
import { neuronActivations, neuronLayout } from '../../../src/core/neurons';
import { xorSpec } from './fixtures';

const ADAM = { type: 'adam', learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/** 2 → dense a(5) → tanh → dropout → dense b(3) → softmax folded into categorical cross-entropy. */
function twoLayerSpec(): ProgramSpec {
  return {
    featureCount: 2,
    valueWidths: [2, 5, 5, 5, 3],
    ops: [
      { kind: 'dense', nodeId: 'a', input: 0, units: 5, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'tanh', input: 1, fn: 'tanh', alpha: 0 },
      { kind: 'dropout', nodeId: 'drop', input: 2, rate: 0.5 },
      { kind: 'dense', nodeId: 'b', input: 3, units: 3, useBias: true, init: 'glorot_uniform' },
    ],
    loss: { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 4, fromLogits: true, activationNodeId: 'softmax' },
    labelWidth: 1, labelKind: 'index', classCount: 3,
  };
}

function tensor(weights: readonly NamedTensor[], name: string): Float32Array {
  const found = weights.find((candidate) => candidate.name === name);
  assert.ok(found, `tensor ${name}`);
  return found.data;
}

/** y[units] = x[inputs] · kernel[inputs, units] + bias, in float64. */
function denseByHand(x: number[], kernel: Float32Array, bias: Float32Array, units: number): number[] {
  return Array.from({ length: units }, (_, unit) => x.reduce((sum, value, i) => sum + value * kernel[i * units + unit], bias[unit]));
}

/** Points on a 7 × 7 grid over [-2, 2]², row-major, as the worker lays out the neuron grid. */
function gridPoints(side: number): Float32Array {
  const points = new Float32Array(side * side * 2);
  for (let cell = 0; cell < side * side; cell++) {
    points[2 * cell] = -2 + (4 * (cell % side)) / (side - 1);
    points[2 * cell + 1] = -2 + (4 * Math.floor(cell / side)) / (side - 1);
  }
  return points;
}

/** Weights after a few training steps, so biases are non-zero and the check is not of an initializer. */
function trainedWeights(spec: ProgramSpec, points: Float32Array, labels: Float32Array, count: number): { weights: NamedTensor[]; predict: (x: Float32Array, n: number) => Float32Array } {
  const program = createProgram(spec, { seed: 7, batchSize: count, optimizer: ADAM });
  for (let step = 0; step < 20; step++) program.trainStep(points, labels, count);
  return { weights: program.getWeights(), predict: (x, n) => program.predict(x, n) };
}

test('a 2 → tanh(5) → dropout → softmax(3) stack: each unit equals the forward pass written out by hand at every point', () => {
  const spec = twoLayerSpec();
  const layout = neuronLayout(spec);
  assert.ok(layout.ok, layout.ok ? '' : layout.reason);
  assert.deepEqual(layout.layers.map((layer) => [layer.nodeId, layer.units, layer.activation?.nodeId, layer.activation?.fn, layer.probabilities]), [
    ['a', 5, 'tanh', 'tanh', false],
    ['b', 3, 'softmax', 'softmax', true],
  ]);
  const count = 49;
  const points = gridPoints(7);
  const labels = Float32Array.from({ length: count }, (_, i) => i % 3);
  const { weights, predict } = trainedWeights(spec, points, labels, count);
  const [hidden, output] = neuronActivations(spec, layout.layers, weights, points, count);
  assert.equal(hidden.activations.length, count * 5);
  assert.equal(output.activations.length, count * 3);
  assert.deepEqual([...hidden.kernel], [...tensor(weights, 'a.kernel')]);
  assert.deepEqual([...output.kernel], [...tensor(weights, 'b.kernel')]);
  let largest = 0;
  for (let cell = 0; cell < count; cell++) {
    const x = [points[2 * cell], points[2 * cell + 1]];
    const h = denseByHand(x, tensor(weights, 'a.kernel'), tensor(weights, 'a.bias'), 5).map(Math.tanh);
    const logits = denseByHand(h, tensor(weights, 'b.kernel'), tensor(weights, 'b.bias'), 3);
    const top = Math.max(...logits);
    const exps = logits.map((logit) => Math.exp(logit - top));
    const probabilities = exps.map((value) => value / exps.reduce((a, b) => a + b, 0));
    for (let unit = 0; unit < 5; unit++) {
      assert.ok(Math.abs(hidden.activations[cell * 5 + unit] - h[unit]) < 1e-5, `cell ${cell} unit ${unit}`);
      largest = Math.max(largest, Math.abs(h[unit]));
    }
    for (let unit = 0; unit < 3; unit++) assert.ok(Math.abs(output.activations[cell * 3 + unit] - probabilities[unit]) < 1e-5);
  }
  assert.ok(largest > 0.1, `the hidden units are not all near zero (largest |h| ${largest})`);
  // The last layer is what the program predicts, bit for bit: the same forward pass.
  assert.deepEqual([...output.activations], [...predict(points, count)]);
});

test('xor (relu hidden, sigmoid folded into the loss): hidden units are relu(x·W + b), the output the predicted probability', () => {
  const spec = xorSpec(4);
  const layout = neuronLayout(spec);
  assert.ok(layout.ok);
  assert.deepEqual(layout.layers.map((layer) => [layer.nodeId, layer.activation?.fn, layer.probabilities]), [['hidden', 'relu', false], ['out', 'sigmoid', true]]);
  const count = 25;
  const points = gridPoints(5);
  const labels = Float32Array.from({ length: count }, (_, i) => (points[2 * i] * points[2 * i + 1] < 0 ? 1 : 0));
  const { weights, predict } = trainedWeights(spec, points, labels, count);
  const [hidden, output] = neuronActivations(spec, layout.layers, weights, points, count);
  for (let cell = 0; cell < count; cell++) {
    const x = [points[2 * cell], points[2 * cell + 1]];
    const h = denseByHand(x, tensor(weights, 'hidden.kernel'), tensor(weights, 'hidden.bias'), 4).map((value) => Math.max(0, value));
    for (let unit = 0; unit < 4; unit++) assert.ok(Math.abs(hidden.activations[cell * 4 + unit] - h[unit]) < 1e-5);
    const [logit] = denseByHand(h, tensor(weights, 'out.kernel'), tensor(weights, 'out.bias'), 1);
    assert.ok(Math.abs(output.activations[cell] - 1 / (1 + Math.exp(-logit))) < 1e-5);
  }
  assert.deepEqual([...output.activations], [...predict(points, count)]);
});

test('a regression head with no activation shows its dense outputs; a missing tensor is named', () => {
  const spec: ProgramSpec = {
    featureCount: 2, valueWidths: [2, 3, 3, 2],
    ops: [
      { kind: 'dense', nodeId: 'h', input: 0, units: 3, useBias: false, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'elu', input: 1, fn: 'elu', alpha: 1 },
      { kind: 'dense', nodeId: 'y', input: 2, units: 2, useBias: true, init: 'glorot_uniform' },
    ],
    loss: { kind: 'mse', nodeId: 'loss', predictions: 3 },
    labelWidth: 2, labelKind: 'regression', classCount: 0,
  };
  const layout = neuronLayout(spec);
  assert.ok(layout.ok);
  assert.deepEqual(layout.layers.map((layer) => [layer.nodeId, layer.value, layer.activation?.nodeId ?? null]), [['h', 2, 'elu'], ['y', 3, null]]);
  const program = createProgram(spec, { seed: 3, batchSize: 4, optimizer: ADAM });
  const points = gridPoints(2);
  const [, output] = neuronActivations(spec, layout.layers, program.getWeights(), points, 4);
  assert.deepEqual([...output.activations], [...program.predict(points, 4)]);
  assert.throws(() => neuronActivations(spec, layout.layers, program.getWeights().slice(1), points, 4), /tensor "h\.kernel" is missing/);
});

test('programs the view cannot draw say why: inputs other than 2, a layer over 16 units, merged branches', () => {
  const wide = xorSpec(32);
  const reason = (spec: ProgramSpec): string => {
    const layout = neuronLayout(spec);
    assert.ok(!layout.ok);
    return layout.reason;
  };
  assert.equal(reason(wide), 'The neuron view draws dense layers of up to 16 units; "hidden" has 32.');
  assert.ok(neuronLayout(xorSpec(16)).ok, '16 units is within the limit');
  assert.equal(reason({ ...xorSpec(4), featureCount: 3, valueWidths: [3, 4, 4, 1] }), 'The neuron view draws networks with 2 input features; this one has 3.');
  const merged: ProgramSpec = {
    ...xorSpec(2), valueWidths: [2, 2, 2, 1],
    ops: [
      { kind: 'dense', nodeId: 'h', input: 0, units: 2, useBias: true, init: 'glorot_uniform' },
      { kind: 'add', nodeId: 'skip', inputs: [1, 0] },
      { kind: 'dense', nodeId: 'out', input: 2, units: 1, useBias: true, init: 'glorot_uniform' },
    ],
  };
  assert.equal(reason(merged), 'The neuron view draws a plain stack of dense layers; node "skip" merges two branches.');
});
