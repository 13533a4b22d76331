import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCsvError, isCsvError, parseCsvDataset, readCsvInfo } from '../../../src/core/datasets/index';
import type { CsvError } from '../../../src/core/datasets/index';
import type { Dataset } from '../../../src/core/types';
import { csvContentProblem } from '../../../src/graph/datasets';

function parsed(text: string, label = 'species', features?: string[]): Dataset {
  const result = parseCsvDataset(text, { label, features }, 'flowers.csv');
  if (isCsvError(result)) assert.fail(formatCsvError(result));
  return result;
}

function failure(text: string, label = 'species', features?: string[]): CsvError {
  const result = parseCsvDataset(text, { label, features }, 'data/flowers.csv');
  assert.ok(isCsvError(result), 'expected a CsvError');
  assert.equal(result.file, 'data/flowers.csv');
  return result;
}

const flowers = 'length,width,species\n1.5,0.2,setosa\n4.5,1.5,versicolor\n1.3,0.3,setosa\n6.0,2.5,virginica\n';

test('text labels become class indices in sorted order, and the mapping is reported', () => {
  const dataset = parsed('length,width,species\n4.5,1.5,versicolor\n1.5,0.2,setosa\n6.0,2.5,virginica\n');
  assert.deepEqual(dataset.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual(Array.from(dataset.labels), [1, 0, 2]);
  assert.deepEqual(Array.from(dataset.features), [4.5, 1.5, 1.5, 0.2, 6, 2.5].map(Math.fround));
  assert.equal(dataset.labelKind, 'index');
  assert.equal(dataset.classCount, 3);
  assert.deepEqual(dataset.featureNames, ['length', 'width']);
});

test('numeric labels: whole numbers are classes (two: binary), others are regression targets', () => {
  const binary = parsed('a,b,y\n1,2,0\n3,4,1\n', 'y');
  assert.equal(binary.labelKind, 'binary');
  assert.equal(binary.classCount, 2);
  const classes = parsed('a,y\n1,0\n2,4\n', 'y');
  assert.equal(classes.labelKind, 'index');
  assert.equal(classes.classCount, 5);
  const regression = parsed('a,y\n1,0.5\n2,-3\n', 'y');
  assert.equal(regression.labelKind, 'regression');
  assert.equal(regression.classCount, 0);
  assert.deepEqual(Array.from(regression.labels), [0.5, -3]);
});

test('chosen features come in the given order; the label may be any column', () => {
  const dataset = parsed(flowers, 'species', ['width', 'length']);
  assert.deepEqual(Array.from(dataset.features.subarray(0, 2)), [0.2, 1.5].map(Math.fround));
  assert.deepEqual(dataset.featureNames, ['width', 'length']);
  const labelFirst = parsed('y,a\n1,7\n0,8\n', 'y');
  assert.deepEqual(Array.from(labelFirst.features), [7, 8]);
});

test('quotes, CRLF line ends, a byte order mark, blank lines and other delimiters are read', () => {
  const dataset = parsed('\uFEFF"length","width","species"\r\n1.5,0.2,"set,osa"\r\n\r\n4.5,1.5,"multi\nline"\r\n');
  assert.deepEqual(dataset.classNames, ['multi\nline', 'set,osa']);
  assert.equal(parsed('length;width;species\n1;2;a\n3;4;b\n').sampleCount, 2);
});

test('a missing column names the column and the header line', () => {
  const error = failure(flowers, 'label');
  assert.deepEqual([error.line, error.column], [1, 1]);
  assert.match(error.message, /no label column 'label': the header \(line 1\) has 'length', 'width', 'species'/);
  const feature = failure(flowers, 'species', ['length', 'height']);
  assert.match(feature.message, /no feature column 'height'/);
  assert.match(failure(flowers, 'Species').message, /did you mean 'species'\?/);
  assert.match(failure(flowers, 'species', ['species']).message, /'species' is the label and cannot also be a feature/);
});

test('the NG043 diagnostic ends a reader message with one stop: none after a question', () => {
  assert.match(csvContentProblem('data/flowers.csv', failure(flowers, 'Species')).message, /did you mean 'species'\?$/);
  assert.match(csvContentProblem('data/flowers.csv', failure(flowers, 'label')).message, /'species'\.$/);
});

test('a non-numeric value names its line, column and the value', () => {
  const error = failure('length,width,species\n1.5,0.2,setosa\n\n4.5,wide,versicolor\n');
  assert.deepEqual([error.line, error.column], [4, 2]);
  assert.match(error.message, /feature 'width' 'wide' is not a number \(line 4, column 2\)/);
  assert.equal(formatCsvError(error).startsWith('data/flowers.csv:4:2 - '), true);
  const empty = failure('length,width,species\n1.5,,setosa\n');
  assert.deepEqual([empty.line, empty.column], [2, 2]);
  assert.match(empty.message, /feature 'width' is empty/);
  assert.match(failure('a,species\n0x10,s\n').message, /'0x10' is not a number/);
});

test('a quoted field spanning lines does not throw off later line numbers', () => {
  const error = failure('note,width,species\n"two\nlines",1,a\n3,x,b\n', 'species', ['width']);
  assert.deepEqual([error.line, error.column], [4, 2]);
});

test('a ragged row names its line', () => {
  const error = failure('length,width,species\n1.5,0.2,setosa\n4.5,versicolor\n');
  assert.equal(error.line, 3);
  assert.equal(error.column, 3);
  assert.match(error.message, /line 3 has 2 values but the header has 3 columns/);
  assert.match(failure('a,species\n1,x,extra\n').message, /has 3 values but the header has 2/);
});

test('empty files, header-only files, blank and repeated header names, and empty labels are errors', () => {
  const empty = failure('');
  assert.deepEqual([empty.line, empty.column], [1, 1]);
  assert.match(empty.message, /data\/flowers\.csv is empty/);
  assert.match(failure('  \n\n').message, /is empty/);
  const headerOnly = failure('length,width,species\n');
  assert.equal(headerOnly.line, 2);
  assert.match(headerOnly.message, /a header but no data rows/);
  assert.deepEqual([failure('a,,species\n1,2,x\n').column, 1], [2, 1]);
  assert.match(failure('a,a,species\n1,2,x\n').message, /names column 'a' twice \(columns 1 and 2\)/);
  const noLabel = failure('a,species\n1,x\n2,\n');
  assert.deepEqual([noLabel.line, noLabel.column], [3, 2]);
  assert.match(noLabel.message, /the label 'species' is empty on line 3/);
  assert.match(failure('a,b\n1,2\n', 'b', []).message, /no feature columns/);
  assert.match(failure('a,"unterminated\n1,2\n', 'a').message, /quote/i);
});

test('readCsvInfo gives the shape from the header and labels without reading feature values', () => {
  const info = readCsvInfo('length,width,species\n1.5,?,setosa\n4.5,1.5,versicolor\n', { label: 'species' }, 'f.csv');
  assert.ok(!isCsvError(info));
  assert.deepEqual(info, {
    featureCount: 2, classCount: 2, sampleCount: 2, labelKind: 'binary', featureNames: ['length', 'width'],
    classNames: ['setosa', 'versicolor'], lastClassRun: 1,
  });
  const missing = readCsvInfo('a,b\n1,2\n', { label: 'y' }, 'f.csv');
  assert.ok(isCsvError(missing));
  assert.equal(formatCsvError(missing), "f.csv:1:1 - no label column 'y': the header (line 1) has 'a', 'b'");
});

test('readCsvInfo counts the rows at the end of the file that share the last row\'s class (what NG044 checks)', () => {
  const sorted = readCsvInfo('x,kind\n1,a\n2,a\n3,b\n4,b\n5,b\n', { label: 'kind' }, 'sorted.csv');
  assert.ok(!isCsvError(sorted));
  assert.equal(sorted.sampleCount, 5);
  assert.equal(sorted.lastClassRun, 3);
  const mixed = readCsvInfo('x,kind\n1,b\n2,a\n3,b\n', { label: 'kind' }, 'mixed.csv');
  assert.ok(!isCsvError(mixed) && mixed.lastClassRun === 1);
  const regression = readCsvInfo('x,price\n1,2.5\n2,2.5\n', { label: 'price' }, 'prices.csv');
  assert.ok(!isCsvError(regression) && regression.lastClassRun === undefined);
});

test('rows are read one at a time, yet a file with several problems reports the one a whole-table reader would', () => {
  // A later row's problem of a higher kind wins over an earlier row's problem of a lower kind.
  const labelAfterFeature = failure('length,width,species\n1.5,wide,setosa\n4.5,1.5,\n');
  assert.deepEqual([labelAfterFeature.line, labelAfterFeature.column], [3, 3]);
  assert.match(labelAfterFeature.message, /the label 'species' is empty on line 3/);
  const lengthAfterLabel = failure('length,width,species\n1.5,0.2,\n4.5,1.5\n');
  assert.match(lengthAfterLabel.message, /line 3 has 2 values but the header has 3 columns/);
  const lengthOverColumns = failure('length,width,species\n1.5,0.2\n', 'label');
  assert.match(lengthOverColumns.message, /line 2 has 2 values/);
  const syntaxAfterAll = failure('length,width,species\n1.5,,\n"4.5,1.5,setosa\n');
  assert.match(syntaxAfterAll.message, /Quote/i);
  const headerAfterNothing = failure('length,length,species\n1,2,a\n');
  assert.match(headerAfterNothing.message, /names column 'length' twice/);
  // Every row of a valid file arrives, in order, its label classed only once all labels are known.
  const many = Array.from({ length: 5000 }, (_, i) => `${i},${i % 7 === 0 ? 'zebra' : 'ant'}`).join('\n');
  const dataset = parsed(`x,species\n${many}\n`);
  assert.equal(dataset.sampleCount, 5000);
  assert.equal(dataset.features[4999], 4999);
  assert.deepEqual([dataset.labels[0], dataset.labels[1], dataset.labels[7]], [1, 0, 1]);
});
