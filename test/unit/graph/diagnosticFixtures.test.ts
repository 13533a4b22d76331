// Every diagnostic code has a fixture that produces exactly that code, at the expected place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGraph, compileForPrediction, compileText, csvFileProblem, DIAGNOSTIC_CODES, type DatasetProblem, type DatasetRef, type Diagnostic } from '../../../src/graph/index';

const fixtureDir = join(__dirname, '../../fixtures/diagnostics');

/**
 * CSV files the fixtures name: "regression" ones have real-valued labels, "sorted-by-class" ones 100 rows of two
 * classes whose last 50 share a class; any other CSV cannot be read.
 */
function datasetInfo(ref: DatasetRef) {
  if (ref.kind === 'csv' && ref.path.includes('sorted-by-class')) return { featureCount: 2, classCount: 2, sampleCount: 100, lastClassRun: 50 };
  return ref.kind === 'csv' && ref.path.includes('regression') ? { featureCount: 2, classCount: 0 } : undefined;
}

/** What a reader of files reports: a "too-large" CSV is over the cap (the host and the command line find it). */
function datasetProblem(ref: DatasetRef): DatasetProblem | undefined {
  return ref.kind === 'csv' && ref.path.includes('too-large') ? csvFileProblem(ref.path, 'too-large', 'cannot be used: it is 600 MB.') : undefined;
}

/**
 * Expected place of each fixture's one diagnostic, 1-based as an editor shows it, and the text its range covers.
 * `compile` fixtures are checked through compileText (the code only arises when compiling).
 */
const expectations: { code: string; line: number; column: number; covers: string; compile?: boolean }[] = [
  { code: 'NG001', line: 16, column: 5, covers: '{' },
  { code: 'NG002', line: 8, column: 5, covers: '// the hidden layer' },
  { code: 'NG003', line: 24, column: 95, covers: ',' },
  { code: 'NG004', line: 1, column: 1, covers: '[\n  { "format": "nngraph", "version": 1 }\n]' },
  { code: 'NG005', line: 2, column: 13, covers: '"nngraf"' },
  { code: 'NG006', line: 3, column: 14, covers: '"1"' },
  { code: 'NG007', line: 3, column: 14, covers: '2' },
  { code: 'NG008', line: 8, column: 99, covers: '"strides"' },
  { code: 'NG009', line: 10, column: 81, covers: '{}' },
  { code: 'NG010', line: 8, column: 95, covers: '"10"' },
  { code: 'NG011', line: 24, column: 15, covers: '0' },
  { code: 'NG012', line: 9, column: 95, covers: '"rectifier"' },
  { code: 'NG013', line: 13, column: 29, covers: '"conv2d"' },
  { code: 'NG014', line: 9, column: 13, covers: '"1relu"' },
  { code: 'NG015', line: 13, column: 13, covers: '"relu"' },
  { code: 'NG016', line: 21, column: 15, covers: '"hiddenout"' },
  { code: 'NG017', line: 21, column: 15, covers: '"hiden.out"' },
  { code: 'NG018', line: 21, column: 15, covers: '"hidden.output"' },
  { code: 'NG019', line: 21, column: 15, covers: '"relu.in"' },
  { code: 'NG020', line: 21, column: 35, covers: '"out.in"' },
  { code: 'NG021', line: 13, column: 5, covers: '{ "id": "sum", "type": "add", "position": { "x": 660, "y": 200 } }' },
  { code: 'NG022', line: 13, column: 30, covers: '"input"' },
  { code: 'NG023', line: 5, column: 3, covers: '"nodes"' },
  { code: 'NG024', line: 13, column: 5, covers: '{ "id": "spare", "type": "dense", "position": { "x": 660, "y": 200 }, "params": { "units": 4 } }' },
  { code: 'NG025', line: 25, column: 33, covers: '"mix.b"' },
  { code: 'NG026', line: 7, column: 43, covers: '"mnist"' },
  { code: 'NG027', line: 7, column: 30, covers: '{ "builtin": "moons", "csv": "moons.csv" }' },
  { code: 'NG028', line: 7, column: 39, covers: '"../../private/data.csv"' },
  { code: 'NG029', line: 10, column: 5, covers: '{ "id": "sum", "type": "add", "position": { "x": 800, "y": 0 }, "params": {} }' },
  { code: 'NG030', line: 11, column: 91, covers: '4' },
  { code: 'NG031', line: 13, column: 5, covers: '{ "id": "loss", "type": "cross-entropy", "position": { "x": 1200, "y": 0 }, "params": { "mode": "categorical" } }' },
  { code: 'NG032', line: 10, column: 92, covers: '2' },
  { code: 'NG033', line: 12, column: 101, covers: '"binary"' },
  { code: 'NG034', line: 12, column: 101, covers: '"binary"' },
  { code: 'NG035', line: 10, column: 92, covers: '2' },
  { code: 'NG036', line: 20, column: 15, covers: '"prob.out"' },
  { code: 'NG037', line: 11, column: 5, covers: '{ "id": "loss", "type": "cross-entropy", "position": { "x": 1100, "y": 0 }, "params": { "mode": "binary" } }' },
  { code: 'NG038', line: 12, column: 125, covers: 'true' },
  { code: 'NG039', line: 11, column: 95, covers: '"softmax"' },
  { code: 'NG040', line: 8, column: 99, covers: '"units"' },
  { code: 'NG050', line: 5, column: 111, covers: '[' },
  { code: 'NG041', line: 7, column: 30, covers: '{ "csv": "data/unreadable.csv", "label": "price", "features": ["rooms", "area"] }', compile: true },
  { code: 'NG042', line: 8, column: 94, covers: '16384' },
  { code: 'NG043', line: 7, column: 39, covers: '"data/too-large.csv"' },
  { code: 'NG044', line: 7, column: 30, covers: '{ "csv": "data/sorted-by-class.csv", "label": "kind" }' },
  { code: 'NG045', line: 22, column: 31, covers: '"earlyStopping"' },
  { code: 'NG051', line: 6, column: 80, covers: '{ "featureCount": 4, "normalize": "none" }' },
  { code: 'NG052', line: 6, column: 132, covers: '5' },
  { code: 'NG053', line: 8, column: 101, covers: '[]' },
];

const fixtureFiles = readdirSync(fixtureDir).filter((name) => name.endsWith('.nngraph'));

function fixtureFor(code: string): string | undefined {
  const info = DIAGNOSTIC_CODES.find((c) => c.code === code);
  return info ? fixtureFiles.find((name) => name === `${code}-${info.name}.nngraph`) : undefined;
}

function diagnosticsOf(text: string, compile: boolean): Diagnostic[] {
  if (!compile) return analyzeGraph(text, { datasetInfo, datasetProblem }).diagnostics;
  const result = compileText(text, datasetInfo, { datasetProblem });
  return result.ok ? [] : result.diagnostics;
}

test('every code in DIAGNOSTIC_CODES has a fixture named NGxxx-<name>.nngraph and an expectation', () => {
  for (const { code } of DIAGNOSTIC_CODES) {
    assert.ok(fixtureFor(code), `no fixture file for ${code}`);
    assert.ok(expectations.some((e) => e.code === code), `no expectation for ${code}`);
  }
  assert.equal(fixtureFiles.length, DIAGNOSTIC_CODES.length, 'a fixture file without a code');
});

test('codes are unique, NG-numbered, and named in kebab-case', () => {
  const codes = DIAGNOSTIC_CODES.map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const info of DIAGNOSTIC_CODES) {
    assert.match(info.code, /^NG\d{3}$/);
    assert.match(info.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});

for (const expected of expectations) {
  test(`${expected.code}: its fixture reports exactly ${expected.code} at ${expected.line}:${expected.column}`, () => {
    const file = fixtureFor(expected.code);
    assert.ok(file);
    const text = readFileSync(join(fixtureDir, file), 'utf8');
    const diagnostics = diagnosticsOf(text, expected.compile === true);
    assert.deepEqual(diagnostics.map((d) => d.code), [expected.code], JSON.stringify(diagnostics, null, 1));
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic.range.start.line + 1, expected.line);
    assert.equal(diagnostic.range.start.column + 1, expected.column);
    assert.equal(text.slice(diagnostic.range.startOffset, diagnostic.range.endOffset), expected.covers);
    const severity = DIAGNOSTIC_CODES.find((c) => c.code === expected.code)?.severity;
    assert.equal(diagnostic.severity, severity);
    assert.ok(diagnostic.message.length > 10);
  });
}

test('NG051 is a warning while editing, and an error that stops compiling: a program needs rows', () => {
  const text = readFileSync(join(fixtureDir, 'NG051-no-dataset.nngraph'), 'utf8');
  const result = compileText(text);
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.severity}`), ['NG051 error']);
  assert.deepEqual(analyzeGraph(text).summary?.rows.map((row) => row.outputShape), [['batch', 4], ['batch', 8], ['batch', 8], ['batch', 3], ['batch', 3]]);
});

test('NG051 does not stop a compile for prediction: the program reads featureCount columns, its labels are class indices', () => {
  const text = readFileSync(join(fixtureDir, 'NG051-no-dataset.nngraph'), 'utf8');
  const result = compileForPrediction(text);
  assert.ok(result?.ok, JSON.stringify(result));
  assert.deepEqual(result.warnings, []);
  assert.equal(result.featureCount, 4);
  assert.equal(result.normalize, 'none');
  assert.deepEqual(result.spec.valueWidths, [4, 8, 8, 3]);
  assert.deepEqual([result.spec.loss.kind, result.spec.labelKind, result.spec.labelWidth, result.spec.classCount], ['categorical-cross-entropy', 'index', 1, 3]);
  const withDataset = text.replace('"featureCount": 4,', '"featureCount": 4, "dataset": { "builtin": "iris" },');
  assert.notEqual(withDataset, text);
  assert.equal(compileForPrediction(withDataset), undefined, 'a graph with a dataset is compileText\'s');
  const broken = compileForPrediction(text.replace('"units": 8', '"units": -8'));
  assert.equal(broken?.ok, false);
  if (broken && !broken.ok) assert.ok(broken.diagnostics.every((d) => d.code !== 'NG051') && broken.diagnostics.some((d) => d.severity === 'error'));
});

test('docs/diagnostics.md documents every code', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/diagnostics.md'), 'utf8');
  for (const { code, name } of DIAGNOSTIC_CODES) {
    assert.ok(doc.includes(`## ${code} ${name}`), `docs/diagnostics.md has no section "## ${code} ${name}"`);
  }
});
