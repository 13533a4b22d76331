import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainRun, type EpochReport } from '../../../src/core/index';
import { writeSafetensors } from '../../../src/core/weights';
import { createDatasetLoader, csvRequest } from '../../../src/cli/data';
import { prepareRun, type PreparedRun } from '../../../src/cli/trainSetup';
import type { Output } from '../../../src/cli/output';
import { WorkerHost } from '../../../src/extension/training/workerHost';
import { compileText } from '../../../src/graph/index';
import type { WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker } from '../training/helpers';

// The shipped examples learn what they are meant to, on both paths that train them: `nngraph train` (compile, load,
// then the core's Run) and the editor's (the training worker's loop over the same Run, started as the extension
// starts it). Accuracy thresholds, never times.

const examples = join(__dirname, '..', '..', '..', 'examples');
const silent: Output = { out: () => {}, err: (text) => assert.fail(`unexpected message: ${text}`), status: () => {}, interactive: false };

async function trainOnCommandLine(name: string): Promise<{ prepared: PreparedRun; epochs: readonly EpochReport[] }> {
  const prepared = prepareRun(join(examples, name), { json: false, quiet: true }, silent);
  const result = await trainRun(prepared.run);
  assert.equal(result.stop.kind, 'completed');
  return { prepared, epochs: result.epochs };
}

/** The editor's path: the example compiled as the extension compiles it, trained by the real worker bundle. */
async function trainInWorker(name: string): Promise<EpochReport[]> {
  const file = join(examples, name);
  const compiled = compileText(readFileSync(file, 'utf8'), undefined, createDatasetLoader(file, {}).analyzeOptions);
  assert.ok(compiled.ok);
  const csvFile = compiled.dataset.kind === 'csv' ? csvRequest(file, compiled.dataset.path, {}) : undefined;
  const messages: WorkerToHostMessage[] = [];
  const worker = new WorkerHost(await buildWorker(), {
    runId: 1, spec: compiled.spec, training: compiled.training, streamIntervalMs: 33, statsIntervalMs: 250,
    dataset: { ref: compiled.dataset, csvFile, normalize: compiled.normalize },
  }, { onMessage: (message) => messages.push(message), onExit: () => undefined });
  await worker.done;
  const finished = messages.find((message) => message.type === 'finished');
  assert.ok(finished?.type === 'finished' && finished.stop.kind === 'completed', JSON.stringify(messages.filter((m) => m.type === 'failed')));
  return messages.flatMap((message) => (message.type === 'progress' ? message.epochs : []));
}

async function bothPaths(name: string): Promise<{ prepared: PreparedRun; paths: Array<[string, readonly EpochReport[]]> }> {
  const { prepared, epochs } = await trainOnCommandLine(name);
  return { prepared, paths: [['command line', epochs], ['worker', await trainInWorker(name)]] };
}

test('xor: every sample classified right', async () => {
  const { prepared, paths } = await bothPaths('xor.nngraph');
  assert.equal(prepared.run.evaluateAll().accuracy, 1);
  for (const [path, epochs] of paths) assert.equal(epochs.at(-1)?.accuracy, 1, path);
  prepared.run.dispose();
});

test('iris: at least 93% validation accuracy within 50 epochs', async () => {
  const { prepared, paths } = await bothPaths('iris.nngraph');
  assert.ok(prepared.run.training.epochs <= 50 && prepared.run.training.validationSplit === 0.2);
  for (const [path, epochs] of paths) {
    const last = epochs.at(-1);
    assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.93, `${path}: val_accuracy ${last?.valAccuracy}`);
  }
  prepared.run.dispose();
});

test('digits: at least 97% validation accuracy within 50 epochs', async () => {
  const { prepared, paths } = await bothPaths('digits.nngraph');
  assert.ok(prepared.run.training.epochs <= 50 && prepared.run.training.validationSplit === 0.2);
  for (const [path, epochs] of paths) {
    const last = epochs.at(-1);
    assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.97, `${path}: val_accuracy ${last?.valAccuracy}`);
  }
  prepared.run.dispose();
});

test('spiral: at least 90% validation accuracy', async () => {
  const { prepared, paths } = await bothPaths('spiral.nngraph');
  for (const [path, epochs] of paths) {
    const last = epochs.at(-1);
    assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.9, `${path}: val_accuracy ${last?.valAccuracy}`);
  }
  prepared.run.dispose();
});

test('circles-features: the x² of a features node lets one sigmoid unit draw the circle; without it, it stays near chance', async () => {
  const { prepared, paths } = await bothPaths('circles-features.nngraph');
  for (const [path, epochs] of paths) {
    const last = epochs.at(-1);
    assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.97, `${path}: val_accuracy ${last?.valAccuracy}`);
  }
  prepared.run.dispose();
  // The same logistic regression on the raw coordinates: the features node is what solves it.
  const graph = JSON.parse(readFileSync(join(examples, 'circles-features.nngraph'), 'utf8')) as { nodes: Array<{ id: string }>; edges: Array<{ from: string; to: string }> };
  graph.nodes = graph.nodes.filter((node) => node.id !== 'derived');
  graph.edges = graph.edges.filter((edge) => edge.to !== 'derived.in').map((edge) => (edge.from === 'derived.out' ? { ...edge, from: 'data.features' } : edge));
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-circles-'));
  try {
    writeFileSync(join(folder, 'raw.nngraph'), JSON.stringify(graph));
    const raw = prepareRun(join(folder, 'raw.nngraph'), { json: false, quiet: true }, silent);
    const result = await trainRun(raw.run);
    const rawAccuracy = result.epochs.at(-1)?.valAccuracy;
    console.log(`circles, one sigmoid unit: val_accuracy ${rawAccuracy} without the features node`);
    assert.ok(rawAccuracy !== undefined && rawAccuracy <= 0.65, `without the features node: val_accuracy ${rawAccuracy}`);
    raw.run.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the tutorial learns: its loss falls every epoch', async () => {
  const { prepared, paths } = await bothPaths('tutorial.nngraph');
  for (const [path, epochs] of paths) {
    const losses = epochs.map((epoch) => epoch.loss);
    assert.equal(losses.length, 10, path);
    for (let i = 1; i < losses.length; i++) assert.ok(losses[i] < losses[i - 1], `${path}, epoch ${i + 1}: ${losses[i]} ≥ ${losses[i - 1]}`);
  }
  prepared.run.dispose();
});

test('the same file and seed, run twice, give byte-identical weights; another seed does not', async () => {
  const weightsOf = async (seed?: number): Promise<string> => {
    const { run } = prepareRun(join(examples, 'spiral.nngraph'), { json: false, quiet: true, epochs: 3, seed }, silent);
    await trainRun(run);
    const bytes = writeSafetensors(run.program.getWeights());
    run.dispose();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  };
  const first = await weightsOf();
  assert.equal(await weightsOf(), first);
  assert.notEqual(await weightsOf(7), first);
});
