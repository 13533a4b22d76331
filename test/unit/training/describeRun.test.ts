import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../../src/graph/index';
import {
  describeDataset, describeFirstError, describeOptimizer, describeStop, describeWeightsOrigin,
} from '../../../src/extension/training/describeRun';
import { epochLine } from '../../../src/core/index';
import { formatMetric } from '../../../src/extension/training/formatMetric';
import { graphText } from './helpers';

test('a diverged run names the epoch, step and node, and suggests what to try', () => {
  const described = describeStop({ kind: 'non-finite', epoch: 2, step: 7, nodeId: 'out', message: 'Loss became NaN' }, 1, 32);
  assert.equal(described.status, 'non-finite');
  assert.match(described.failure?.message ?? '', /epoch 2, step 7 at node 'out': Loss became NaN/);
  assert.match(described.failure?.suggestion ?? '', /lower learning rate/);
  assert.deepEqual([described.failure?.epoch, described.failure?.step, described.failure?.nodeId], [2, 7, 'out']);
  assert.equal(describeStop({ kind: 'cancelled' }, 3, 80).summary, 'Stopped (80 steps, 3 epochs)');
  assert.equal(describeStop({ kind: 'completed' }, 1, 1).summary, 'Completed (1 step, 1 epoch)');
});

test('a graph with errors is described by its error count and first error, with node, field and line', () => {
  const text = graphText({
    dataset: { builtin: 'moons' }, hidden: [0], outputUnits: 1, mode: 'binary', optimizer: { type: 'adam' }, epochs: 1,
  });
  const result = compileText(text);
  assert.ok(!result.ok);
  const sentence = describeFirstError(result.diagnostics);
  assert.match(sentence, /^\d+ errors?; the first \(node 'hidden0', params\.units, line 1\): /);
});

test('configuration words: optimizer, data set, weights origin', () => {
  assert.equal(describeOptimizer({ type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }), 'SGD (learning rate 0.1, momentum 0.9, Nesterov)');
  assert.equal(describeOptimizer({ type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }), 'Adam (learning rate 0.001)');
  assert.equal(describeDataset({ kind: 'builtin', name: 'moons', options: { samples: 1000 } }), 'moons (samples 1000)');
  assert.equal(describeDataset({ kind: 'csv', path: 'data/x.csv', label: 'y' }), "data/x.csv (label 'y')");
  assert.match(describeWeightsOrigin({ kind: 'mismatch', reason: 'r' }), /^fresh: saved weights not used, r$/);
});

test('epoch lines read like Keras', () => {
  const line = epochLine({
    epoch: 3, globalStep: 30, samplesSeen: 300, loss: 0.25, accuracy: 0.9, valLoss: 0.3, valAccuracy: 0.875, samplesPerSecond: 1234.4, elapsedMs: 10,
  }, 10);
  // The same line as `nngraph train` prints: the output channel and the command line share core/run/report.ts.
  assert.equal(line, 'Epoch 3/10 - 10ms - loss: 0.2500 - accuracy: 0.9000 - val_loss: 0.3000 - val_accuracy: 0.8750 - 1,234 samples/s');
  assert.equal(formatMetric(Number.NaN), 'NaN');
  assert.equal(formatMetric(1e-5), '1.000e-5');
});
