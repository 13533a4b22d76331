import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError, loadBuiltinDataset, shippedSets } from '../../../src/core/datasets/index';
import { createDataFileReader, findDataDirectory } from '../../../src/core/datasets/node';

const readDataFile = createDataFileReader();

function classCounts(labels: Float32Array, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

test('the real sets have the sizes and class balance scikit-learn documents', () => {
  const iris = loadBuiltinDataset('iris', {}, 1, readDataFile);
  assert.deepEqual(classCounts(iris.labels, 3), [50, 50, 50]);
  assert.deepEqual(Array.from(iris.features.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2].map(Math.fround));
  const wine = loadBuiltinDataset('wine', {}, 1, readDataFile);
  assert.deepEqual(classCounts(wine.labels, 3), [59, 71, 48]);
  const cancer = loadBuiltinDataset('breast-cancer', {}, 1, readDataFile);
  assert.deepEqual(classCounts(cancer.labels, 2), [212, 357]);
  assert.equal(cancer.featureNames?.[20], 'worst radius');
  const digits = loadBuiltinDataset('digits', {}, 1, readDataFile);
  assert.deepEqual(classCounts(digits.labels, 10), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  assert.ok(digits.features.every((v) => v >= 0 && v <= 16));
  assert.equal(digits.featureNames?.[9], 'pixel_1_1');
});

test('the class names in the shipped headers agree with the table', () => {
  for (const set of Object.values(shippedSets)) {
    if (!set.hasHeaderLine) continue;
    const header = readFileSync(join(findDataDirectory(), set.fileName), 'utf8').split('\n')[0].trim().split(',');
    assert.equal(Number(header[0]), set.sampleCount, set.name);
    assert.equal(Number(header[1]), set.featureNames.length, set.name);
    assert.deepEqual(header.slice(2), set.classNames, set.name);
  }
});

test('a damaged data file is a DatasetError naming the file and line', () => {
  const damaged = (fileName: string): string => (fileName === 'iris.csv' ? '150,4,a,b,c\n5.1,3.5,oops,0.2,0\n' : '');
  assert.throws(() => loadBuiltinDataset('iris', {}, 1, damaged), (error: unknown) => {
    assert.ok(error instanceof DatasetError);
    assert.match(error.message, /data\/iris\.csv is damaged \(line 2: 'oops' is not a number\)/);
    return true;
  });
  const truncated = (): string => '150,4,a,b,c\n5.1,3.5,1.4,0.2,0\n';
  assert.throws(() => loadBuiltinDataset('iris', {}, 1, truncated), /line 3: expected 150 samples/);
});

test('the data file reader refuses anything but a bare CSV name', () => {
  assert.throws(() => readDataFile('../package.json'), /not a shipped data file/);
  assert.throws(() => createDataFileReader('/nonexistent-nngraph-dir')('iris.csv'), /cannot read the built-in data file/);
});
