// The Keras-like model summary: rows in data-flow order, dense parameters in × units + units, totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGraph, formatSummaryTable, modelSummary, parseGraph } from '../../../src/graph/index';

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/graphs', `${name}.nngraph`), 'utf8');
}

test('tutorial: 2→10 dense has 30 params, 10→1 dense has 11, 41 in total; the loss is not a row', () => {
  const { summary } = analyzeGraph(fixture('tutorial'));
  assert.ok(summary);
  assert.deepEqual(summary.rows.map((r) => [r.nodeId, r.type, r.detail, r.outputShape, r.paramCount]), [
    ['data', 'input', 'input(moons)', ['batch', 2], 0],
    ['hidden', 'dense', 'dense(10)', ['batch', 10], 30],
    ['relu', 'activation', 'activation(relu)', ['batch', 10], 0],
    ['out', 'dense', 'dense(1)', ['batch', 1], 11],
    ['prob', 'activation', 'activation(sigmoid)', ['batch', 1], 0],
  ]);
  assert.equal(summary.totalParams, 41);
  assert.equal(summary.trainableParams, 41);
});

test('useBias false drops the bias from the count; concat and add widths feed the next dense', () => {
  const residual = analyzeGraph(fixture('residual-add')).summary;
  assert.ok(residual);
  const counts = Object.fromEntries(residual.rows.map((r) => [r.nodeId, r.paramCount]));
  assert.deepEqual(counts, { data: 0, stem: 4 * 8 + 8, branch: 8 * 8, branchAct: 0, sum: 0, logits: 8 * 3 + 3 });
  assert.equal(residual.totalParams, 40 + 64 + 27);
  const concat = analyzeGraph(fixture('concat-wide')).summary;
  assert.ok(concat);
  const head = concat.rows.find((r) => r.nodeId === 'head');
  assert.deepEqual(head && [head.outputShape, head.paramCount], [['batch', 4], 16 * 4 + 4]);
  assert.equal(concat.totalParams, (5 * 6 + 6) + (5 * 10 + 10) + (16 * 4 + 4));
});

test('no summary while a width is unknown (a CSV whose header was not read) or the graph has errors', () => {
  assert.equal(analyzeGraph(fixture('regression-mse')).summary, undefined);
  assert.ok(analyzeGraph(fixture('regression-mse'), { datasetInfo: () => ({ featureCount: 2, classCount: 0 }) }).summary);
  assert.equal(analyzeGraph(fixture('tutorial').replace('"units": 10', '"units": 0')).summary, undefined);
});

test('modelSummary works on a graph and shapes alone, in data-flow order', () => {
  const graph = parseGraph(fixture('tutorial')).graph;
  assert.ok(graph);
  graph.nodes.reverse();
  const { shapes } = analyzeGraph(fixture('tutorial'));
  const summary = modelSummary(graph, shapes);
  assert.deepEqual(summary.rows.map((r) => r.nodeId), ['data', 'hidden', 'relu', 'out', 'prob']);
  assert.equal(summary.totalParams, 41);
});

test('the table: header, one line per layer, aligned columns, totals with thousands separators', () => {
  const summary = analyzeGraph(fixture('tutorial').replace('"units": 10', '"units": 1000')).summary;
  assert.ok(summary);
  const table = formatSummaryTable(summary, 'Binary classifier');
  const lines = table.split('\n');
  assert.equal(lines[0], 'Model: "Binary classifier"');
  assert.match(lines[2], /^ Layer \(type\) +Output Shape +Param # +FLOPs$/);
  const hidden = lines.find((l) => l.startsWith(' hidden (Dense)'));
  assert.ok(hidden);
  assert.match(hidden, /^ hidden \(Dense\) +\(batch, 1000\) +3,000 +5,000$/);
  assert.ok(lines.some((l) => /^ out \(Dense\) +\(batch, 1\) +1,001 +2,001$/.test(l)));
  // Param # and FLOPs are right-aligned: every row ends at the same column.
  const rows = lines.filter((l) => /\((Input|Dense|Activation)\)/.test(l));
  assert.equal(new Set(rows.map((l) => l.length)).size, 1);
  assert.deepEqual(lines.slice(-4), ['Total params: 4,001', 'Trainable params: 4,001', 'Non-trainable params: 0',
    'Forward FLOPs per sample: 8,002 (8k)']);
});
