import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkConnection, edgeId, formatShape, fromFlowConnection, fromFlowEdge, parseEndpoint, toFlowEdges, toFlowNodes,
} from '../../../src/graph/reactFlow';
import type { Diagnostic, GraphDocument, Shape } from '../../../src/graph/types';
import { GRAPH_TEMPLATES } from '../../../src/graph/templates';

const graph = GRAPH_TEMPLATES[0].build() as unknown as GraphDocument;
const shapes: Record<string, Shape> = { 'data.features': ['batch', 2], 'hidden.out': ['batch', 10], 'data.labels': ['batch'] };
const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 }, startOffset: 0, endOffset: 1 };
const problem: Diagnostic = { code: 'NG020', severity: 'error', message: 'bad', nodeId: 'relu', field: 'edges[1].to', range };

test('nodes carry their ports, output shapes and problems', () => {
  const nodes = toFlowNodes(graph, shapes, [problem]);
  assert.equal(nodes.length, 6);
  const data = nodes[0];
  assert.deepEqual(data.data.outputs, ['features', 'labels']);
  assert.deepEqual(data.data.inputs, []);
  assert.deepEqual(data.data.outputShapes, { features: ['batch', 2], labels: ['batch'] });
  assert.deepEqual(nodes[2].data.problems, [{ code: 'NG020', severity: 'error', message: 'bad', field: 'edges[1].to' }]);
  assert.deepEqual(nodes[5].data.inputs, ['predictions', 'labels']);
  assert.deepEqual(nodes[1].position, { x: 220, y: 0 });
});

test('edges carry the handle names and the tensor shape as label, and map back to file edges', () => {
  const edges = toFlowEdges(graph, shapes, [problem]);
  assert.equal(edges.length, 6);
  assert.deepEqual(edges[1], {
    id: 'hidden.out->relu.in', source: 'hidden', sourceHandle: 'out', target: 'relu', targetHandle: 'in',
    label: '[batch, 10]', data: { shape: '[batch, 10]', invalid: true },
  });
  for (const [i, edge] of edges.entries()) assert.deepEqual(fromFlowEdge(edge), graph.edges[i]);
  assert.equal(edgeId(graph.edges[0]), 'data.features->hidden.in');
  const dangling = { ...graph, edges: [...graph.edges, { from: 'ghost.out', to: 'loss.labels' }] };
  assert.equal(toFlowEdges(dangling, shapes, []).length, 6);
});

test('endpoints and shapes print and parse', () => {
  assert.deepEqual(parseEndpoint('a-b.out'), { nodeId: 'a-b', port: 'out' });
  assert.equal(parseEndpoint('a.b.c'), undefined);
  assert.equal(parseEndpoint('nodot'), undefined);
  assert.equal(formatShape(['batch', null, 3]), '[batch, ?, 3]');
  assert.equal(formatShape(undefined), undefined);
  assert.deepEqual(fromFlowConnection({ source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' }), { from: 'a.out', to: 'b.in' });
  assert.equal(fromFlowConnection({ source: 'a', sourceHandle: null, target: 'b', targetHandle: 'in' }), undefined);
});

test('connections: output to input only, one edge per input, no cycles, no self loops', () => {
  const open = { ...graph, edges: graph.edges.filter((e) => e.to !== 'relu.in') };
  assert.deepEqual(checkConnection(open, { from: 'hidden.out', to: 'relu.in' }), { ok: true });
  assert.equal(checkConnection(open, { from: 'hidden.in', to: 'relu.in' }).ok, false);
  assert.equal(checkConnection(open, { from: 'hidden.out', to: 'relu.out' }).ok, false);
  assert.equal(checkConnection(open, { from: 'relu.out', to: 'relu.in' }).ok, false);
  const taken = checkConnection(graph, { from: 'data.features', to: 'relu.in' });
  assert.deepEqual(taken, { ok: false, reason: 'relu.in is already fed by hidden.out; an input takes one wire (delete it first).' });
  const cyclic = { ...graph, edges: graph.edges.filter((e) => e.to !== 'hidden.in') };
  assert.match((checkConnection(cyclic, { from: 'prob.out', to: 'hidden.in' }) as { reason: string }).reason, /cycle/);
});
