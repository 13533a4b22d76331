// After deleting a selected node the inspector must not stay on "2 nodes selected": the selection keeps only ids the
// document still has.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeGraph, formatGraphText, GRAPH_TEMPLATES, type GraphDocument } from '../../../src/graph/index';
import { existingSelection } from '../../../webview/editor/selection';

function tutorialWithout(...ids: string[]): GraphDocument {
  const doc = GRAPH_TEMPLATES[0].build();
  const nodes = (doc.nodes as Array<{ id: string }>).filter((node) => !ids.includes(node.id));
  const graph = analyzeGraph(formatGraphText({ ...doc, nodes })).graph;
  assert.ok(graph);
  return graph;
}

test('deleted ids leave the selection; one node left means the inspector shows that node', () => {
  const selection = new Set(['relu', 'out']);
  const kept = existingSelection(selection, tutorialWithout('out'));
  assert.deepEqual([...kept], ['relu']);
  assert.deepEqual([...existingSelection(selection, tutorialWithout('relu', 'out'))], []);
});

test('nothing gone: the very same set comes back (no needless re-render or save)', () => {
  const selection = new Set(['relu', 'out']);
  assert.equal(existingSelection(selection, tutorialWithout()), selection);
  const empty = new Set<string>();
  assert.equal(existingSelection(empty, tutorialWithout('relu')), empty);
});

test('a graph that cannot be drawn keeps the selection until the text is fixed', () => {
  const selection = new Set(['relu']);
  assert.equal(existingSelection(selection, undefined), selection);
});

test('ids are data: a node called __proto__ or constructor is kept or dropped like any other', () => {
  const selection = new Set(['__proto__', 'constructor', 'relu']);
  assert.deepEqual([...existingSelection(selection, tutorialWithout())], ['relu']);
});
