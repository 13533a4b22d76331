import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRun, splitRows, type Run } from '../../../src/core/index';
import { Random, RandomStream } from '../../../src/core/random';
import type { Dataset, ProgramSpec, TrainingConfig } from '../../../src/core/types';

// The split is drawn once, by the run; the rows it trains on, in the order it trains on them, follow from the seed
// and `shuffle` alone (docs/nngraph-format.md, "training").

const spec: ProgramSpec = {
  featureCount: 1, valueWidths: [1, 1], ops: [{ kind: 'dense', nodeId: 'd', input: 0, units: 1, useBias: true, init: 'zeros' }],
  loss: { kind: 'mse', nodeId: 'loss', predictions: 1 }, labelWidth: 1, labelKind: 'regression', classCount: 0,
};

/** Feature of row i is i, so a batch's features name the rows it holds. */
function rowsDataset(sampleCount: number): Dataset {
  return {
    name: 'rows', features: Float32Array.from({ length: sampleCount }, (_, i) => i), labels: new Float32Array(sampleCount),
    sampleCount, featureCount: 1, labelWidth: 1, labelKind: 'regression', classCount: 0,
  };
}

function training(overrides: Partial<TrainingConfig>): TrainingConfig {
  return { epochs: 2, batchSize: 4, seed: 7, validationSplit: 0.25, shuffle: false, optimizer: { type: 'sgd', learningRate: 0, momentum: 0, nesterov: false }, metrics: [], ...overrides };
}

/** The rows each epoch trained on, in order, read from the program's batch buffer after every step. */
function trainedRowsPerEpoch(run: Run): number[][] {
  const epochs: number[][] = [];
  const batch = run.program.batchBuffers();
  while (!run.done) {
    const event = run.step();
    assert.equal(event.kind, 'batch');
    if (event.kind !== 'batch') break;
    if (event.batch.step === 1) epochs.push([]);
    const rows = Math.min(run.training.batchSize, run.trainCount - (event.batch.step - 1) * run.training.batchSize);
    epochs.at(-1)?.push(...batch.features.subarray(0, rows));
  }
  return epochs;
}

test('shuffle off: every epoch trains on the file\'s rows first to last, and the last floor(n·split) rows are held out', () => {
  const run = createRun({ dataset: rowsDataset(10), spec, training: training({ shuffle: false, validationSplit: 0.25 }), normalize: 'none' });
  assert.deepEqual(Array.from(run.data.validationRows), [8, 9]);
  assert.deepEqual(Array.from(run.data.validationFeatures), [8, 9]);
  assert.deepEqual(trainedRowsPerEpoch(run), [[0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7]]);
  run.dispose();
});

test('shuffle on: one shuffle of the seed\'s data stream splits the rows, and each epoch reshuffles the training part', () => {
  for (const [sampleCount, validationSplit, seed] of [[50, 0.2, 42], [101, 0.33, 7], [10, 0, 1]] as const) {
    const run = createRun({ dataset: rowsDataset(sampleCount), spec, training: training({ shuffle: true, validationSplit, seed }), normalize: 'none' });
    const random = Random.forStream(seed, RandomStream.data);
    const split = splitRows(sampleCount, validationSplit, true, random);
    assert.deepEqual(Array.from(run.data.validationRows), Array.from(split.validationRows));
    const firstEpoch = split.trainingRows.slice();
    random.shuffle(firstEpoch);
    const epochs = trainedRowsPerEpoch(run);
    assert.deepEqual(epochs[0], Array.from(firstEpoch));
    assert.notDeepEqual(epochs[1], epochs[0]);
    assert.deepEqual([...epochs[1]].sort((a, b) => a - b), Array.from(split.trainingRows).sort((a, b) => a - b));
    run.dispose();
  }
});

test('normalization is fitted on the training rows only', () => {
  // Rows 0…7 train, 8 and 9 (far larger) are held out: the mean of 0…7 is 3.5, so row 0 scales to −3.5 / std.
  const dataset = rowsDataset(10);
  dataset.features[8] = 1000;
  dataset.features[9] = 1000;
  const run = createRun({ dataset, spec, training: training({ shuffle: false, validationSplit: 0.2 }), normalize: 'standard' });
  assert.equal(run.data.normalization.offset[0], 3.5);
  assert.ok(Math.abs(run.data.normalization.scale[0] - Math.sqrt(5.25)) < 1e-6);
  run.dispose();
});
