// After a change the host asks for the same text's analysis several times (the editor's header and label scan, the
// Problems panel's dataset and diagnostics); with nothing read from disk they must share one analysis, and that
// analysis must be exactly what the graph code gives with the host's options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeOptionsOf, analyzeWithDataset, readDatasetContext, type CsvPlace } from '../../../src/extension/editor/csvDataset';
import { analyzeGraph } from '../../../src/graph/index';

const tutorial = readFileSync(join(__dirname, '../../fixtures/graphs/tutorial.nngraph'), 'utf8');
const place: CsvPlace = { root: '/nonexistent-workspace', graphFolder: '/nonexistent-workspace/graphs', maxMegabytes: 512 };

test('one change, one analysis: the editor and the Problems panel share it when no dataset file is read', async () => {
  const moved = tutorial.replace('"x": 220', '"x": 230').replace('"units": 1 }', '"units": 0 }');
  const header = await readDatasetContext(moved, place, { headerOnly: true });
  const full = await readDatasetContext(moved, place);
  const problems = await analyzeWithDataset(moved, place);
  assert.deepEqual(header, { workspaceDepth: 1 });
  assert.deepEqual(full, { workspaceDepth: 1 });
  assert.deepEqual(problems.analysis, analyzeGraph(moved, analyzeOptionsOf(problems.context)));
  assert.deepEqual(problems.analysis.diagnostics.map((d) => d.code), ['NG011']);
  const again = await analyzeWithDataset(moved, place);
  assert.equal(again.analysis, problems.analysis, 'the same text is analysed once');
  const next = await analyzeWithDataset(tutorial, place);
  assert.notEqual(next.analysis, problems.analysis, 'a new text gets its own analysis');
  assert.deepEqual(next.analysis.diagnostics, []);
});

test('a CSV dataset the host could not read is reported: that analysis is not the shared one', async () => {
  const csv = tutorial.replace('{ "builtin": "moons", "samples": 1000, "noise": 0.15 }', '{ "csv": "missing.csv", "label": "y" }');
  const { analysis, context } = await analyzeWithDataset(csv, place);
  assert.ok(context.datasetProblem);
  assert.deepEqual(analysis.diagnostics.map((d) => d.code), ['NG043']);
});
