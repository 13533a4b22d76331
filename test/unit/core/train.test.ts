// A run end to end: xor to 100 %, bit-identical reruns, the split, reports, cancellation, step limits, the
// non-finite guard and bad inputs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchReport, Dataset, EpochReport, ProgramSpec, TrainingConfig } from '../../../src/core/types';
import { createRun, trainRun, type Run, type TrainHooks, type TrainResult } from '../../../src/core/index';
import { blobsDataset, config, xorDataset, xorSpec } from './fixtures';

/** A run on data used as given (no scaling). */
function runOf(spec: ProgramSpec, dataset: Dataset, training: TrainingConfig): Run {
  return createRun({ dataset, spec, training, normalize: 'none' });
}

async function train(spec: ProgramSpec, dataset: Dataset, training: TrainingConfig, hooks: TrainHooks = {}): Promise<{ run: Run; result: TrainResult }> {
  const run = runOf(spec, dataset, training);
  return { run, result: await trainRun(run, hooks) };
}

describe('train', () => {
  it('xor reaches 100 % accuracy', async () => {
    const dataset = xorDataset(1, 0);
    const cfg = config({ epochs: 300, batchSize: 4 });
    const { run, result } = await train(xorSpec(), dataset, cfg);
    const { program } = run;
    assert.deepEqual(result.stop, { kind: 'completed' });
    assert.equal(result.epochs.length, 300);
    assert.equal(program.evaluate(dataset.features, dataset.labels, 4).accuracy, 1);
    const probabilities = program.predict(dataset.features, 4);
    for (let i = 0; i < 4; i++) assert.equal(probabilities[i] > 0.5 ? 1 : 0, dataset.labels[i]);
  });

  it('the same seed twice gives byte-identical weights and losses', async () => {
    const run = async (): Promise<{ bytes: Uint8Array[]; losses: number[] }> => {
      const dataset = xorDataset(25);
      const cfg = config({ epochs: 5, batchSize: 8, validationSplit: 0.2 });
      const spec = xorSpec();
      spec.ops.splice(2, 0, { kind: 'dropout', nodeId: 'drop', input: 2, rate: 0.3 });
      spec.valueWidths.splice(3, 0, 8);
      const out = spec.ops[3];
      if (out.kind === 'dense') out.input = 3;
      spec.loss.predictions = 4;
      const losses: number[] = [];
      const { run } = await train(spec, dataset, cfg, { onBatch: (r) => losses.push(r.loss) });
      return { bytes: run.program.getWeights().map((w) => new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength)), losses };
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(second.losses, first.losses);
    assert.equal(first.bytes.length, 4);
    first.bytes.forEach((bytes, i) => assert.deepEqual(bytes, second.bytes[i], `tensor ${i} differs`));
  });

  it('holds out the last floor(n·split) samples, includes the partial batch and reports Keras-style means', async () => {
    const dataset = blobsDataset(103);
    const cfg = config({ epochs: 2, batchSize: 10, validationSplit: 0.25, optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true } });
    const spec = xorSpec(6);
    spec.valueWidths[3] = 3;
    const out = spec.ops[2];
    if (out.kind === 'dense') out.units = 3;
    spec.loss = { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 3, fromLogits: true, activationNodeId: 'softmax' };
    spec.labelKind = 'index';
    spec.classCount = 3;
    const batches: BatchReport[] = [];
    const epochs: EpochReport[] = [];
    const { run, result } = await train(spec, dataset, { ...cfg, seed: 1 }, {
      onBatch: (r) => batches.push(r), onEpoch: (r) => epochs.push(r),
    });
    assert.equal(run.validationCount, 25);
    assert.equal(run.trainCount, 78);
    assert.equal(run.stepsPerEpoch, 8);
    assert.equal(result.stepsRun, 16);
    assert.equal(batches.length, 16);
    assert.equal(batches[7].samplesSeen, 78);
    assert.equal(batches[15].globalStep, 16);
    // Epoch reports carry where the run was when they ended: the global step and the samples seen so far.
    assert.deepEqual(epochs.map((e) => [e.globalStep, e.samplesSeen]), [[8, 78], [16, 156]]);
    // The epoch loss is the sample-weighted mean of the batch losses: 7 batches of 10 and one of 8.
    const firstEpoch = batches.slice(0, 8);
    const weighted = firstEpoch.reduce((sum, b, i) => sum + (b.batchLoss ?? NaN) * (i === 7 ? 8 : 10), 0) / 78;
    assert.ok(Math.abs(epochs[0].loss - weighted) < 1e-9);
    assert.equal(batches[7].loss, epochs[0].loss);
    assert.ok(epochs[0].valLoss !== undefined && epochs[0].valAccuracy !== undefined && epochs[0].accuracy !== undefined);
    assert.ok(epochs[1].valLoss! < epochs[0].valLoss! + 1, 'validation loss is a finite mean');
  });

  it('reports no accuracy unless asked, and none for mse', async () => {
    const dataset = xorDataset(4);
    const cfg = config({ epochs: 1, metrics: [] });
    const epochs: EpochReport[] = [];
    await train(xorSpec(), dataset, cfg, { onEpoch: (r) => epochs.push(r) });
    assert.equal(epochs[0].accuracy, undefined);
    const mse = xorSpec();
    mse.loss = { kind: 'mse', nodeId: 'loss', predictions: 3 };
    mse.labelKind = 'regression';
    mse.classCount = 0;
    const regression = { ...dataset, labelKind: 'regression' as const, classCount: 0 };
    const { result } = await train(mse, regression, config({ epochs: 1 }));
    assert.equal(result.epochs[0].accuracy, undefined);
  });

  it('stops when asked, after the current batch, and after maxSteps', async () => {
    const dataset = xorDataset(10);
    const cfg = config({ epochs: 50 });
    let batches = 0;
    const { result: cancelled } = await train(xorSpec(), dataset, cfg, {
      onBatch: () => batches++, shouldStop: () => batches >= 3, yieldEveryMs: 0,
    });
    assert.deepEqual(cancelled.stop, { kind: 'cancelled' });
    assert.equal(cancelled.stepsRun, 3);
    const { result: stepped } = await train(xorSpec(), dataset, cfg, { maxSteps: 1 });
    assert.deepEqual(stepped.stop, { kind: 'completed' });
    assert.equal(stepped.stepsRun, 1);
    assert.equal(stepped.epochs.length, 0);
  });

  it('stops on a non-finite loss, keeps the last finite weights and names the node', async () => {
    const dataset = xorDataset(4);
    const cfg = config({ epochs: 3, shuffle: false });
    // Sample 4 (the second batch, in file order) overflows float32 in the first dense layer, whose kernel is all 1.5.
    dataset.features[4 * 2] = 3e38;
    dataset.features[4 * 2 + 1] = 3e38;
    const run = runOf(xorSpec(), dataset, cfg);
    const { program } = run;
    program.setWeights(program.getWeights().map((w) => (w.name === 'hidden.kernel' ? { ...w, data: w.data.fill(1.5) } : w)));
    let before: Float32Array[] = [];
    const result = await trainRun(run, { onBatch: () => { before = program.getWeights().map((w) => w.data); } });
    assert.equal(result.stop.kind, 'non-finite');
    if (result.stop.kind !== 'non-finite') return;
    assert.equal(result.stop.nodeId, 'hidden');
    assert.equal(result.stop.epoch, 1);
    assert.match(result.stop.message, /^Loss became NaN at epoch 1, step 2; first non-finite output: node "hidden"$/);
    assert.deepEqual(program.getWeights().map((w) => w.data), before);
  });

  it('rejects data that does not fit the program, saying what', async () => {
    const cfg = config();
    const wide = { ...xorDataset(2), featureCount: 3 };
    assert.throws(() => runOf(xorSpec(), wide, cfg), /3 features but the model's input expects 2/);
    const badLabels = xorDataset(2);
    badLabels.labels[3] = 2;
    assert.throws(() => runOf(xorSpec(), badLabels, cfg), /label of sample 3 is 2, outside \[0, 1\]/);
    assert.throws(() => runOf(xorSpec(), xorDataset(2), config({ validationSplit: 1 })), /validationSplit must be in \[0, 1\)/);
  });
});
