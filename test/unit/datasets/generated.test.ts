import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  builtinDatasetInfo, builtinDatasetNames, DatasetError, generatedDatasetNames, loadBuiltinDataset, resolveDatasetOptions,
} from '../../../src/core/datasets/index';
import { createDataFileReader } from '../../../src/core/datasets/node';
import type { Dataset } from '../../../src/core/types';

const readDataFile = createDataFileReader();
const load = (name: string, options: Record<string, number> = {}, seed = 42): Dataset =>
  loadBuiltinDataset(name, options, seed, readDataFile);

function classCounts(dataset: Dataset): number[] {
  const counts = new Array<number>(dataset.classCount).fill(0);
  for (const label of dataset.labels) counts[label]++;
  return counts;
}

test('every built-in set loads with the sizes its static info announces', () => {
  for (const name of builtinDatasetNames) {
    const info = builtinDatasetInfo(name, {});
    const dataset = load(name);
    assert.equal(dataset.featureCount, info.featureCount, name);
    assert.equal(dataset.classCount, info.classCount, name);
    assert.equal(dataset.sampleCount, info.sampleCount, name);
    assert.equal(dataset.labelKind, info.labelKind, name);
    assert.deepEqual(dataset.featureNames, info.featureNames, name);
    assert.deepEqual(dataset.classNames, info.classNames, name);
    assert.equal(dataset.features.length, dataset.sampleCount * dataset.featureCount, name);
    assert.equal(dataset.labels.length, dataset.sampleCount, name);
    assert.ok(dataset.features.every(Number.isFinite), `${name}: finite features`);
    assert.ok(dataset.labels.every((l) => Number.isInteger(l) && l >= 0 && l < dataset.classCount), `${name}: labels in range`);
  }
});

test('generated sets are reproducible from the seed and change with it', () => {
  for (const name of generatedDatasetNames) {
    const first = load(name, {}, 7);
    const again = load(name, {}, 7);
    const other = load(name, {}, 8);
    assert.deepEqual(again.features, first.features, name);
    assert.deepEqual(again.labels, first.labels, name);
    assert.notDeepEqual(other.features, first.features, name);
  }
});

test('generated sets are balanced and shuffled', () => {
  assert.deepEqual(classCounts(load('moons', { samples: 100 })), [50, 50]);
  assert.deepEqual(classCounts(load('circles', { samples: 101 })), [50, 51]);
  assert.deepEqual(classCounts(load('spiral', { samples: 10, classes: 3 })), [4, 3, 3]);
  assert.deepEqual(classCounts(load('blobs', { samples: 12, classes: 4 })), [3, 3, 3, 3]);
  // A shuffled set of 1000 does not start with a run of 20 equal labels (the unshuffled one starts with 500).
  const moons = load('moons');
  assert.ok(new Set(moons.labels.subarray(0, 20)).size === 2);
});

test('xor without noise keeps its margin from the axes and labels by sign', () => {
  const xor = load('xor', { samples: 500 });
  for (let i = 0; i < xor.sampleCount; i++) {
    const x = xor.features[2 * i];
    const y = xor.features[2 * i + 1];
    assert.ok(Math.abs(x) >= 0.1 - 1e-6 && Math.abs(x) <= 1 && Math.abs(y) >= 0.1 - 1e-6 && Math.abs(y) <= 1);
    assert.equal(xor.labels[i], x * y < 0 ? 1 : 0);
  }
});

test('moons and circles without noise lie on their curves', () => {
  const moons = load('moons', { samples: 200, noise: 0 });
  for (let i = 0; i < moons.sampleCount; i++) {
    const x = moons.features[2 * i];
    const y = moons.features[2 * i + 1];
    const [cx, cy] = moons.labels[i] === 0 ? [0, 0] : [1, 0.5];
    assert.ok(Math.abs(Math.hypot(x - cx, y - cy) - 1) < 1e-5, `moon point ${i}`);
    assert.ok(moons.labels[i] === 0 ? y >= -1e-6 : y <= 0.5 + 1e-6);
  }
  const circles = load('circles', { samples: 200, noise: 0 });
  for (let i = 0; i < circles.sampleCount; i++) {
    const radius = Math.hypot(circles.features[2 * i], circles.features[2 * i + 1]);
    assert.ok(Math.abs(radius - (circles.labels[i] === 1 ? 0.5 : 1)) < 1e-5);
  }
});

test('spiral defaults to 300 points per arm and blobs honours its feature count', () => {
  assert.equal(builtinDatasetInfo('spiral').sampleCount, 900);
  assert.equal(builtinDatasetInfo('spiral', { classes: 5 }).sampleCount, 1500);
  assert.equal(builtinDatasetInfo('spiral', { classes: 5, samples: 50 }).sampleCount, 50);
  const blobs = load('blobs', { samples: 30, classes: 3, features: 5 });
  assert.equal(blobs.featureCount, 5);
  assert.equal(blobs.features.length, 150);
  assert.equal(blobs.labelKind, 'index');
  assert.equal(load('blobs', { classes: 2 }).labelKind, 'binary');
});

test('bad names and options are DatasetErrors that name the option', () => {
  const expectError = (fn: () => unknown, field: string | undefined, pattern: RegExp): void => {
    assert.throws(fn, (error: unknown) => {
      assert.ok(error instanceof DatasetError);
      assert.equal(error.field, field);
      assert.match(error.message, pattern);
      return true;
    });
  };
  expectError(() => builtinDatasetInfo('mnist'), undefined, /unknown built-in dataset 'mnist'.*xor, circles/);
  expectError(() => builtinDatasetInfo('moons', { classes: 3 }), 'classes', /'moons' has no option 'classes'; its options are samples, noise/);
  expectError(() => builtinDatasetInfo('moons', { samples: 1.5 }), 'samples', /must be an integer, got 1.5/);
  expectError(() => builtinDatasetInfo('moons', { noise: -1 }), 'noise', /must be in \[0, 10\], got -1/);
  expectError(() => builtinDatasetInfo('blobs', { noise: 1 }), 'noise', /'blobs' has no option 'noise'/);
  expectError(() => resolveDatasetOptions('xor', { samples: 'many' }), 'samples', /must be a number, got "many"/);
  expectError(() => builtinDatasetInfo('spiral', { samples: 2, classes: 3 }), 'samples', /at least one sample per class/);
  expectError(() => builtinDatasetInfo('iris', { samples: 10 }), 'samples', /'iris' takes no options/);
});
