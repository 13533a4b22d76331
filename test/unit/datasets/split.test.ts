import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitRows } from '../../../src/core/datasets/index';
import { createTrainerState } from '../../../src/core/trainer';
import type { TrainingProgram } from '../../../src/core/program/types';
import type { Dataset, ProgramSpec, TrainingConfig } from '../../../src/core/types';

// Normalization statistics come from the rows the trainer will train on; splitRows must pick exactly those.

/** A program that trains on nothing and records which rows it was handed. */
function recordingProgram(capacity: number): { program: TrainingProgram; trained: number[]; evaluated: number[] } {
  const spec: ProgramSpec = {
    featureCount: 1, valueWidths: [1], ops: [], loss: { kind: 'mse', nodeId: 'loss', predictions: 0 },
    labelWidth: 1, labelKind: 'regression', classCount: 0,
  };
  const features = new Float32Array(capacity);
  const labels = new Float32Array(capacity);
  const trained: number[] = [];
  const evaluated: number[] = [];
  const program = {
    spec, batchCapacity: capacity,
    batchBuffers: () => ({ features, labels }),
    trainStep: (batchFeatures: Float32Array, _labels: Float32Array, rows: number) => {
      trained.push(...batchFeatures.subarray(0, rows));
      return { finite: true as const, loss: 0, correct: 0 };
    },
    evaluate: (validationFeatures: Float32Array, _labels: Float32Array, rows: number) => {
      evaluated.push(...validationFeatures.subarray(0, rows));
      return { loss: 0 };
    },
  } as unknown as TrainingProgram;
  return { program, trained, evaluated };
}

test('splitRows picks the rows the trainer trains on and holds out', () => {
  for (const [sampleCount, validationSplit, seed] of [[50, 0.2, 42], [101, 0.33, 7], [10, 0, 1]] as const) {
    const dataset: Dataset = {
      name: 'rows', features: Float32Array.from({ length: sampleCount }, (_, i) => i), labels: new Float32Array(sampleCount),
      sampleCount, featureCount: 1, labelWidth: 1, labelKind: 'regression', classCount: 0,
    };
    const config: TrainingConfig = {
      epochs: 1, batchSize: sampleCount, seed, validationSplit, shuffle: false,
      optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false }, metrics: [],
    };
    const { program, trained, evaluated } = recordingProgram(sampleCount);
    const trainer = createTrainerState(program, dataset, config);
    while (!trainer.done) trainer.step();
    const split = splitRows(sampleCount, validationSplit, seed);
    assert.deepEqual(trained, Array.from(split.trainingRows));
    assert.deepEqual(evaluated, Array.from(split.validationRows));
  }
});
