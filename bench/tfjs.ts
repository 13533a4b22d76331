// Benchmark child: trains one workload with TensorFlow.js model.fit, on its cpu backend or its wasm backend (the
// XNNPACK build from node_modules, SIMD on). The model is built from the same compiled program spec as ours, the
// way a Keras user would write it: each activation fused into the Dense layer before it.
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ActivationName, InitializerName, ProgramSpec, TrainingConfig } from '../src/core/index';
import { isWorkloadId, prepareWorkload, type PreparedWorkload } from './workloads';
import { peakRssMiB, printResult, ThroughputClock } from './measure';

const INITIALIZERS: Record<InitializerName, string> = {
  glorot_uniform: 'glorotUniform', glorot_normal: 'glorotNormal', he_uniform: 'heUniform', he_normal: 'heNormal', zeros: 'zeros',
};
const ACTIVATIONS: Partial<Record<ActivationName, string>> = {
  relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', elu: 'elu', softplus: 'softplus', linear: 'linear',
};

function activationOf(fn: ActivationName): string {
  const name = ACTIVATIONS[fn];
  if (name === undefined) throw new Error(`the TF.js benchmark has no mapping for activation '${fn}'`);
  return name;
}

/** A Sequential model for a chain-shaped spec; the activation the loss folded in comes back as the last layer's. */
export function buildSequential(spec: ProgramSpec, seed: number): tf.Sequential {
  const model = tf.sequential();
  let pending: tf.layers.Layer | undefined;
  let denseConfig: { units: number; useBias: boolean; init: InitializerName; activation: string } | undefined;
  const flushDense = (): void => {
    if (denseConfig === undefined) return;
    model.add(tf.layers.dense({
      units: denseConfig.units, useBias: denseConfig.useBias, activation: denseConfig.activation as 'linear',
      kernelInitializer: tf.initializers[INITIALIZERS[denseConfig.init] as 'glorotUniform']({ seed }),
      ...(model.layers.length === 0 ? { inputShape: [spec.featureCount] } : {}),
    }));
    denseConfig = undefined;
  };
  spec.ops.forEach((op, index) => {
    const input = op.kind === 'add' || op.kind === 'concat' ? -1 : op.input;
    if (input !== index) throw new Error(`the TF.js benchmark needs a chain of ops; op ${index} (${op.nodeId}) is not`);
    if (op.kind === 'dense') {
      flushDense();
      denseConfig = { units: op.units, useBias: op.useBias, init: op.init, activation: 'linear' };
    } else if (op.kind === 'activation' && denseConfig !== undefined && denseConfig.activation === 'linear') {
      denseConfig.activation = activationOf(op.fn);
    } else if (op.kind === 'dropout') {
      flushDense();
      pending = tf.layers.dropout({ rate: op.rate, seed });
      model.add(pending);
    } else {
      throw new Error(`the TF.js benchmark cannot place op ${op.nodeId} (${op.kind})`);
    }
  });
  const loss = spec.loss;
  if (loss.kind !== 'mse' && loss.fromLogits && loss.activationNodeId !== undefined) {
    if (denseConfig === undefined) throw new Error('the folded activation does not follow a Dense layer');
    denseConfig.activation = loss.kind === 'binary-cross-entropy' ? 'sigmoid' : 'softmax';
  }
  flushDense();
  return model;
}

function lossName(spec: ProgramSpec): string {
  switch (spec.loss.kind) {
    case 'binary-cross-entropy': return 'binaryCrossentropy';
    case 'categorical-cross-entropy': return 'categoricalCrossentropy';
    case 'mse': return 'meanSquaredError';
  }
}

/** Features and Keras-style labels (one-hot for categorical) of the given rows. */
function tensorsOf(workload: PreparedWorkload, rows: Uint32Array): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const { spec } = workload;
  const { dataset } = workload.data;
  const d = dataset.featureCount;
  const features = new Float32Array(rows.length * d);
  rows.forEach((row, i) => features.set(dataset.features.subarray(row * d, row * d + d), i * d));
  const categorical = spec.loss.kind === 'categorical-cross-entropy';
  const width = categorical ? spec.classCount : dataset.labelWidth;
  const labels = new Float32Array(rows.length * width);
  rows.forEach((row, i) => {
    if (categorical && dataset.labelKind === 'index') labels[i * width + dataset.labels[row]] = 1;
    else labels.set(dataset.labels.subarray(row * dataset.labelWidth, (row + 1) * dataset.labelWidth), i * width);
  });
  return { x: tf.tensor2d(features, [rows.length, d]), y: tf.tensor2d(labels, [rows.length, width]) };
}

function optimizerOf(training: TrainingConfig): tf.Optimizer {
  const spec = training.optimizer;
  if (spec.type !== 'adam') throw new Error(`the TF.js benchmark runs Adam only, not ${spec.type}`);
  return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
}

async function main(): Promise<void> {
  const [backendName, id] = process.argv.slice(2);
  if ((backendName !== 'cpu' && backendName !== 'wasm') || id === undefined || !isWorkloadId(id)) {
    throw new Error('usage: tfjs.ts cpu|wasm W1|W2|W3|W4');
  }
  if (backendName === 'wasm') setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
  if (!(await tf.setBackend(backendName))) throw new Error(`TF.js could not start its ${backendName} backend`);
  await tf.ready();
  const workload = prepareWorkload(id);
  const { spec, training } = workload;
  const model = buildSequential(spec, training.seed);
  model.compile({ optimizer: optimizerOf(training), loss: lossName(spec), metrics: ['accuracy'] });
  const train = tensorsOf(workload, workload.data.trainingRows);
  const trainCount = workload.data.trainingRows.length;
  const clock = new ThroughputClock(training.epochs, Math.ceil(trainCount / training.batchSize), training.batchSize, trainCount);
  const callbacks = clock.unit === 'epoch' ? { onEpochEnd: async () => clock.tick() } : { onBatchEnd: async () => clock.tick() };
  // Validated every epoch, as our trainer does when the graph holds rows out: the same work on both sides.
  const validation = workload.data.validationRows.length > 0 ? tensorsOf(workload, workload.data.validationRows) : undefined;
  const startMs = performance.now();
  const history = await model.fit(train.x, train.y, {
    epochs: training.epochs, batchSize: training.batchSize, shuffle: training.shuffle, verbose: 0, callbacks,
    ...(validation === undefined ? {} : { validationData: [validation.x, validation.y] as [tf.Tensor, tf.Tensor] }),
  });
  const trainSeconds = (performance.now() - startMs) / 1000;
  const losses = history.history.loss as number[];
  const validationAccuracies = (history.history.val_acc ?? history.history.val_accuracy) as number[] | undefined;
  const validationAccuracy = validationAccuracies?.[validationAccuracies.length - 1];
  printResult({
    implementation: `TF.js ${backendName}`,
    workload: id,
    samplesPerSecond: clock.samplesPerSecond(),
    finalLoss: losses[losses.length - 1],
    validationAccuracy,
    peakRssMiB: peakRssMiB(),
    trainSeconds,
    note: backendName === 'wasm' ? `simd=${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}` : undefined,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
