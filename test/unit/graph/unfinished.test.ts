// An unfinished graph reads as unfinished: missing input or loss nodes, unwired ports and nodes that lead nowhere are
// warnings while it is drawn. Training sees them as training must: no path from the input to the loss is an error
// there (one clear message each), and a branch that feeds nothing is left out of the program and of every export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeGraph, compileText, diagnosticInfo, formatSummaryTable, GRAPH_TEMPLATES, type CompileResult,
} from '../../../src/graph/index';
import { exportKeras } from '../../../src/graph/export/keras';
import { exportPytorch } from '../../../src/graph/export/pytorch';
import { exportTfjs } from '../../../src/graph/export/tfjs';
import type { GraphExport } from '../../../src/graph/export/exportInput';

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/graphs', `${name}.nngraph`), 'utf8');
}

function compiled(result: CompileResult): Extract<CompileResult, { ok: true }> {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.diagnostics, null, 1));
  return result;
}

const codesAndSeverities = (text: string, forTraining = false): string[] =>
  analyzeGraph(text, { forTraining }).diagnostics.map((d) => `${d.code} ${d.severity}`);

/** The tutorial with a branch that feeds nothing: relu → deadDense (dense 7) → deadAct, wired to nothing further. */
function withDeadBranch(): string {
  const graph = JSON.parse(fixture('tutorial')) as { nodes: unknown[]; edges: unknown[] };
  graph.nodes.push(
    { id: 'deadDense', type: 'dense', position: { x: 440, y: 200 }, params: { units: 7 } },
    { id: 'deadAct', type: 'activation', position: { x: 660, y: 200 }, params: { fn: 'softmax' } },
    { id: 'deadDropout', type: 'dropout', position: { x: 0, y: 300 }, params: { rate: 0.5 } },
  );
  graph.edges.push({ from: 'relu.out', to: 'deadDense.in' }, { from: 'deadDense.out', to: 'deadAct.in' });
  return JSON.stringify(graph, null, 2);
}

test('the severities of the unfinished-graph codes are warnings; a cycle stays an error', () => {
  for (const code of ['NG021', 'NG022', 'NG023', 'NG024']) assert.equal(diagnosticInfo(code)?.severity, 'warning', code);
  assert.equal(diagnosticInfo('NG025')?.severity, 'error');
});

test('New Graph…\'s blank graph has no errors in the editor, and two (no input, no loss) as training sees it', () => {
  const blank = GRAPH_TEMPLATES.find((t) => t.id === 'blank');
  assert.ok(blank);
  const text = JSON.stringify(blank.build(), null, 2);
  assert.deepEqual(codesAndSeverities(text), ['NG022 warning', 'NG023 warning']);
  assert.deepEqual(codesAndSeverities(text, true), ['NG022 error', 'NG023 error']);
  const result = compileText(text);
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.diagnostics[0].message, /no input node/);
});

test('a half-built chain (input → dense, no loss) is warnings only; training refuses it for the missing loss alone', () => {
  const text = JSON.stringify({
    format: 'nngraph', version: 1,
    nodes: [
      { id: 'data', type: 'input', position: { x: 0, y: 0 }, params: { dataset: { builtin: 'moons' } } },
      { id: 'hidden', type: 'dense', position: { x: 200, y: 0 }, params: { units: 4 } },
      { id: 'idle', type: 'dense', position: { x: 200, y: 200 }, params: { units: 4 } },
    ],
    edges: [{ from: 'data.features', to: 'hidden.in' }],
  });
  assert.deepEqual(codesAndSeverities(text), ['NG023 warning', 'NG021 warning']);
  // Without a loss nothing is "on the way to the loss": only the missing loss blocks.
  assert.deepEqual(codesAndSeverities(text, true), ['NG023 error', 'NG021 warning']);
});

test('an unwired port on the way to the loss blocks training; the same gap on a dead branch does not', () => {
  const tutorial = fixture('tutorial');
  const cut = tutorial.replace(/\s*\{ "from": "hidden\.out", "to": "relu\.in" \},?/, '');
  assert.notEqual(cut, tutorial);
  const editor = codesAndSeverities(cut);
  assert.ok(editor.every((entry) => entry.endsWith('warning')), editor.join());
  assert.ok(editor.includes('NG021 warning'), 'relu.in is unwired');
  const training = analyzeGraph(cut, { forTraining: true }).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(training.map((d) => [d.code, d.nodeId]), [['NG021', 'relu']], 'relu is on the way to the loss');
  const result = compileText(cut);
  assert.equal(result.ok, false);
});

test('a graph with a dead branch trains: the nodes that feed nothing are warnings, left out of the program', () => {
  const text = withDeadBranch();
  const editor = analyzeGraph(text).diagnostics;
  assert.deepEqual(editor.map((d) => `${d.code} ${d.severity} ${d.nodeId}`).sort(),
    ['NG021 warning deadDropout', 'NG024 warning deadDense', 'NG024 warning deadAct'].sort());
  const { spec, warnings } = compiled(compileText(text));
  const reference = compiled(compileText(fixture('tutorial'))).spec;
  assert.deepEqual(spec, reference, 'the same program as without the branch');
  assert.ok(spec.ops.every((op) => !['deadDense', 'deadAct', 'deadDropout'].includes(op.nodeId)));
  assert.equal(warnings.filter((d) => d.severity === 'error').length, 0);
});

test('a dead reader of the loss\'s sigmoid does not stop the sigmoid being folded into the loss', () => {
  const graph = JSON.parse(fixture('tutorial')) as { nodes: unknown[]; edges: unknown[] };
  graph.nodes.push({ id: 'peek', type: 'dense', position: { x: 880, y: 200 }, params: { units: 2 } });
  graph.edges.push({ from: 'prob.out', to: 'peek.in' });
  const { spec } = compiled(compileText(JSON.stringify(graph)));
  assert.equal(spec.loss.kind !== 'mse' && spec.loss.activationNodeId, 'prob');
  assert.equal(spec.ops.length, 3);
});

test('exports are built from the program: the dead branch is in none of them', () => {
  const { spec, training, normalize } = compiled(compileText(withDeadBranch()));
  const input: GraphExport = { graphName: 'dead branch', spec, training, normalize, data: { csv: 'moons.csv', label: 'label' } };
  for (const [name, exporter] of [['PyTorch', exportPytorch], ['Keras', exportKeras], ['TF.js', exportTfjs]] as const) {
    const program = exporter(input);
    assert.ok(!program.includes('deadDense') && !program.includes('deadDropout'), `${name} mentions a dead node`);
    assert.ok(program.includes("'hidden'") || program.includes('"hidden"'), `${name} has the live dense layer`);
  }
});

test('the summary and the memory check count the model training builds: a dead branch is named, not counted', () => {
  const text = withDeadBranch();
  const summary = analyzeGraph(text).summary;
  const reference = analyzeGraph(fixture('tutorial')).summary;
  assert.ok(summary && reference);
  assert.deepEqual(summary.rows, reference.rows);
  assert.equal(summary.totalParams, 41);
  assert.deepEqual(summary.leftOut.sort(), ['deadAct', 'deadDense', 'deadDropout']);
  assert.match(formatSummaryTable(summary), /\nLeft out \(not on the path to the loss\): dead\w+, dead\w+, dead\w+$/);
  assert.deepEqual(reference.leftOut, []);
  assert.ok(!formatSummaryTable(reference).includes('Left out'));
  // Two dead 65,536-unit layers (17 GB of weights alone) do not make the model that trains too large.
  const huge = JSON.parse(text) as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, string>> };
  huge.nodes = huge.nodes.map((node) => (node.id === 'deadDense' ? { ...node, params: { units: 65_536 } } : node));
  huge.nodes.push({ id: 'deadWide', type: 'dense', position: { x: 660, y: 400 }, params: { units: 65_536 } });
  huge.edges.push({ from: 'deadDense.out', to: 'deadWide.in' });
  assert.deepEqual(analyzeGraph(JSON.stringify(huge)).diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(compileText(JSON.stringify(huge)).ok);
  // Wired on the way to the loss instead, the same two layers are refused.
  huge.edges = huge.edges.map((edge) => (edge.from === 'relu.out' && edge.to === 'out.in' ? { from: 'deadWide.out', to: 'out.in' } : edge));
  assert.deepEqual(analyzeGraph(JSON.stringify(huge)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['NG042']);
});

test('a graph with no path to a loss yet still has a summary of every node it has', () => {
  const graph = JSON.parse(fixture('tutorial')) as { nodes: Array<{ id: string }>; edges: Array<{ to: string }> };
  graph.nodes = graph.nodes.filter((node) => node.id !== 'loss');
  graph.edges = graph.edges.filter((edge) => !edge.to.startsWith('loss.'));
  const summary = analyzeGraph(JSON.stringify(graph)).summary;
  assert.ok(summary, JSON.stringify(analyzeGraph(JSON.stringify(graph)).diagnostics));
  assert.deepEqual(summary.rows.map((row) => row.nodeId), ['data', 'hidden', 'relu', 'out', 'prob']);
  assert.deepEqual(summary.leftOut, []);
});
