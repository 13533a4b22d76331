// Cross-checks training against TensorFlow.js (cpu backend): the same model, initial weights, batches and Adam
// settings must give the same loss at every step. Exported so every Backend runs the same check.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { Backend } from '../../../src/core/kernels/types';
import type { LabelKind, ProgramSpec } from '../../../src/core/types';
import { createProgram } from '../../../src/core/program/program';
import { Random } from '../../../src/core/random';

const STEPS = 50;
const BATCH = 16;
const SAMPLES = 64;
const RELATIVE_TOLERANCE = 1e-4;
const ADAM = { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

interface CrossCheckModel {
  name: string;
  spec: ProgramSpec;
  /** Labels in our layout and in TF.js's (one-hot for categorical). */
  makeLabels(random: Random, features: Float32Array): { ours: Float32Array; theirs: Float32Array; theirWidth: number };
  outputActivation: 'sigmoid' | 'softmax';
  tfLoss: string;
}

function mlpSpec(features: number, hidden: number, outputs: number, loss: ProgramSpec['loss'], labelKind: LabelKind, labelWidth: number): ProgramSpec {
  return {
    featureCount: features,
    valueWidths: [features, hidden, hidden, outputs],
    ops: [
      { kind: 'dense', nodeId: 'hidden', input: 0, units: hidden, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'relu', input: 1, fn: 'relu', alpha: 0 },
      { kind: 'dense', nodeId: 'out', input: 2, units: outputs, useBias: true, init: 'glorot_uniform' },
    ],
    loss, labelKind, labelWidth, classCount: outputs === 1 ? 2 : outputs,
  };
}

const MODELS: CrossCheckModel[] = [2, 20].map((features): CrossCheckModel => ({
  name: `${features} features → dense 10 relu → dense 1 sigmoid → binary cross-entropy`,
  spec: mlpSpec(features, 10, 1, { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true, activationNodeId: 'prob' }, 'binary', 1),
  makeLabels(_random, x) {
    const labels = new Float32Array(SAMPLES);
    for (let i = 0; i < SAMPLES; i++) labels[i] = x[i * features] * x[i * features + 1] > 0 ? 1 : 0; // xor-like
    return { ours: labels, theirs: labels, theirWidth: 1 };
  },
  outputActivation: 'sigmoid',
  tfLoss: 'binaryCrossentropy',
}));
MODELS.push({
  name: '4 features → dense 10 relu → dense 3 softmax → categorical cross-entropy (class-index labels)',
  spec: mlpSpec(4, 10, 3, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true, activationNodeId: 'softmax' }, 'index', 1),
  makeLabels(random) {
    const ours = new Float32Array(SAMPLES);
    const theirs = new Float32Array(SAMPLES * 3);
    for (let i = 0; i < SAMPLES; i++) { ours[i] = random.nextInt(3); theirs[i * 3 + ours[i]] = 1; }
    return { ours, theirs, theirWidth: 3 };
  },
  outputActivation: 'softmax',
  tfLoss: 'categoricalCrossentropy',
});

async function checkModel(model: CrossCheckModel, backend: Backend): Promise<void> {
  const random = new Random(2024);
  const featureCount = model.spec.featureCount;
  const features = new Float32Array(SAMPLES * featureCount);
  for (let i = 0; i < features.length; i++) features[i] = 2 * random.nextFloat() - 1;
  const labels = model.makeLabels(random, features);
  const program = createProgram(model.spec, { seed: 7, batchSize: BATCH, optimizer: ADAM, backend });

  const tfModel = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [featureCount], units: 10, activation: 'relu' }),
      tf.layers.dense({ units: model.spec.valueWidths[3], activation: model.outputActivation }),
    ],
  });
  tfModel.compile({ optimizer: tf.train.adam(ADAM.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon), loss: model.tfLoss });
  tfModel.setWeights(program.getWeights().map((w) => tf.tensor(w.data, w.shape)));

  const batches = SAMPLES / BATCH;
  for (let step = 0; step < STEPS; step++) {
    const start = (step % batches) * BATCH;
    const batchFeatures = features.subarray(start * featureCount, (start + BATCH) * featureCount);
    const ours = program.trainStep(batchFeatures, labels.ours.subarray(start * model.spec.labelWidth, (start + BATCH) * model.spec.labelWidth), BATCH);
    assert.ok(ours.finite, `${model.name}: step ${step + 1} not finite`);
    const x = tf.tensor2d(batchFeatures, [BATCH, featureCount]);
    const y = tf.tensor2d(labels.theirs.subarray(start * labels.theirWidth, (start + BATCH) * labels.theirWidth), [BATCH, labels.theirWidth]);
    const theirs = (await tfModel.trainOnBatch(x, y)) as number;
    x.dispose();
    y.dispose();
    assert.ok(
      Math.abs(ours.loss - theirs) <= RELATIVE_TOLERANCE * Math.abs(theirs),
      `${model.name} on ${backend.name}: step ${step + 1} loss ${ours.loss} vs TF.js ${theirs}`,
    );
  }
  tfModel.dispose();
}

/** Trains the cross-check models on `backend` and on TF.js side by side; throws at the first step that differs. */
export async function runCrossCheck(backend: Backend): Promise<void> {
  await tf.setBackend('cpu');
  for (const model of MODELS) await checkModel(model, backend);
}
