import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyNormalization, DatasetError, fitNormalization, layOutLabels } from '../../../src/core/datasets/index';
import type { Dataset } from '../../../src/core/types';

function dataset(features: number[], featureCount: number, labels: number[], classCount = 3): Dataset {
  return {
    name: 'toy', features: Float32Array.from(features), labels: Float32Array.from(labels), sampleCount: labels.length,
    featureCount, labelWidth: 1, labelKind: classCount === 2 ? 'binary' : 'index', classCount,
  };
}

test('standard scaling uses the training rows only, with the population deviation', () => {
  // Rows 0-2 train (values 1, 2, 3 and constant 5); row 3 is held out and must not move the statistics.
  const data = dataset([1, 5, 2, 5, 3, 5, 1000, 7], 2, [0, 1, 2, 0]);
  const stats = fitNormalization(data, 'standard', [0, 1, 2]);
  assert.deepEqual(Array.from(stats.offset), [2, 5]);
  assert.ok(Math.abs(stats.scale[0] - Math.sqrt(2 / 3)) < 1e-6);
  assert.equal(stats.scale[1], 1, 'a constant feature keeps scale 1');
  const scaled = applyNormalization(data, stats);
  assert.ok(Math.abs(scaled.features[0] + Math.sqrt(1.5)) < 1e-6);
  assert.equal(scaled.features[1], 0);
  assert.equal(scaled.features[7], 2);
  assert.equal(data.features[0], 1, 'the original is untouched');
});

test('minmax maps the training range to [0, 1]; none is the identity', () => {
  const data = dataset([2, 4, 6, 10], 1, [0, 1, 0, 1], 2);
  const stats = fitNormalization(data, 'minmax', [0, 1, 2]);
  assert.deepEqual(Array.from(applyNormalization(data, stats).features), [0, 0.5, 1, 2]);
  const none = fitNormalization(data, 'none', [0, 1, 2]);
  assert.deepEqual(Array.from(applyNormalization(data, none).features), [2, 4, 6, 10]);
});

test('standard scaling keeps its digits when the mean is large against the spread', () => {
  const data = dataset([100000.5, 100001.5, 100000.5, 100001.5], 1, [0, 1, 0, 1], 2);
  const stats = fitNormalization(data, 'standard', [0, 1, 2, 3]);
  assert.ok(Math.abs(stats.scale[0] - 0.5) < 1e-6);
});

test('labels are laid out as the program reads them', () => {
  const data = dataset([0, 0, 0], 1, [2, 0, 1]);
  const onehot = layOutLabels(data, { labelKind: 'onehot', labelWidth: 3, classCount: 3 });
  assert.deepEqual(Array.from(onehot.labels), [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  assert.equal(onehot.labelWidth, 3);
  const back = layOutLabels(onehot, { labelKind: 'index', labelWidth: 1, classCount: 3 });
  assert.deepEqual(Array.from(back.labels), [2, 0, 1]);
  assert.equal(layOutLabels(data, { labelKind: 'index', labelWidth: 1, classCount: 3 }), data);
  const binary = dataset([0, 0], 1, [1, 0], 2);
  assert.equal(layOutLabels(binary, { labelKind: 'index', labelWidth: 1, classCount: 2 }).labelKind, 'index');
  assert.deepEqual(Array.from(layOutLabels(binary, { labelKind: 'onehot', labelWidth: 2, classCount: 2 }).labels), [0, 1, 1, 0]);
  assert.equal(layOutLabels(data, { labelKind: 'regression', labelWidth: 1, classCount: 0 }).labelKind, 'regression');
});

test('labels that cannot fit the loss are DatasetErrors that say what to change', () => {
  const data = dataset([0, 0, 0], 1, [2, 0, 1]);
  assert.throws(() => layOutLabels(data, { labelKind: 'binary', labelWidth: 1, classCount: 2 }),
    (e: unknown) => e instanceof DatasetError && /has 3 classes; binary cross-entropy needs two/.test(e.message));
  assert.throws(() => layOutLabels(data, { labelKind: 'onehot', labelWidth: 2, classCount: 2 }),
    /has 3 classes but the model's output has 2 units; give the last dense layer 3 units/);
  const regression = { ...dataset([0], 1, [0.5]), labelKind: 'regression' as const, classCount: 0 };
  assert.throws(() => layOutLabels(regression, { labelKind: 'index', labelWidth: 1, classCount: 2 }), /real-valued labels/);
});
