import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdit, freshNodeId, readEditableGraph, type EditIntent } from '../../../src/graph/edits';
import type { JsonObject } from '../../../src/graph/format';
import { GRAPH_TEMPLATES, initialParams } from '../../../src/graph/templates';

const tutorial = (): JsonObject => GRAPH_TEMPLATES[0].build();

function apply(doc: JsonObject, intent: EditIntent): JsonObject {
  const result = applyEdit(doc, intent);
  if (!result.ok) assert.fail(result.message);
  return result.value;
}

const nodeIds = (doc: JsonObject): string[] => (doc.nodes as JsonObject[]).map((n) => n.id as string);
const node = (doc: JsonObject, id: string): JsonObject => (doc.nodes as JsonObject[]).find((n) => n.id === id) as JsonObject;

test('addNode gives a fresh Keras-like id, the suggested required params and a whole-pixel position', () => {
  const doc = apply(tutorial(), { kind: 'addNode', nodeType: 'dense', position: { x: 10.4, y: 20.6 } });
  assert.deepEqual(node(doc, 'dense_1'), { id: 'dense_1', type: 'dense', position: { x: 10, y: 21 }, params: { units: 16 } });
  const again = apply(doc, { kind: 'addNode', nodeType: 'cross-entropy', position: { x: 0, y: 0 } });
  assert.ok(nodeIds(again).includes('loss_1'));
  assert.deepEqual(initialParams('activation'), { fn: 'relu' });
  assert.deepEqual(initialParams('add'), {});
});

test('connect replaces the edge into an occupied input port; disconnect removes one edge', () => {
  const doc = apply(tutorial(), { kind: 'connect', from: 'data.features', to: 'relu.in' });
  const edges = doc.edges as JsonObject[];
  assert.equal(edges.filter((e) => e.to === 'relu.in').length, 1);
  assert.ok(edges.some((e) => e.from === 'data.features' && e.to === 'relu.in'));
  const cut = apply(doc, { kind: 'disconnect', from: 'data.features', to: 'relu.in' });
  assert.equal((cut.edges as JsonObject[]).some((e) => e.to === 'relu.in'), false);
  assert.equal(applyEdit(tutorial(), { kind: 'connect', from: 'ghost.out', to: 'relu.in' }).ok, false);
});

test('deleting a node deletes its edges; deleting an edge leaves the nodes', () => {
  const doc = apply(tutorial(), { kind: 'deleteElements', nodeIds: ['relu'], edges: [{ from: 'data.labels', to: 'loss.labels' }] });
  assert.deepEqual(nodeIds(doc), ['data', 'hidden', 'out', 'prob', 'loss']);
  assert.deepEqual((doc.edges as JsonObject[]).map((e) => `${e.from}>${e.to}`),
    ['data.features>hidden.in', 'out.out>prob.in', 'prob.out>loss.predictions']);
});

test('setParam sets and removes nested values, keeping unknown fields', () => {
  const base = tutorial();
  (base.nodes as JsonObject[])[1] = { ...node(base, 'hidden'), note: 'mine', params: { units: 10, extra: 1 } };
  const doc = apply(base, { kind: 'setParam', nodeId: 'hidden', path: ['units'], value: 32 });
  assert.deepEqual(node(doc, 'hidden').params, { units: 32, extra: 1 });
  assert.equal(node(doc, 'hidden').note, 'mine');
  const removed = apply(doc, { kind: 'setParam', nodeId: 'hidden', path: ['extra'] });
  assert.deepEqual(node(removed, 'hidden').params, { units: 32 });
  const nested = apply(tutorial(), { kind: 'setParam', nodeId: 'data', path: ['dataset', 'noise'], value: 0.3 });
  assert.deepEqual(node(nested, 'data').params, { dataset: { builtin: 'moons', samples: 1000, noise: 0.3 } });
  const refused = applyEdit(tutorial(), { kind: 'setParam', nodeId: 'nope', path: ['units'], value: 1 });
  assert.deepEqual(refused, { ok: false, message: "There is no node 'nope' in this graph." });
});

test('renameNode rewrites the edges and refuses bad or taken ids', () => {
  const doc = apply(tutorial(), { kind: 'renameNode', nodeId: 'hidden', newId: 'h1' });
  assert.ok((doc.edges as JsonObject[]).some((e) => e.from === 'h1.out' && e.to === 'relu.in'));
  assert.equal(applyEdit(tutorial(), { kind: 'renameNode', nodeId: 'hidden', newId: 'relu' }).ok, false);
  assert.equal(applyEdit(tutorial(), { kind: 'renameNode', nodeId: 'hidden', newId: '1bad' }).ok, false);
});

test('duplicate and paste copy nodes with fresh ids and only the edges between the copies', () => {
  const result = applyEdit(tutorial(), { kind: 'duplicate', nodeIds: ['hidden', 'relu'] });
  assert.ok(result.ok);
  assert.deepEqual(result.selectNodeIds, ['dense_1', 'activation_1']);
  assert.deepEqual(node(result.value, 'dense_1').position, { x: 260, y: 40 });
  assert.deepEqual((result.value.edges as JsonObject[]).at(-1), { from: 'dense_1.out', to: 'activation_1.in' });
  const pasted = apply(tutorial(), {
    kind: 'paste', offset: { x: 0, y: 100 }, edges: [{ from: 'x.out', to: 'y.in' }],
    nodes: [{ id: 'x', type: 'dense', position: { x: 1, y: 1 }, params: { units: 2 } }],
  });
  assert.deepEqual(node(pasted, 'x').position, { x: 1, y: 101 });
  assert.equal((pasted.edges as JsonObject[]).length, 6, 'an edge to a node that was not pasted is dropped');
});

test('moveNodes, setTraining, setName and autoLayout', () => {
  const moved = apply(tutorial(), { kind: 'moveNodes', moves: [{ nodeId: 'loss', position: { x: 5, y: 6 } }] });
  assert.deepEqual(node(moved, 'loss').position, { x: 5, y: 6 });
  const trained = apply(tutorial(), { kind: 'setTraining', path: ['optimizer', 'learningRate'], value: 0.01 });
  assert.deepEqual((trained.training as JsonObject).optimizer, { type: 'adam', learningRate: 0.01 });
  assert.equal(apply(tutorial(), { kind: 'setName', name: 'n' }).name, 'n');
  const laidOut = apply(moved, { kind: 'autoLayout' });
  const xs = nodeIds(laidOut).filter((id) => id !== 'data').map((id) => (node(laidOut, id).position as JsonObject).x as number);
  assert.deepEqual([...xs].sort((a, b) => a - b), xs, 'a chain is laid out left to right');
});

test('freshNodeId skips taken ids', () => {
  assert.equal(freshNodeId('dense', new Set(['dense_1', 'dense_2'])), 'dense_3');
  assert.equal(freshNodeId('cross-entropy', new Set()), 'cross_entropy_1');
});

test('readEditableGraph refuses what the editor cannot show, with the reason', () => {
  assert.match((readEditableGraph('{ "format": "nngraph", ') as { reason: string }).reason, /not valid JSON/);
  assert.match((readEditableGraph('{"format":"nngraph","version":2,"nodes":[],"edges":[]}') as { reason: string }).reason, /version 2, newer/);
  assert.match((readEditableGraph('{"format":"other","version":1}') as { reason: string }).reason, /"format" must be "nngraph"/);
  assert.match((readEditableGraph('{"format":"nngraph","version":1,"nodes":{}}') as { reason: string }).reason, /"nodes" must be a list/);
  assert.equal(readEditableGraph('{"format":"nngraph","version":1,"nodes":[],"edges":[]}').ok, true);
});
