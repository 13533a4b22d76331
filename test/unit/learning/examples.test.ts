import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { train, type TrainResult } from '../../../src/core/index';
import { writeSafetensors } from '../../../src/core/weights';
import { prepareRun, type PreparedRun } from '../../../src/cli/trainSetup';
import type { Output } from '../../../src/cli/output';

// The shipped examples learn what they are meant to, through the same path `nngraph train` takes (compile, load,
// lay out labels, normalize from the training rows, train). Accuracy thresholds, never times.

const examples = join(__dirname, '..', '..', '..', 'examples');
const silent: Output = { out: () => {}, err: (text) => assert.fail(`unexpected message: ${text}`), status: () => {}, interactive: false };

function disposeRun(run: PreparedRun): void {
  run.program.dispose();
  run.backend.dispose();
}

async function trainExample(name: string): Promise<{ run: PreparedRun; result: TrainResult }> {
  const run = prepareRun(join(examples, name), { json: false, quiet: true }, silent);
  const result = await train(run.program, run.dataset, run.training);
  assert.equal(result.stop.kind, 'completed');
  return { run, result };
}

test('xor: every sample classified right', async () => {
  const { run } = await trainExample('xor.nngraph');
  const { accuracy } = run.program.evaluate(run.dataset.features, run.dataset.labels, run.dataset.sampleCount);
  assert.equal(accuracy, 1);
  disposeRun(run);
});

test('iris: at least 93% validation accuracy within 50 epochs', async () => {
  const { run, result } = await trainExample('iris.nngraph');
  assert.ok(run.training.epochs <= 50 && run.training.validationSplit === 0.2);
  const last = result.epochs.at(-1);
  assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.93, `val_accuracy ${last?.valAccuracy}`);
  disposeRun(run);
});

test('digits: at least 97% validation accuracy within 50 epochs', async () => {
  const { run, result } = await trainExample('digits.nngraph');
  assert.ok(run.training.epochs <= 50 && run.training.validationSplit === 0.2);
  const last = result.epochs.at(-1);
  assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.97, `val_accuracy ${last?.valAccuracy}`);
  disposeRun(run);
});

test('spiral: at least 90% validation accuracy', async () => {
  const { run, result } = await trainExample('spiral.nngraph');
  const last = result.epochs.at(-1);
  assert.ok(last?.valAccuracy !== undefined && last.valAccuracy >= 0.9, `val_accuracy ${last?.valAccuracy}`);
  disposeRun(run);
});

test('the tutorial learns: its loss falls every epoch', async () => {
  const { run, result } = await trainExample('tutorial.nngraph');
  const losses = result.epochs.map((epoch) => epoch.loss);
  assert.equal(losses.length, 10);
  for (let i = 1; i < losses.length; i++) assert.ok(losses[i] < losses[i - 1], `epoch ${i + 1}: ${losses[i]} ≥ ${losses[i - 1]}`);
  disposeRun(run);
});

test('the same file and seed, run twice, give byte-identical weights; another seed does not', async () => {
  const weightsOf = async (seed?: number): Promise<string> => {
    const run = prepareRun(join(examples, 'spiral.nngraph'), { json: false, quiet: true, epochs: 3, seed }, silent);
    await train(run.program, run.dataset, run.training);
    const bytes = writeSafetensors(run.program.getWeights());
    disposeRun(run);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  };
  const first = await weightsOf();
  assert.equal(await weightsOf(), first);
  assert.notEqual(await weightsOf(7), first);
});
