// Per-sample losses (TrainingProgram.evaluateSamples): each sample's loss must be exactly the core's loss for a batch
// of that one sample, for every loss the core has (fused and not, binary and categorical, index and one-hot labels),
// and the outputs must be what predict gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OptimizerSpec, ProgramSpec } from '../../../src/core/types';
import { createProgram } from '../../../src/core/program/program';
import { predictedClass } from '../../../src/core/metrics';
import { Random } from '../../../src/core/random';
import { blobsDataset, xorDataset, xorSpec } from './fixtures';

const SGD: OptimizerSpec = { type: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false };

/** 2 → dense 6 tanh → dense 3, then softmax + categorical cross-entropy, fused or as a separate softmax node. */
function blobsSpec(fused: boolean, labelKind: 'index' | 'onehot', l2 = 0): ProgramSpec {
  const ops: ProgramSpec['ops'] = [
    { kind: 'dense', nodeId: 'h', input: 0, units: 6, useBias: true, init: 'glorot_uniform', l2 },
    { kind: 'activation', nodeId: 't', input: 1, fn: 'tanh', alpha: 0 },
    { kind: 'dense', nodeId: 'o', input: 2, units: 3, useBias: true, init: 'glorot_uniform' },
  ];
  if (!fused) ops.push({ kind: 'activation', nodeId: 's', input: 3, fn: 'softmax', alpha: 0 });
  return {
    featureCount: 2, valueWidths: fused ? [2, 6, 6, 3] : [2, 6, 6, 3, 3], ops,
    loss: { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: fused ? 3 : 4, fromLogits: fused },
    labelWidth: labelKind === 'index' ? 1 : 3, labelKind, classCount: 3,
  };
}

/** xor with the sigmoid as its own node, so the loss reads probabilities (clipped to ε). */
function xorProbabilitySpec(): ProgramSpec {
  const spec = xorSpec(8);
  return {
    ...spec, valueWidths: [...spec.valueWidths, 1],
    ops: [...spec.ops, { kind: 'activation', nodeId: 'prob', input: 3, fn: 'sigmoid', alpha: 0 }],
    loss: { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 4, fromLogits: false },
  };
}

function oneHot(labels: Float32Array, classCount: number): Float32Array {
  const rows = new Float32Array(labels.length * classCount);
  for (let i = 0; i < labels.length; i++) rows[i * classCount + labels[i]] = 1;
  return rows;
}

interface Case { name: string; spec: ProgramSpec; features: Float32Array; labels: Float32Array; count: number }

function cases(): Case[] {
  const xor = xorDataset(10, 0.4);
  const blobs = blobsDataset(45);
  return [
    { name: 'fused sigmoid + binary cross-entropy', spec: xorSpec(8), features: xor.features, labels: xor.labels, count: xor.sampleCount },
    { name: 'binary cross-entropy on probabilities', spec: xorProbabilitySpec(), features: xor.features, labels: xor.labels, count: xor.sampleCount },
    { name: 'fused softmax, index labels', spec: blobsSpec(true, 'index'), features: blobs.features, labels: blobs.labels, count: blobs.sampleCount },
    { name: 'separate softmax, one-hot labels', spec: blobsSpec(false, 'onehot'), features: blobs.features, labels: oneHot(blobs.labels, 3), count: blobs.sampleCount },
  ];
}

/** A few SGD steps, so the weights are neither the initial ones nor a perfect fit. */
function trained(spec: ProgramSpec, features: Float32Array, labels: Float32Array, count: number) {
  const program = createProgram(spec, { seed: 7, batchSize: 16, optimizer: SGD });
  for (let step = 0; step < 5; step++) program.trainStep(features, labels, 16);
  assert.ok(count > 16);
  return program;
}

describe('per-sample losses', () => {
  for (const { name, spec, features, labels, count } of cases()) {
    it(`${name}: each sample's loss is the core's loss for a batch of one, and the outputs are predict's`, () => {
      const program = trained(spec, features, labels, count);
      const { outputs, losses } = program.evaluateSamples(features, labels, count); // chunks of 16 with a partial last one
      assert.equal(losses.length, count);
      const predictions = program.predict(features, count);
      assert.deepEqual(outputs, predictions);
      const featureCount = spec.featureCount;
      let largest = 0;
      for (let i = 0; i < count; i++) {
        const alone = program.evaluate(
          features.subarray(i * featureCount, (i + 1) * featureCount), labels.subarray(i * spec.labelWidth, (i + 1) * spec.labelWidth), 1,
        ).loss;
        assert.ok(Number.isFinite(losses[i]) && losses[i] > 0, `sample ${i}: loss ${losses[i]}`);
        largest = Math.max(largest, Math.abs(alone - losses[i]));
      }
      assert.equal(largest, 0, `largest difference from a batch of one: ${largest}`);
      // The mean of the per-sample losses is the loss over all of them (no regularization here).
      let sum = 0;
      for (const loss of losses) sum += loss;
      const whole = program.evaluate(features, labels, count).loss;
      assert.ok(Math.abs(sum / count - whole) < 1e-9, `${sum / count} vs ${whole}`);
    });
  }

  it('the loss is −log of the probability the outputs give the true class (binary: p or 1 − p)', () => {
    for (const { name, spec, features, labels, count } of cases()) {
      const program = trained(spec, features, labels, count);
      const { outputs, losses } = program.evaluateSamples(features, labels, count);
      const width = spec.valueWidths[spec.loss.predictions];
      for (let i = 0; i < count; i++) {
        let trueClass: number;
        if (spec.labelKind === 'onehot') trueClass = labels.subarray(i * 3, i * 3 + 3).indexOf(1);
        else trueClass = labels[i];
        const p = width === 1 ? (trueClass === 1 ? outputs[i] : 1 - outputs[i]) : outputs[i * width + trueClass];
        // Float32 probabilities against a loss computed in float64 from the logits: agree to float32's precision.
        assert.ok(Math.abs(-Math.log(p) - losses[i]) < 1e-5 * Math.max(1, losses[i]), `${name} sample ${i}: −log ${p} vs ${losses[i]}`);
      }
    }
  });

  it('leaves the regularization term out: a batch of one evaluates to the sample loss plus the penalty', () => {
    const blobs = blobsDataset(45);
    const spec = blobsSpec(true, 'index', 0.01);
    const program = trained(spec, blobs.features, blobs.labels, blobs.sampleCount);
    const { losses } = program.evaluateSamples(blobs.features, blobs.labels, blobs.sampleCount);
    const unpenalized = createProgram(blobsSpec(true, 'index', 0), { seed: 7, batchSize: 16, optimizer: SGD });
    unpenalized.setWeights(program.getWeights());
    const alone = program.evaluate(blobs.features.subarray(0, 2), blobs.labels.subarray(0, 1), 1).loss;
    const plain = unpenalized.evaluate(blobs.features.subarray(0, 2), blobs.labels.subarray(0, 1), 1).loss;
    assert.equal(losses[0], plain);
    assert.ok(alone - plain > 1e-4, `penalty ${alone - plain}`);
  });

  it('predictedClass follows the confusion matrix: one sigmoid column above 0.5 is class 1, softmax by argmax', () => {
    const binary = xorSpec(4);
    assert.equal(predictedClass(binary, Float32Array.of(0.5, 0.51, 0.2), 0), 0);
    assert.equal(predictedClass(binary, Float32Array.of(0.5, 0.51, 0.2), 1), 1);
    const categorical = blobsSpec(true, 'index');
    assert.equal(predictedClass(categorical, Float32Array.of(0.1, 0.2, 0.7, 0.5, 0.3, 0.2), 1), 0);
    assert.equal(predictedClass(categorical, Float32Array.of(0.1, 0.2, 0.7, 0.5, 0.3, 0.2), 0), 2);
    const random = new Random(1);
    assert.equal(predictedClass({ ...binary, loss: { kind: 'mse', nodeId: 'l', predictions: 3 } }, Float32Array.of(random.nextNormal()), 0), -1);
  });
});
