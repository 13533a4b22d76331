// The program outside the loop: weights in and out, gradients through fan-out / add / concat, evaluation in chunks,
// predictions, node statistics and spec errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OptimizerSpec, ProgramSpec } from '../../../src/core/types';
import { createProgram } from '../../../src/core/program/program';
import { confusionMatrix } from '../../../src/core/metrics';
import { Random } from '../../../src/core/random';
import { blobsDataset, xorDataset, xorSpec } from './fixtures';

const SGD_ONE: OptimizerSpec = { type: 'sgd', learningRate: 1, momentum: 0, nesterov: false };

/** in(3) → a: dense 4 → b: tanh(a), c: dense 4 (a) → d: add(b, c) → e: concat(d, a) → f: dense 2 → softmax CCE. */
function branchySpec(): ProgramSpec {
  return {
    featureCount: 3,
    valueWidths: [3, 4, 4, 4, 4, 8, 2],
    ops: [
      { kind: 'dense', nodeId: 'a', input: 0, units: 4, useBias: true, init: 'glorot_normal' },
      { kind: 'activation', nodeId: 'b', input: 1, fn: 'tanh', alpha: 0 },
      { kind: 'dense', nodeId: 'c', input: 1, units: 4, useBias: false, init: 'he_normal' },
      { kind: 'add', nodeId: 'd', inputs: [2, 3] },
      { kind: 'concat', nodeId: 'e', inputs: [4, 1] },
      { kind: 'dense', nodeId: 'f', input: 5, units: 2, useBias: true, init: 'he_uniform' },
    ],
    loss: { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 6, fromLogits: true },
    labelWidth: 2, labelKind: 'onehot', classCount: 2,
  };
}

describe('program', () => {
  it('gradients through fan-out, add and concat match finite differences of the loss', () => {
    const random = new Random(12);
    const rows = 5;
    const features = Float32Array.from({ length: rows * 3 }, () => random.nextNormal());
    const labels = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) labels[r * 2 + random.nextInt(2)] = 1;
    const probe = createProgram(branchySpec(), { seed: 3, batchSize: rows, optimizer: SGD_ONE });
    const initial = probe.getWeights();
    // With SGD at lr 1 a step subtracts exactly the gradient.
    probe.trainStep(features, labels, rows);
    const after = probe.getWeights();
    const evaluator = createProgram(branchySpec(), { seed: 3, batchSize: 2, optimizer: SGD_ONE });
    const eps = 1e-2;
    for (let t = 0; t < initial.length; t++) {
      for (let i = 0; i < initial[t].data.length; i++) {
        const lossAt = (delta: number): number => {
          const weights = initial.map((w) => ({ ...w, data: w.data.slice() }));
          weights[t].data[i] += delta;
          evaluator.setWeights(weights);
          return evaluator.evaluate(features, labels, rows).loss; // in chunks of 2: also checks chunked evaluation
        };
        const numeric = (lossAt(eps) - lossAt(-eps)) / (2 * eps);
        const analytic = initial[t].data[i] - after[t].data[i];
        assert.ok(Math.abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.abs(numeric), `${initial[t].name}[${i}]: ${analytic} vs ${numeric}`);
      }
    }
  });

  it('getWeights lists kernel then bias per dense node in op order; setWeights round-trips and names bad tensors', () => {
    const program = createProgram(branchySpec(), { seed: 1, batchSize: 4, optimizer: SGD_ONE });
    const weights = program.getWeights();
    assert.deepEqual(weights.map((w) => `${w.name}:${w.shape.join('x')}`), ['a.kernel:3x4', 'a.bias:4', 'c.kernel:4x4', 'f.kernel:8x2', 'f.bias:2']);
    assert.ok(weights[1].data.every((v) => v === 0), 'biases start at zero');
    weights[0].data[0] = 42;
    assert.notEqual(program.getWeights()[0].data[0], 42, 'getWeights returns copies');
    program.setWeights(weights);
    assert.equal(program.getWeights()[0].data[0], 42);
    assert.throws(() => program.setWeights(weights.slice(1)), /tensor "a.kernel" is missing/);
    const wrong = weights.map((w) => (w.name === 'f.kernel' ? { ...w, shape: [2, 8] } : w));
    assert.throws(() => program.setWeights(wrong), /"f.kernel" has shape \[2, 8\], expected \[8, 2\]/);
    assert.equal(program.getWeights()[0].data[0], 42, 'a failed setWeights changes nothing');
  });

  it('initial weights follow the seed and the initializer (glorot_uniform limit √(6/(in+out)))', () => {
    const spec = xorSpec(50);
    const a = createProgram(spec, { seed: 9, batchSize: 1, optimizer: SGD_ONE }).getWeights();
    const b = createProgram(spec, { seed: 9, batchSize: 1, optimizer: SGD_ONE }).getWeights();
    const c = createProgram(spec, { seed: 10, batchSize: 1, optimizer: SGD_ONE }).getWeights();
    assert.deepEqual(a, b);
    assert.notDeepEqual(a[0].data, c[0].data);
    const limit = Math.sqrt(6 / 52);
    assert.ok(a[0].data.every((v) => Math.abs(v) <= limit));
    assert.ok(a[0].data.some((v) => Math.abs(v) > 0.8 * limit));
  });

  it('predict gives probabilities for fused losses; the confusion matrix counts them', () => {
    const dataset = blobsDataset(30);
    const spec = xorSpec(6);
    spec.valueWidths[3] = 3;
    const out = spec.ops[2];
    if (out.kind === 'dense') out.units = 3;
    spec.loss = { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true };
    spec.labelKind = 'index';
    spec.classCount = 3;
    const program = createProgram(spec, { seed: 2, batchSize: 7, optimizer: SGD_ONE });
    const probabilities = program.predict(dataset.features, 30);
    assert.equal(probabilities.length, 90);
    for (let r = 0; r < 30; r++) assert.ok(Math.abs(probabilities[r * 3] + probabilities[r * 3 + 1] + probabilities[r * 3 + 2] - 1) < 1e-6);
    const matrix = confusionMatrix(program, dataset.features, dataset.labels, 30);
    assert.equal(matrix.length, 3);
    assert.equal(matrix.flat().reduce((s, v) => s + v, 0), 30);
    assert.deepEqual(matrix.map((row) => row.reduce((s, v) => s + v, 0)), [10, 10, 10]);
    const { accuracy } = program.evaluate(dataset.features, dataset.labels, 30);
    assert.equal(accuracy, (matrix[0][0] + matrix[1][1] + matrix[2][2]) / 30);
  });

  it('nodeStats describes the last training step, including the folded activation', () => {
    const dataset = xorDataset(2);
    const program = createProgram(xorSpec(), { seed: 1, batchSize: 8, optimizer: SGD_ONE });
    assert.deepEqual(program.nodeStats(), []);
    program.trainStep(dataset.features, dataset.labels, 8);
    const stats = program.nodeStats();
    assert.deepEqual(stats.map((s) => s.nodeId), ['hidden', 'act', 'out', 'prob']);
    const act = stats[1];
    assert.ok(act.zeroFraction > 0 && act.zeroFraction < 1, 'some ReLUs are off');
    assert.ok(act.mean > 0 && act.std > 0);
    assert.ok(stats[0].weightGradNorm! > 0 && stats[2].gradNorm! > 0);
    assert.equal(stats[3].gradNorm, undefined);
    assert.ok(stats[3].mean > 0 && stats[3].mean < 1);
    program.evaluate(new Float32Array(8 * 2), dataset.labels, 8);
    assert.deepEqual(program.nodeStats(), stats, 'evaluation leaves the training step statistics alone');
  });

  it('nodeStats gives a dense node with its own activation one entry: the activated output, the dense weights', () => {
    const dataset = xorDataset(2);
    const spec = xorSpec();
    // What the compiler writes for a dense node "hidden" with "activation": "relu": the activation op keeps its id.
    spec.ops[1] = { ...spec.ops[1], nodeId: 'hidden' } as typeof spec.ops[1];
    const program = createProgram(spec, { seed: 1, batchSize: 8, optimizer: SGD_ONE });
    program.trainStep(dataset.features, dataset.labels, 8);
    const stats = program.nodeStats();
    assert.deepEqual(stats.map((s) => s.nodeId), ['hidden', 'out', 'prob']);
    assert.ok(stats[0].zeroFraction > 0, 'the relu output: some units are off');
    assert.ok(stats[0].weightGradNorm! > 0, 'the dense weights\' gradient');
  });

  it('resetWeights restores the initial weights; resetOptimizer forgets momentum', () => {
    const dataset = xorDataset(2);
    const momentum: OptimizerSpec = { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: false };
    const program = createProgram(xorSpec(), { seed: 1, batchSize: 8, optimizer: momentum });
    const initial = program.getWeights();
    program.trainStep(dataset.features, dataset.labels, 8);
    assert.notDeepEqual(program.getWeights(), initial);
    program.resetWeights();
    assert.deepEqual(program.getWeights(), initial);
    const fresh = createProgram(xorSpec(), { seed: 1, batchSize: 8, optimizer: momentum });
    program.trainStep(dataset.features, dataset.labels, 8);
    fresh.trainStep(dataset.features, dataset.labels, 8);
    assert.deepEqual(program.getWeights(), fresh.getWeights());
  });

  it('dropout is active in training steps only', () => {
    const dataset = xorDataset(8);
    const withDropout = xorSpec();
    withDropout.ops.splice(2, 0, { kind: 'dropout', nodeId: 'drop', input: 2, rate: 0.5 });
    withDropout.valueWidths.splice(3, 0, 8);
    const out = withDropout.ops[3];
    if (out.kind === 'dense') out.input = 3;
    withDropout.loss.predictions = 4;
    const dropped = createProgram(withDropout, { seed: 4, batchSize: 32, optimizer: SGD_ONE });
    const plain = createProgram(xorSpec(), { seed: 4, batchSize: 32, optimizer: SGD_ONE });
    plain.setWeights(dropped.getWeights());
    assert.deepEqual(dropped.predict(dataset.features, 32), plain.predict(dataset.features, 32));
    assert.equal(dropped.evaluate(dataset.features, dataset.labels, 32).loss, plain.evaluate(dataset.features, dataset.labels, 32).loss);
    dropped.trainStep(dataset.features, dataset.labels, 32);
    const dropStats = dropped.nodeStats().find((s) => s.nodeId === 'drop')!;
    const actStats = dropped.nodeStats().find((s) => s.nodeId === 'act')!;
    assert.ok(dropStats.zeroFraction > actStats.zeroFraction + 0.2, 'about half of the units dropped in training');
  });

  it('rejects inconsistent specs and batch sizes with messages that name the node', () => {
    const spec = xorSpec();
    spec.valueWidths[2] = 5;
    assert.throws(() => createProgram(spec, { seed: 1, batchSize: 4, optimizer: SGD_ONE }), /node "act" \(activation\): output width 5 differs from input width 8/);
    const cycle = xorSpec();
    const first = cycle.ops[0];
    if (first.kind === 'dense') first.input = 2;
    assert.throws(() => createProgram(cycle, { seed: 1, batchSize: 4, optimizer: SGD_ONE }), /node "hidden": input 2 is not an earlier value/);
    const program = createProgram(xorSpec(), { seed: 1, batchSize: 4, optimizer: SGD_ONE });
    assert.throws(() => program.trainStep(new Float32Array(10), new Float32Array(5), 5), /batch size must be an integer in \[1, 4\], got 5/);
    assert.throws(() => program.trainStep(new Float32Array(2), new Float32Array(2), 2), /features hold 2 values, fewer than 2 samples × 2 features/);
  });
});
