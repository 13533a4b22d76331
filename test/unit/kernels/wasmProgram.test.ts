// Training programs on the wasm backend: their gradients match finite differences, they train like the js backend
// within float32 rounding, and one kernel thread or two give the same bits.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProgram } from '../../../src/core/program/program';
import { createJsBackend } from '../../../src/core/kernels/js';
import { createWasmBackend, type WasmBackend } from '../../../src/core/kernels/wasm/backend';
import { Random } from '../../../src/core/random';
import type { OptimizerSpec, ProgramSpec } from '../../../src/core/types';
import type { Backend } from '../../../src/core/kernels/types';
import type { WasmModule } from '../../../src/core/kernels/wasm/webassembly';
import { kernelModule, until } from './kernelModule';

const SGD_ONE: OptimizerSpec = { type: 'sgd', learningRate: 1, momentum: 0, nesterov: false };
const ADAM: OptimizerSpec = { type: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** in(5) → h: dense 9 → t: tanh, r: relu(h) → s: add(t, r) → c: concat(s, h) → out: dense 3, softmax CCE. */
function branchySpec(): ProgramSpec {
  return {
    featureCount: 5,
    valueWidths: [5, 9, 9, 9, 9, 18, 3],
    ops: [
      { kind: 'dense', nodeId: 'h', input: 0, units: 9, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 't', input: 1, fn: 'tanh', alpha: 0 },
      { kind: 'activation', nodeId: 'r', input: 1, fn: 'relu', alpha: 0 },
      { kind: 'add', nodeId: 's', inputs: [2, 3] },
      { kind: 'concat', nodeId: 'c', inputs: [4, 1] },
      { kind: 'dense', nodeId: 'out', input: 5, units: 3, useBias: true, init: 'he_uniform' },
    ],
    loss: { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 6, fromLogits: true },
    labelWidth: 1, labelKind: 'index', classCount: 3,
  };
}

/** The W2 shape at a smaller scale, wide enough for the kernel thread to take part: 256 → 128 relu → 10. */
function wideSpec(): ProgramSpec {
  return {
    featureCount: 256,
    valueWidths: [256, 128, 128, 10],
    ops: [
      { kind: 'dense', nodeId: 'hidden', input: 0, units: 128, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'relu', input: 1, fn: 'relu', alpha: 0 },
      { kind: 'dense', nodeId: 'logits', input: 2, units: 10, useBias: true, init: 'glorot_uniform' },
    ],
    loss: { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true, activationNodeId: 'softmax' },
    labelWidth: 1, labelKind: 'index', classCount: 10,
  };
}

function batchOf(spec: ProgramSpec, rows: number, seed: number): { features: Float32Array; labels: Float32Array } {
  const random = new Random(seed);
  const features = Float32Array.from({ length: rows * spec.featureCount }, () => random.nextNormal());
  const labels = Float32Array.from({ length: rows }, () => random.nextInt(spec.classCount));
  return { features, labels };
}

/** Losses of `steps` Adam steps on fixed batches, and the final weights. */
function trainSteps(spec: ProgramSpec, backend: Backend, steps: number): { losses: number[]; weights: Float32Array[] } {
  const rows = 64;
  const program = createProgram(spec, { seed: 11, batchSize: rows, optimizer: ADAM, backend });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { features, labels } = batchOf(spec, rows, 100 + step);
    const result = program.trainStep(features, labels, rows);
    assert.ok(result.finite, 'the loss stays finite');
    losses.push(result.loss);
  }
  return { losses, weights: program.getWeights().map((tensor) => tensor.data) };
}

describe('training programs on the wasm backend', () => {
  let module: WasmModule;
  let single: WasmBackend;
  let pair: WasmBackend;
  before(async () => {
    module = await kernelModule();
    single = createWasmBackend(module, { threads: 1 });
    pair = createWasmBackend(module, { threads: 2 });
    await until(() => pair.parallel);
  });
  after(() => {
    single.dispose();
    pair.dispose();
  });

  it('gradients through fan-out, add and concat match finite differences of the loss', () => {
    const spec = branchySpec();
    const rows = 6;
    const { features, labels } = batchOf(spec, rows, 3);
    const probe = createProgram(spec, { seed: 4, batchSize: rows, optimizer: SGD_ONE, backend: single });
    const initial = probe.getWeights();
    probe.trainStep(features, labels, rows); // SGD at rate 1: the step subtracts exactly the gradient
    const stepped = probe.getWeights();
    const evaluator = createProgram(spec, { seed: 4, batchSize: rows, optimizer: SGD_ONE, backend: single });
    const eps = 1e-2;
    for (let t = 0; t < initial.length; t++) {
      for (let i = 0; i < initial[t].data.length; i++) {
        const lossAt = (delta: number): number => {
          const weights = initial.map((tensor) => ({ ...tensor, data: tensor.data.slice() }));
          weights[t].data[i] += delta;
          evaluator.setWeights(weights);
          return evaluator.evaluate(features, labels, rows).loss;
        };
        const numeric = (lossAt(eps) - lossAt(-eps)) / (2 * eps);
        const analytic = initial[t].data[i] - stepped[t].data[i];
        assert.ok(Math.abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.abs(numeric), `${initial[t].name}[${i}]: ${analytic} vs ${numeric}`);
      }
    }
  });

  it('trains like the js backend: 20 Adam steps, losses and weights within float32 rounding', () => {
    const reference = trainSteps(wideSpec(), createJsBackend(), 20);
    const wasm = trainSteps(wideSpec(), single, 20);
    reference.losses.forEach((loss, step) => {
      assert.ok(Math.abs(wasm.losses[step] - loss) <= 1e-5 * Math.max(1, Math.abs(loss)), `step ${step + 1}: ${wasm.losses[step]} vs ${loss}`);
    });
    reference.weights.forEach((tensor, t) => {
      for (let i = 0; i < tensor.length; i++) {
        assert.ok(Math.abs(wasm.weights[t][i] - tensor[i]) <= 1e-5, `tensor ${t} [${i}]: ${wasm.weights[t][i]} vs ${tensor[i]}`);
      }
    });
  });

  it('gives the same bits on one kernel thread and on two (the seed contract holds whatever the machine)', () => {
    const one = trainSteps(wideSpec(), single, 10);
    const chunksBefore = pair.workerChunks;
    const two = trainSteps(wideSpec(), pair, 10);
    assert.ok(pair.workerChunks > chunksBefore, 'the second thread took part');
    assert.deepEqual(two.losses, one.losses);
    assert.deepEqual(two.weights, one.weights);
  });
});
