// The semantic diff: what counts as a change to the network, and what (moves, renames, reordering) does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffGraphTexts, formatValueChange, type GraphDiff } from '../../../src/graph/index';

interface FileNode { id: string; type: string; position: { x: number; y: number }; params: Record<string, unknown> }
interface FileGraph { nodes: FileNode[]; edges: Array<{ from: string; to: string }>; training: Record<string, unknown>; name?: string }

const digitsText = readFileSync(join(__dirname, '../../../examples/digits.nngraph'), 'utf8');

function digits(): FileGraph {
  return JSON.parse(digitsText) as FileGraph;
}

function text(graph: FileGraph): string {
  return JSON.stringify(graph, null, 2);
}

function diffOf(before: string, after: string): GraphDiff {
  const result = diffGraphTexts(before, after);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.diagnostics));
  return result.diff;
}

function node(graph: FileGraph, id: string): FileNode {
  const found = graph.nodes.find((n) => n.id === id);
  assert.ok(found, `no node ${id}`);
  return found;
}

/** Renames a node everywhere (its id and every edge endpoint). */
function rename(graph: FileGraph, from: string, to: string): void {
  node(graph, from).id = to;
  const swap = (endpoint: string): string => (endpoint.startsWith(`${from}.`) ? `${to}${endpoint.slice(from.length)}` : endpoint);
  graph.edges = graph.edges.map((edge) => ({ from: swap(edge.from), to: swap(edge.to) }));
}

test('the same file, and one with every key and array reordered, do not differ', () => {
  assert.equal(diffOf(digitsText, digitsText).networkDiffers, false);
  const shuffled = digits();
  shuffled.nodes.reverse();
  shuffled.edges.reverse();
  const reorderKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reorderKeys);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([key, inner]) => [key, reorderKeys(inner)]));
  };
  const diff = diffOf(digitsText, JSON.stringify(reorderKeys(shuffled)));
  assert.equal(diff.networkDiffers, false, JSON.stringify(diff));
  assert.equal(diff.positionsDiffer, false);
  assert.equal(diff.matched.length, 6);
});

test('moves are reported apart and are not a change to the network', () => {
  const moved = digits();
  node(moved, 'relu').position = { x: 480, y: 20 };
  const diff = diffOf(digitsText, text(moved));
  assert.equal(diff.networkDiffers, false);
  assert.equal(diff.positionsDiffer, true);
  assert.deepEqual(diff.moved, [{ beforeId: 'relu', afterId: 'relu', before: { x: 440, y: 0 }, after: { x: 480, y: 20 } }]);
});

test('a parameter change is reported old -> new on the node', () => {
  const changed = digits();
  node(changed, 'hidden').params.units = 128;
  node(changed, 'hidden').params.init = 'he_normal';
  const diff = diffOf(digitsText, text(changed));
  assert.equal(diff.networkDiffers, true);
  assert.equal(diff.changed.length, 1);
  assert.equal(diff.changed[0].afterId, 'hidden');
  assert.deepEqual(diff.changed[0].changes.map(formatValueChange), ['init: "glorot_uniform" -> "he_normal"'.replace('->', '→'), 'units: 64 → 128']);
  assert.deepEqual([diff.added, diff.removed, diff.addedEdges, diff.removedEdges, diff.renamed], [[], [], [], [], []]);
});

test('writing a default out, or leaving it out, is not a change', () => {
  const explicit = digits();
  node(explicit, 'hidden').params.useBias = true;
  node(explicit, 'hidden').params.init = 'glorot_uniform';
  explicit.training.shuffle = true;
  (explicit.training.optimizer as Record<string, unknown>).beta1 = 0.9;
  assert.equal(diffOf(digitsText, text(explicit)).networkDiffers, false);
});

test('renamed ids are recognised as renames, also a whole renamed chain, and edges follow them', () => {
  const renamed = digits();
  for (const [from, to] of [['data', 'x'], ['hidden', 'encoder'], ['relu', 'act1'], ['logits', 'head'], ['probs', 'softmax'], ['loss', 'ce']]) {
    rename(renamed, from, to);
  }
  renamed.nodes.reverse();
  const diff = diffOf(digitsText, text(renamed));
  assert.equal(diff.networkDiffers, false, JSON.stringify(diff));
  assert.deepEqual(new Map(diff.renamed.map((pair) => [pair.beforeId, pair.afterId])), new Map([
    ['data', 'x'], ['hidden', 'encoder'], ['relu', 'act1'], ['logits', 'head'], ['probs', 'softmax'], ['loss', 'ce'],
  ]));
});

test('two identical layers renamed are told apart by their wiring', () => {
  // dense(64) relu dense(64): the two dense layers have the same signature, only their neighbours differ.
  const before = digits();
  node(before, 'logits').params.units = 64;
  node(before, 'probs').params.fn = 'relu';
  const after = JSON.parse(text(before)) as FileGraph;
  rename(after, 'hidden', 'first');
  rename(after, 'logits', 'second');
  const diff = diffOf(text(before), text(after));
  assert.equal(diff.networkDiffers, false, JSON.stringify(diff));
  assert.deepEqual(new Map(diff.renamed.map((pair) => [pair.beforeId, pair.afterId])), new Map([['hidden', 'first'], ['logits', 'second']]));
});

test('a renamed node whose parameters also changed is matched by its wiring and reported as changed', () => {
  const after = digits();
  rename(after, 'hidden', 'encoder');
  node(after, 'encoder').params.units = 32;
  const diff = diffOf(digitsText, text(after));
  assert.deepEqual(diff.renamed, [{ beforeId: 'hidden', afterId: 'encoder' }]);
  assert.equal(diff.changed.length, 1);
  assert.deepEqual(diff.changed[0].changes, [{ path: 'units', before: 64, after: 32 }]);
  assert.deepEqual([diff.addedEdges, diff.removedEdges], [[], []]);
});

test('an added branch and a removed branch: nodes and edges', () => {
  const after = digits();
  // Remove the relu between hidden and logits, and add a dropout + skip branch elsewhere.
  after.nodes = after.nodes.filter((n) => n.id !== 'relu');
  after.edges = after.edges.filter((e) => !e.from.startsWith('relu.') && !e.to.startsWith('relu.'));
  after.edges.push({ from: 'hidden.out', to: 'drop.in' }, { from: 'drop.out', to: 'logits.in' });
  after.nodes.push({ id: 'drop', type: 'dropout', position: { x: 440, y: 120 }, params: { rate: 0.2 } });
  const diff = diffOf(digitsText, text(after));
  assert.equal(diff.networkDiffers, true);
  assert.deepEqual(diff.removed.map((n) => n.id), ['relu']);
  assert.deepEqual(diff.added.map((n) => [n.id, n.type, n.params]), [['drop', 'dropout', { rate: 0.2 }]]);
  assert.deepEqual(diff.removedEdges, [{ from: 'hidden.out', to: 'relu.in' }, { from: 'relu.out', to: 'logits.in' }]);
  assert.deepEqual(diff.addedEdges, [{ from: 'hidden.out', to: 'drop.in' }, { from: 'drop.out', to: 'logits.in' }]);
  assert.deepEqual(diff.changed, []);
});

test('a rewired edge between existing nodes is one removed and one added edge', () => {
  const after = digits();
  after.edges = after.edges.map((e) => (e.from === 'logits.out' ? { from: 'logits.out', to: 'loss.predictions' } : e))
    .filter((e) => e.from !== 'probs.out');
  const diff = diffOf(digitsText, text(after));
  assert.deepEqual(diff.removedEdges, [{ from: 'logits.out', to: 'probs.in' }, { from: 'probs.out', to: 'loss.predictions' }]);
  assert.deepEqual(diff.addedEdges, [{ from: 'logits.out', to: 'loss.predictions' }]);
});

test('a node replaced in place by another type keeps its id and reports the type change', () => {
  const after = digits();
  const relu = node(after, 'relu');
  relu.type = 'dropout';
  relu.params = { rate: 0.5 };
  const diff = diffOf(digitsText, text(after));
  assert.deepEqual(diff.changed.map((c) => [c.beforeId, c.afterId, c.changes.map(formatValueChange)]),
    [['relu', 'relu', ['type: "activation" → "dropout"', 'fn: "relu" → (none)', 'rate: (none) → 0.5']]]);
});

test('training settings, the dataset and the name are compared field by field', () => {
  const after = digits();
  after.training.epochs = 50;
  (after.training.optimizer as Record<string, unknown>).learningRate = 0.01;
  node(after, 'data').params.dataset = { builtin: 'iris' };
  after.name = 'Digits, wider';
  const diff = diffOf(digitsText, text(after));
  assert.deepEqual(diff.training.map(formatValueChange), ['epochs: 30 → 50', 'optimizer.learningRate: 0.003 → 0.01']);
  assert.deepEqual(diff.changed[0].changes.map(formatValueChange), ['dataset.builtin: "digits" → "iris"']);
  assert.deepEqual(diff.document.map(formatValueChange), ['name: "Handwritten digits (8×8)" → "Digits, wider"']);
});

test('ids from a file are data: __proto__ and constructor are ordinary ids and parameter names', () => {
  const before = digits();
  rename(before, 'relu', '__proto__');
  node(before, 'hidden').params = { units: 64, constructor: 1 };
  const after = JSON.parse(text(before)) as FileGraph;
  node(after, 'hidden').params = { units: 64, constructor: 2 };
  rename(after, '__proto__', 'constructor');
  const diff = diffOf(text(before), text(after));
  assert.deepEqual(diff.renamed, [{ beforeId: '__proto__', afterId: 'constructor' }]);
  assert.deepEqual(diff.changed[0].changes, [{ path: 'constructor', before: 1, after: 2 }]);
});

test('invalid input on either side gives that side and its errors with line and column', () => {
  const broken = digitsText.replace('"units": 64', '"units": 64,,');
  const left = diffGraphTexts(broken, digitsText);
  assert.ok(!left.ok);
  assert.equal(left.side, 'before');
  assert.equal(left.diagnostics[0].code, 'NG001');
  assert.equal(left.diagnostics[0].range.start.line, digitsText.split('\n').findIndex((l) => l.includes('"units": 64')));
  const right = diffGraphTexts(digitsText, 'not json');
  assert.ok(!right.ok);
  assert.equal(right.side, 'after');
  const duplicate = digits();
  node(duplicate, 'relu').id = 'hidden';
  const twice = diffGraphTexts(digitsText, text(duplicate));
  assert.ok(!twice.ok);
  assert.equal(twice.diagnostics[0].code, 'NG015');
  assert.match(twice.diagnostics[0].message, /"hidden"/);
});
