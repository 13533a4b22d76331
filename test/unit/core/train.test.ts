// The training loop end to end: xor to 100 %, bit-identical reruns, the split, reports, cancellation, step limits,
// the non-finite guard and bad inputs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchReport, EpochReport } from '../../../src/core/types';
import { createProgram } from '../../../src/core/program/program';
import { train } from '../../../src/core/train';
import { createTrainerState } from '../../../src/core/trainer';
import { blobsDataset, config, xorDataset, xorSpec } from './fixtures';

describe('train', () => {
  it('xor reaches 100 % accuracy', async () => {
    const dataset = xorDataset(1, 0);
    const cfg = config({ epochs: 300, batchSize: 4 });
    const program = createProgram(xorSpec(), { seed: cfg.seed, batchSize: cfg.batchSize, optimizer: cfg.optimizer });
    const result = await train(program, dataset, cfg);
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
      const program = createProgram(spec, { seed: cfg.seed, batchSize: 8, optimizer: cfg.optimizer });
      const losses: number[] = [];
      await train(program, dataset, cfg, { onBatch: (r) => losses.push(r.loss) });
      return { bytes: program.getWeights().map((w) => new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength)), losses };
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
    const program = createProgram(spec, { seed: 1, batchSize: 10, optimizer: cfg.optimizer });
    const trainer = createTrainerState(program, dataset, cfg);
    assert.equal(trainer.validationCount, 25);
    assert.equal(trainer.trainCount, 78);
    assert.equal(trainer.stepsPerEpoch, 8);
    const batches: BatchReport[] = [];
    const epochs: EpochReport[] = [];
    const result = await train(createProgram(spec, { seed: 1, batchSize: 10, optimizer: cfg.optimizer }), dataset, cfg, {
      onBatch: (r) => batches.push(r), onEpoch: (r) => epochs.push(r),
    });
    assert.equal(result.stepsRun, 16);
    assert.equal(batches.length, 16);
    assert.equal(batches[7].samplesSeen, 78);
    assert.equal(batches[15].globalStep, 16);
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
    await train(createProgram(xorSpec(), { seed: 1, batchSize: 4, optimizer: cfg.optimizer }), dataset, cfg, { onEpoch: (r) => epochs.push(r) });
    assert.equal(epochs[0].accuracy, undefined);
    const mse = xorSpec();
    mse.loss = { kind: 'mse', nodeId: 'loss', predictions: 3 };
    mse.labelKind = 'regression';
    mse.classCount = 0;
    const regression = { ...dataset, labelKind: 'regression' as const, classCount: 0 };
    const result = await train(createProgram(mse, { seed: 1, batchSize: 4, optimizer: cfg.optimizer }), regression, config({ epochs: 1 }));
    assert.equal(result.epochs[0].accuracy, undefined);
  });

  it('stops when asked, after the current batch, and after maxSteps', async () => {
    const dataset = xorDataset(10);
    const cfg = config({ epochs: 50 });
    let batches = 0;
    const cancelled = await train(createProgram(xorSpec(), { seed: 1, batchSize: 4, optimizer: cfg.optimizer }), dataset, cfg, {
      onBatch: () => batches++, shouldStop: () => batches >= 3, yieldEveryMs: 0,
    });
    assert.deepEqual(cancelled.stop, { kind: 'cancelled' });
    assert.equal(cancelled.stepsRun, 3);
    const stepped = await train(createProgram(xorSpec(), { seed: 1, batchSize: 4, optimizer: cfg.optimizer }), dataset, cfg, { maxSteps: 1 });
    assert.deepEqual(stepped.stop, { kind: 'completed' });
    assert.equal(stepped.stepsRun, 1);
    assert.equal(stepped.epochs.length, 0);
  });

  it('stops on a non-finite loss, keeps the last finite weights and names the node', async () => {
    const dataset = xorDataset(4);
    const cfg = config({ epochs: 3, shuffle: false });
    const program = createProgram(xorSpec(), { seed: 1, batchSize: 4, optimizer: cfg.optimizer });
    // A sample whose feature overflows float32 in the first dense layer on the second batch.
    dataset.features[4 * 2] = 3e38;
    dataset.features[4 * 2 + 1] = 3e38;
    let before: Float32Array[] = [];
    const result = await train(program, dataset, cfg, { onBatch: () => { before = program.getWeights().map((w) => w.data); } });
    assert.equal(result.stop.kind, 'non-finite');
    if (result.stop.kind !== 'non-finite') return;
    assert.equal(result.stop.nodeId, 'hidden');
    assert.equal(result.stop.epoch, 1);
    assert.match(result.stop.message, /^Loss became NaN at epoch 1, step \d+; first non-finite output: node "hidden"$/);
    assert.deepEqual(program.getWeights().map((w) => w.data), before);
  });

  it('rejects data that does not fit the program, saying what', async () => {
    const cfg = config();
    const program = createProgram(xorSpec(), { seed: 1, batchSize: 4, optimizer: cfg.optimizer });
    const wide = { ...xorDataset(2), featureCount: 3 };
    await assert.rejects(train(program, wide, cfg), /3 features but the model's input expects 2/);
    const badLabels = xorDataset(2);
    badLabels.labels[3] = 2;
    await assert.rejects(train(program, badLabels, cfg), /label of sample 3 is 2, outside \[0, 1\]/);
    await assert.rejects(train(program, xorDataset(2), config({ batchSize: 8 })), /exceeds the program's batch capacity 4/);
  });
});
