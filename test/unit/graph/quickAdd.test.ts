// Quick-add: which nodes take a wire's tensor and what they make of it; and the one edit that adds and wires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeGraph, applyEdit, filterQuickAdd, type JsonObject, quickAddCandidates,
} from '../../../src/graph/index';
import { editIntentSchema } from '../../../src/protocol/messages';

const tutorialText = readFileSync(join(__dirname, '../../fixtures/graphs', 'tutorial.nngraph'), 'utf8');

function candidatesOf(text: string, from: string): Array<[string, string]> {
  const analysis = analyzeGraph(text);
  assert.ok(analysis.graph);
  return quickAddCandidates(analysis.graph, analysis.shapes, from).map((c) => [c.label, c.resultText]);
}

test('from a [batch, 10] output: every layer with its resulting shape, merges, and only the losses that fit', () => {
  const listed = candidatesOf(tutorialText, 'relu.out');
  assert.deepEqual(listed, [
    ['Dense · 16 units', '[batch, 16]'],
    ['Activation · relu', '[batch, 10]'], ['Activation · sigmoid', '[batch, 10]'], ['Activation · tanh', '[batch, 10]'],
    ['Activation · softmax', '[batch, 10]'], ['Activation · leaky_relu', '[batch, 10]'], ['Activation · elu', '[batch, 10]'],
    ['Activation · gelu', '[batch, 10]'], ['Activation · softplus', '[batch, 10]'], ['Activation · linear', '[batch, 10]'],
    ['Dropout', '[batch, 10]'],
    // x, x², the 45 pairs and sin x of ten columns.
    ['Features', '[batch, 75]'],
    ['Add (into a)', '[batch, 10]'], ['Add (into b)', '[batch, 10]'],
    // Concatenate's width is the sum of both inputs; the other one is not wired yet.
    ['Concatenate (into a)', '[batch, ?]'], ['Concatenate (into b)', '[batch, ?]'],
    // Ten units per sample: categorical, not binary.
    ['Cross-entropy · categorical', 'loss'],
    ['Mean squared error', 'loss'],
  ]);
});

test('one unit per sample offers binary cross-entropy only; keys are unique', () => {
  const analysis = analyzeGraph(tutorialText);
  assert.ok(analysis.graph);
  const candidates = quickAddCandidates(analysis.graph, analysis.shapes, 'out.out');
  assert.deepEqual(candidates.filter((c) => c.nodeType === 'cross-entropy').map((c) => c.params.mode), ['binary']);
  assert.equal(new Set(candidates.map((c) => c.key)).size, candidates.length);
});

test('the input node\'s labels go only into a loss\'s labels; an unknown output or an input port offers nothing', () => {
  assert.deepEqual(candidatesOf(tutorialText, 'data.labels'), [
    ['Cross-entropy · binary (labels)', 'loss'], ['Cross-entropy · categorical (labels)', 'loss'], ['Mean squared error (labels)', 'loss'],
  ]);
  assert.deepEqual(candidatesOf(tutorialText, 'data.features').find(([label]) => label.startsWith('Dense')), ['Dense · 16 units', '[batch, 16]']);
  assert.deepEqual(candidatesOf(tutorialText, 'nowhere.out'), []);
  assert.deepEqual(candidatesOf(tutorialText, 'relu.in'), []);
  assert.deepEqual(candidatesOf(tutorialText, 'relu'), []);
});

test('filter: every typed word, any order, any case', () => {
  const analysis = analyzeGraph(tutorialText);
  assert.ok(analysis.graph);
  const all = quickAddCandidates(analysis.graph, analysis.shapes, 'relu.out');
  assert.deepEqual(filterQuickAdd(all, 'TA act').map((c) => c.label), ['Activation · tanh']);
  assert.deepEqual(filterQuickAdd(all, 'dense').map((c) => c.label), ['Dense · 16 units']);
  assert.equal(filterQuickAdd(all, '  ').length, all.length);
  assert.deepEqual(filterQuickAdd(all, 'conv'), []);
});

test('addConnected: one edit adds the node and wires it, selecting the new node; the shape follows', () => {
  const doc = JSON.parse(tutorialText) as JsonObject;
  const result = applyEdit(doc, { kind: 'addConnected', nodeType: 'activation', params: { fn: 'tanh' }, position: { x: 10.4, y: 20.6 }, from: 'relu.out', toPort: 'in' });
  assert.ok(result.ok);
  assert.deepEqual(result.selectNodeIds, ['activation_1']);
  const nodes = result.value.nodes as JsonObject[];
  assert.deepEqual(nodes.at(-1), { id: 'activation_1', type: 'activation', position: { x: 10, y: 21 }, params: { fn: 'tanh' } });
  assert.deepEqual((result.value.edges as JsonObject[]).at(-1), { from: 'relu.out', to: 'activation_1.in' });
  assert.equal((result.value.edges as JsonObject[]).length, (doc.edges as JsonObject[]).length + 1);
  const after = analyzeGraph(JSON.stringify(result.value));
  assert.deepEqual(after.shapes['activation_1.out'], ['batch', 10]);
  // Without params the node starts with the palette's defaults.
  const dense = applyEdit(doc, { kind: 'addConnected', nodeType: 'dense', position: { x: 0, y: 0 }, from: 'relu.out', toPort: 'in' });
  assert.ok(dense.ok);
  assert.deepEqual((dense.value.nodes as JsonObject[]).at(-1)?.params, { units: 16 });
});

test('addConnected refuses as a whole: a missing source or a port the type lacks changes nothing', () => {
  const doc = JSON.parse(tutorialText) as JsonObject;
  const missing = applyEdit(doc, { kind: 'addConnected', nodeType: 'dropout', position: { x: 0, y: 0 }, from: 'ghost.out', toPort: 'in' });
  assert.deepEqual(missing, { ok: false, message: "There is no node for the endpoint 'ghost.out'." });
  const badPort = applyEdit(doc, { kind: 'addConnected', nodeType: 'dense', position: { x: 0, y: 0 }, from: 'relu.out', toPort: 'labels' });
  assert.deepEqual(badPort, { ok: false, message: "'labels' is not an input of a dense node." });
});

test('the protocol accepts the addConnected intent and rejects one without its wire', () => {
  const intent = { kind: 'addConnected', nodeType: 'activation', params: { fn: 'tanh' }, position: { x: 1, y: 2 }, from: 'relu.out', toPort: 'in' };
  assert.ok(editIntentSchema.safeParse(intent).success);
  assert.equal(editIntentSchema.safeParse({ ...intent, from: undefined }).success, false);
});
