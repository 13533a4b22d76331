// The benchmark's workloads, built the same way for every implementation: each is a .nngraph file compiled by our
// graph compiler; the data is synthetic from a fixed seed (W1–W3) or the shipped digits set (W4). Every child process
// calls prepareWorkload() and gets bit-identical features, labels, split and program spec.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileText } from '../src/graph/index';
import type { DatasetInfo } from '../src/graph/index';
import { prepareRunData, Random, type Dataset, type ProgramSpec, type RunData, type TrainingConfig } from '../src/core/index';
import { loadBuiltinDataset, type NormalizeMethod } from '../src/core/datasets/index';
import { createDataFileReader } from '../src/core/datasets/node';

export const WORKLOAD_IDS = ['W1', 'W2', 'W3', 'W4'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

interface SyntheticWorkload {
  title: string;
  features: number;
  hidden: number[];
  classes: number; // 2 = binary (one sigmoid unit), otherwise softmax over `classes`
  batchSize: number;
  epochs: number;
  samples: number;
}

const SYNTHETIC: Record<Exclude<WorkloadId, 'W4'>, SyntheticWorkload> = {
  W1: { title: 'tutorial 20→10→1', features: 20, hidden: [10], classes: 2, batchSize: 32, epochs: 10, samples: 10_000 },
  W2: { title: 'MNIST-size 784→128→10', features: 784, hidden: [128], classes: 10, batchSize: 64, epochs: 2, samples: 20_000 },
  W3: { title: 'wide 256→512→512→10', features: 256, hidden: [512, 512], classes: 10, batchSize: 256, epochs: 1, samples: 20_000 },
};

export const DATA_SEED = 20240607;
const DIGITS_EPOCHS = 20;
const ROOT = join(__dirname, '..');

export interface PreparedWorkload {
  id: WorkloadId;
  title: string;
  spec: ProgramSpec;
  training: TrainingConfig;
  /** The whole data set as loaded, in file order: what our run is created from. */
  dataset: Dataset;
  normalize: NormalizeMethod;
  /** The run's own preparation of it (split, scaled from the training rows), for the other frameworks to train on. */
  data: RunData;
}

export function isWorkloadId(value: string): value is WorkloadId {
  return (WORKLOAD_IDS as readonly string[]).includes(value);
}

export function workloadTitle(id: WorkloadId): string {
  return id === 'W4' ? 'digits (examples/digits.nngraph, 20 epochs)' : SYNTHETIC[id].title;
}

/** The size the engines' speed is compared by: multiply-adds of one sample's forward pass through the dense layers. */
export function multiplyAddsPerSample(spec: ProgramSpec): number {
  return spec.ops.reduce((sum, op) => sum + (op.kind === 'dense' ? spec.valueWidths[op.input] * op.units : 0), 0);
}

export function prepareWorkload(id: WorkloadId): PreparedWorkload {
  return id === 'W4' ? prepareDigits() : prepareSynthetic(id, SYNTHETIC[id]);
}

/** A chain input → (dense → relu)* → dense → sigmoid/softmax → cross-entropy, as a user would draw it. */
function syntheticGraphText(workload: SyntheticWorkload): string {
  const binary = workload.classes === 2;
  const nodes: object[] = [{ id: 'data', type: 'input', position: { x: 0, y: 0 },
    params: { dataset: { csv: 'synthetic.csv', label: 'label' }, normalize: 'none' } }];
  const edges: object[] = [];
  let previous = 'data.features';
  const chain = (id: string, type: string, params: object): void => {
    nodes.push({ id, type, position: { x: 200 * nodes.length, y: 0 }, params });
    edges.push({ from: previous, to: `${id}.in` });
    previous = `${id}.out`;
  };
  workload.hidden.forEach((units, index) => {
    chain(`hidden${index + 1}`, 'dense', { units });
    chain(`relu${index + 1}`, 'activation', { fn: 'relu' });
  });
  chain('logits', 'dense', { units: binary ? 1 : workload.classes });
  chain('probabilities', 'activation', { fn: binary ? 'sigmoid' : 'softmax' });
  nodes.push({ id: 'loss', type: 'cross-entropy', position: { x: 200 * nodes.length, y: 0 },
    params: { mode: binary ? 'binary' : 'categorical' } });
  edges.push({ from: previous, to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' });
  return JSON.stringify({
    format: 'nngraph', version: 1, name: 'benchmark', nodes, edges,
    training: {
      optimizer: { type: 'adam', learningRate: 0.001 }, epochs: workload.epochs, batchSize: workload.batchSize,
      seed: 42, validationSplit: 0, shuffle: true, metrics: ['accuracy'],
    },
  });
}

function compileOrThrow(text: string, info?: DatasetInfo): ReturnType<typeof compileText> & { ok: true } {
  const compiled = compileText(text, info === undefined ? undefined : () => info);
  if (!compiled.ok) {
    throw new Error(`the benchmark graph does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return compiled;
}

/**
 * Features N(0, 1); the label comes from a fixed random "teacher" network (one hidden tanh layer) plus noise, so
 * the task is learnable but not linear and the losses mean something.
 */
function prepareSynthetic(id: WorkloadId, workload: SyntheticWorkload): PreparedWorkload {
  const compiled = compileOrThrow(syntheticGraphText(workload), { featureCount: workload.features, classCount: workload.classes });
  const { spec, training } = compiled;
  const random = new Random(DATA_SEED + workload.features);
  const n = workload.samples;
  const d = workload.features;
  const outputs = workload.classes === 2 ? 1 : workload.classes;
  const teacherHidden = 32;
  const w1 = Float64Array.from({ length: d * teacherHidden }, () => random.nextNormal() / Math.sqrt(d));
  const w2 = Float64Array.from({ length: teacherHidden * outputs }, () => random.nextNormal() * 2);
  const features = new Float32Array(n * d);
  for (let i = 0; i < features.length; i++) features[i] = random.nextNormal();
  const classIndex = new Uint32Array(n);
  const hidden = new Float64Array(teacherHidden);
  const scores = new Float64Array(outputs);
  for (let s = 0; s < n; s++) {
    for (let h = 0; h < teacherHidden; h++) {
      let sum = 0;
      for (let f = 0; f < d; f++) sum += features[s * d + f] * w1[f * teacherHidden + h];
      hidden[h] = Math.tanh(sum);
    }
    let best = 0;
    for (let o = 0; o < outputs; o++) {
      let sum = 0.5 * random.nextNormal();
      for (let h = 0; h < teacherHidden; h++) sum += hidden[h] * w2[h * outputs + o];
      scores[o] = sum;
      if (sum > scores[best]) best = o;
    }
    classIndex[s] = outputs === 1 ? (scores[0] > 0 ? 1 : 0) : best;
  }
  const dataset: Dataset = {
    name: `synthetic ${id}`, features, labels: layOutLabels(classIndex, spec), sampleCount: n, featureCount: d,
    labelWidth: spec.labelWidth, labelKind: spec.labelKind, classCount: spec.classCount,
  };
  const data = prepareRunData(dataset, spec, training, 'none');
  return { id, title: workload.title, spec, training, dataset, normalize: 'none', data };
}

function layOutLabels(classIndex: Uint32Array, spec: ProgramSpec): Float32Array {
  if (spec.labelKind !== 'onehot') return Float32Array.from(classIndex);
  const labels = new Float32Array(classIndex.length * spec.labelWidth);
  for (let s = 0; s < classIndex.length; s++) labels[s * spec.labelWidth + classIndex[s]] = 1;
  return labels;
}

/** W4: the example graph on the shipped digits set, prepared by the core's run as the CLI's is. */
function prepareDigits(): PreparedWorkload {
  const path = join(ROOT, 'examples', 'digits.nngraph');
  const compiled = compileOrThrow(readFileSync(path, 'utf8'));
  const { spec, dataset: ref, normalize } = compiled;
  // The file's model, optimizer, batch size, seed and split; the benchmark's fixed 20 epochs.
  const training = { ...compiled.training, epochs: DIGITS_EPOCHS };
  if (ref.kind !== 'builtin') throw new Error(`${path}: the benchmark expects the built-in digits set, found a CSV`);
  const dataset = loadBuiltinDataset(ref.name, ref.options, training.seed, createDataFileReader());
  const data = prepareRunData(dataset, spec, training, normalize);
  return { id: 'W4', title: workloadTitle('W4'), spec, training, dataset, normalize, data };
}
