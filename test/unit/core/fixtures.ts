// Small programs and data sets for the core's tests (the real data sets belong to src/core/datasets).
import type { Dataset, ProgramSpec, TrainingConfig } from '../../../src/core/types';
import { Random } from '../../../src/core/random';

/** 2 → dense(hidden) relu → dense 1, binary cross-entropy folded with the sigmoid node "prob". */
export function xorSpec(hidden = 8): ProgramSpec {
  return {
    featureCount: 2,
    valueWidths: [2, hidden, hidden, 1],
    ops: [
      { kind: 'dense', nodeId: 'hidden', input: 0, units: hidden, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'act', input: 1, fn: 'relu', alpha: 0 },
      { kind: 'dense', nodeId: 'out', input: 2, units: 1, useBias: true, init: 'glorot_uniform' },
    ],
    loss: { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true, activationNodeId: 'prob' },
    labelWidth: 1, labelKind: 'binary', classCount: 2,
  };
}

/** A noisy xor: `copies` jittered copies of the four corners (±1, ±1), label 1 when the signs differ. */
export function xorDataset(copies: number, noise = 0.1, seed = 5): Dataset {
  const random = new Random(seed);
  const n = copies * 4;
  const features = new Float32Array(n * 2);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i & 1) === 0 ? -1 : 1;
    const b = (i & 2) === 0 ? -1 : 1;
    features[i * 2] = a + noise * random.nextNormal();
    features[i * 2 + 1] = b + noise * random.nextNormal();
    labels[i] = a !== b ? 1 : 0;
  }
  return { name: 'xor', features, labels, sampleCount: n, featureCount: 2, labelWidth: 1, labelKind: 'binary', classCount: 2 };
}

/** Three Gaussian blobs in 2-D with class-index labels. */
export function blobsDataset(n: number, seed = 6): Dataset {
  const random = new Random(seed);
  const centers = [[-2, 0], [2, 0], [0, 2.5]];
  const features = new Float32Array(n * 2);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    features[i * 2] = centers[c][0] + 0.5 * random.nextNormal();
    features[i * 2 + 1] = centers[c][1] + 0.5 * random.nextNormal();
    labels[i] = c;
  }
  return { name: 'blobs', features, labels, sampleCount: n, featureCount: 2, labelWidth: 1, labelKind: 'index', classCount: 3 };
}

export function config(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return {
    epochs: 10, batchSize: 4, seed: 42, validationSplit: 0, shuffle: true, metrics: ['accuracy'],
    optimizer: { type: 'adam', learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    ...overrides,
  };
}
