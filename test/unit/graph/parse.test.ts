// parseGraph: positions, syntax problems, unknown fields kept, hostile input handled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGraph, LineIndex, parseGraph } from '../../../src/graph/index';

const tutorial = readFileSync(join(__dirname, '../../fixtures/graphs/tutorial.nngraph'), 'utf8');

function codes(text: string): string[] {
  return analyzeGraph(text).diagnostics.map((d) => d.code);
}

test('the tutorial parses into the graph the file describes', () => {
  const { graph, diagnostics } = parseGraph(tutorial);
  assert.deepEqual(diagnostics, []);
  assert.ok(graph);
  assert.equal(graph.name, 'Binary classifier from the tutorial');
  assert.deepEqual(graph.nodes.map((n) => [n.id, n.type]), [
    ['data', 'input'], ['hidden', 'dense'], ['relu', 'activation'], ['out', 'dense'], ['prob', 'activation'], ['loss', 'cross-entropy'],
  ]);
  assert.deepEqual(graph.nodes[1], { id: 'hidden', type: 'dense', position: { x: 220, y: 0 }, params: { units: 10 } });
  assert.equal(graph.edges.length, 6);
  assert.deepEqual(graph.training.optimizer, { type: 'adam', learningRate: 0.001 });
});

test('line and column count \\n, \\r\\n and \\r line ends as VS Code does', () => {
  const lines = new LineIndex('ab\r\ncd\ref\ngh');
  assert.deepEqual(lines.position(0), { line: 0, column: 0 });
  assert.deepEqual(lines.position(4), { line: 1, column: 0 });
  assert.deepEqual(lines.position(7), { line: 2, column: 0 });
  assert.deepEqual(lines.position(11), { line: 3, column: 1 });
  const crlf = tutorial.replace(/\n/g, '\r\n').replace('"units": 10', '"units": -3');
  const [diagnostic] = analyzeGraph(crlf).diagnostics;
  assert.equal(diagnostic.code, 'NG011');
  assert.deepEqual(diagnostic.range.start, { line: 7, column: 94 });
  assert.equal(crlf.slice(diagnostic.range.startOffset, diagnostic.range.endOffset), '-3');
});

test('a newer version is refused with a message that says so, and nothing else is reported', () => {
  const text = tutorial.replace('"version": 1', '"version": 7').replace('"units": 10', '"units": "many"');
  const { graph, diagnostics } = parseGraph(text);
  assert.equal(graph, undefined);
  assert.deepEqual(diagnostics.map((d) => d.code), ['NG007']);
  assert.match(diagnostics[0].message, /version 7.*reads version 1/);
});

test('syntax errors give no graph; comments and trailing commas are reported but the rest is still checked', () => {
  assert.equal(parseGraph('{ "format": "nngraph", ').graph, undefined);
  assert.deepEqual(codes(''), ['NG001']);
  assert.deepEqual(codes('   \n'), ['NG001']);
  const both = tutorial.replace('"units": 10 }', '"units": 0, } /* note */');
  const result = analyzeGraph(both);
  assert.ok(result.graph);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['NG011', 'NG003', 'NG002']);
});

test('unknown fields warn at their key and are kept in the graph', () => {
  const text = tutorial
    .replace('"name": "Binary', '"author": "me", "name": "Binary')
    .replace('{ "id": "hidden", "type": "dense",', '{ "id": "hidden", "color": "red", "type": "dense",')
    .replace('{ "from": "relu.out", "to": "out.in" }', '{ "from": "relu.out", "to": "out.in", "label": "x" }');
  const { graph, diagnostics } = parseGraph(text);
  assert.ok(graph);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, text.slice(d.range.startOffset, d.range.endOffset)]), [
    ['NG008', 'warning', '"author"'], ['NG008', 'warning', '"color"'], ['NG008', 'warning', '"label"'],
  ]);
  assert.deepEqual(graph.extra, { author: 'me' });
  assert.deepEqual(graph.nodes[1].extra, { color: 'red' });
  assert.deepEqual(graph.edges[2].extra, { label: 'x' });
});

test('keys such as __proto__ stay data: no prototype is changed, and the key is reported as unknown', () => {
  const text = tutorial.replace('"params": { "units": 10 }', '"params": { "units": 10, "__proto__": { "polluted": true } }');
  const { graph, diagnostics } = parseGraph(text);
  assert.ok(graph);
  const params = graph.nodes[1].params;
  assert.equal(Object.getPrototypeOf(params), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(params, '__proto__'));
  assert.deepEqual(analyzeGraph(text).diagnostics.map((d) => d.code), ['NG008']);
  assert.deepEqual(diagnostics, []);
});

test('absurd nesting, huge numbers and odd characters are diagnostics, not exceptions', () => {
  assert.deepEqual(codes('['.repeat(200000)), ['NG050']);
  assert.deepEqual(codes(tutorial.replace('"units": 10', '"units": 1e400')), ['NG010']);
  assert.deepEqual(codes(tutorial.replace('"units": 10', '"units": 65537')), ['NG011']);
  assert.deepEqual(codes('\uFEFF{}').slice(0, 1), ['NG001']);
  assert.deepEqual(codes('"just a string"'), ['NG004']);
});

test('an unreadable node is left out and edges to it are not reported twice', () => {
  const text = tutorial.replace('"type": "activation", "position": { "x": 440', '"type": "convolution", "position": { "x": 440');
  const { graph, diagnostics } = parseGraph(text);
  assert.ok(graph);
  assert.equal(graph.nodes.length, 5);
  assert.deepEqual(diagnostics.map((d) => d.code), ['NG013']);
  // The edges around it no longer connect, which is reported on the nodes that are left.
  assert.deepEqual(codes(text), ['NG024', 'NG013', 'NG021']);
});

test('missing structure: an empty object names every missing top-level field at the opening brace', () => {
  const diagnostics = analyzeGraph('{}').diagnostics;
  assert.deepEqual(diagnostics.map((d) => [d.code, d.field]), [
    ['NG005', 'format'], ['NG006', 'version'], ['NG009', 'nodes'], ['NG009', 'edges'],
  ]);
  for (const d of diagnostics) assert.deepEqual([d.range.startOffset, d.range.endOffset], [0, 1]);
});

test('a node without a position is placed at the origin, without a warning', () => {
  const text = tutorial.replace('"position": { "x": 220, "y": 0 }, ', '');
  const { graph, diagnostics } = parseGraph(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(graph?.nodes[1].position, { x: 0, y: 0 });
  assert.deepEqual(codes(tutorial.replace('{ "x": 220, "y": 0 }', '{ "x": "left" }')), ['NG010']);
});

test('100k unknown keys in one object: the first 50 are reported one by one, the rest in one warning', () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}": ${i}`).join(', ');
  const text = tutorial.replace('"units": 10', `"units": 10, ${keys}`);
  const diagnostics = analyzeGraph(text).diagnostics;
  assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['NG008']);
  assert.equal(diagnostics.length, 51);
  const summaries = diagnostics.filter((d) => /99,950 more unknown fields besides the 50 above/.test(d.message));
  assert.equal(summaries.length, 1);
  assert.equal(summaries[0].nodeId, 'hidden');
  assert.ok(text.slice(summaries[0].range.startOffset).startsWith('{ "units": 10, "k0"'), 'the summary points at the object');
  const keysShown = diagnostics.filter((d) => d !== summaries[0]).map((d) => text.slice(d.range.startOffset, d.range.endOffset));
  assert.deepEqual(keysShown, Array.from({ length: 50 }, (_, i) => `"k${i}"`));
});

test('a duplicate key among 100k keys is found, at its own place', () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}": ${i}`).join(', ');
  const text = `{ "format": "nngraph", "version": 1, "nodes": [], "edges": [], "training": { "x": { ${keys}, "k77777": 0 } } }`;
  const duplicates = analyzeGraph(text).diagnostics.filter((d) => d.code === 'NG040');
  assert.equal(duplicates.length, 1);
  assert.equal(text.slice(duplicates[0].range.startOffset, duplicates[0].range.endOffset), '"k77777"');
  assert.ok(duplicates[0].range.startOffset > text.indexOf('"k99999"'));
});
