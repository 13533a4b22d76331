// Node ids from a file are data: Auto Layout, moves, renames and params on nodes called `__proto__`, `constructor`,
// `toString`, … work as on any other node, and Object.prototype (shared by every extension in the host) is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGraph } from '../../../src/graph/analyze';
import { applyEdit, readEditableGraph, type EditIntent } from '../../../src/graph/edits';
import { applyTextEdits, computeTextEdits, formatGraphText, type JsonObject } from '../../../src/graph/format';
import { DAGRE_MAX_NODES, LAYOUT_MAX_NODES } from '../../../src/graph/layout';
import { toFlowNodes } from '../../../src/graph/reactFlow';
import { GRAPH_TEMPLATES } from '../../../src/graph/templates';
import { assertPrototypeUntouched, prototypeSnapshot, RESERVED_IDS } from '../graph/fuzz';

/** The host's path for one intent (documentSync.ts without VS Code): read, apply, minimal text edits. */
function hostEdit(text: string, intent: EditIntent): string {
  const read = readEditableGraph(text);
  assert.ok(read.ok, read.ok ? '' : read.reason);
  const result = applyEdit(read.value, intent);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return applyTextEdits(text, computeTextEdits(text, result.value));
}

/** A chain input → reserved-named dense/activation nodes → loss, every id one of Object.prototype's keys. */
function reservedChain(): string {
  const ids = ['__proto__', ...RESERVED_IDS.filter((id) => id !== '__proto__')];
  const nodes: string[] = [];
  const edges: string[] = [];
  nodes.push('{ "id": "constructor", "type": "input", "position": { "x": 0, "y": 0 }, "params": { "dataset": { "builtin": "moons" } } }');
  let previous = 'constructor.features';
  ids.filter((id) => id !== 'constructor').forEach((id, i) => {
    nodes.push(`{ "id": "${id}", "type": "${i % 2 === 0 ? 'dense' : 'activation'}", "position": { "x": 0, "y": 0 }, "params": ${i % 2 === 0 ? '{ "units": 1 }' : '{ "fn": "sigmoid" }'} }`);
    edges.push(`{ "from": "${previous}", "to": "${id}.in" }`);
    previous = `${id}.out`;
  });
  nodes.push('{ "id": "hasOwnProperty_loss", "type": "cross-entropy", "position": { "x": 0, "y": 0 }, "params": { "mode": "binary" } }');
  edges.push(`{ "from": "${previous}", "to": "hasOwnProperty_loss.predictions" }`, '{ "from": "constructor.labels", "to": "hasOwnProperty_loss.labels" }');
  return `{\n  "format": "nngraph",\n  "version": 1,\n  "nodes": [\n    ${nodes.join(',\n    ')}\n  ],\n  "edges": [\n    ${edges.join(',\n    ')}\n  ],\n  "training": {}\n}\n`;
}

function positionsOf(text: string): Map<string, { x: number; y: number }> {
  const nodes = (JSON.parse(text) as { nodes: { id: string; position: { x: number; y: number } }[] }).nodes;
  return new Map(nodes.map((node) => [node.id, node.position]));
}

test('Auto Layout on nodes named __proto__, constructor, toString, … lays them out and leaves Object.prototype alone', () => {
  const before = prototypeSnapshot();
  const text = reservedChain();
  const laidOut = hostEdit(text, { kind: 'autoLayout' });
  const positions = positionsOf(laidOut);
  assert.equal(positions.size, RESERVED_IDS.length + 1);
  const xs = [...positions.values()].map((p) => p.x);
  assert.equal(new Set(xs).size, positions.size, 'a chain is laid out one rank per node');
  assert.ok(positions.get('__proto__') && positions.get('__proto__')?.x !== 0, '__proto__ was moved like any node');
  assertPrototypeUntouched(before);
  // The other editor paths on the same ids.
  let edited = hostEdit(laidOut, { kind: 'moveNodes', moves: [{ nodeId: '__proto__', position: { x: 5, y: 7 } }] });
  assert.deepEqual(positionsOf(edited).get('__proto__'), { x: 5, y: 7 });
  edited = hostEdit(edited, { kind: 'setParam', nodeId: '__proto__', path: ['__proto__', 'polluted'], value: 1 });
  edited = hostEdit(edited, { kind: 'setParam', nodeId: 'toString', path: ['constructor', 'prototype', 'polluted'], value: 1 });
  edited = hostEdit(edited, { kind: 'setTraining', path: ['__proto__', 'polluted'], value: true });
  edited = hostEdit(edited, { kind: 'renameNode', nodeId: 'valueOf', newId: 'prototype_2' });
  edited = hostEdit(edited, { kind: 'duplicate', nodeIds: ['__proto__', 'toString'] });
  const node = (JSON.parse(edited) as { nodes: JsonObject[] }).nodes.find((n) => n.id === '__proto__') as JsonObject;
  assert.ok(Object.hasOwn(node.params as JsonObject, '__proto__'), 'a "__proto__" param is an own key, kept in the file');
  assert.ok(Object.hasOwn(JSON.parse(edited).training as JsonObject, '__proto__'));
  assertPrototypeUntouched(before);
  // The checks and the canvas mapping on the same ids.
  const analysis = analyzeGraph(edited);
  assert.ok(!analysis.diagnostics.some((d) => d.code === 'NG000'), JSON.stringify(analysis.diagnostics));
  assert.ok(analysis.graph);
  const flowNodes = toFlowNodes(analysis.graph, analysis.shapes, analysis.diagnostics);
  assert.deepEqual(flowNodes.find((n) => n.id === 'constructor')?.data.outputShapes, { features: ['batch', 2], labels: ['batch'] });
  assertPrototypeUntouched(before);
});

test('after Auto Layout on reserved ids, Auto Layout still lays out another graph', () => {
  const before = prototypeSnapshot();
  hostEdit(reservedChain(), { kind: 'autoLayout' });
  for (const template of GRAPH_TEMPLATES.filter((t) => (t.build().nodes as JsonObject[]).length >= 2)) {
    const text = formatGraphText(template.build());
    const laidOut = positionsOf(hostEdit(text.replace(/"x": \d+/g, '"x": 0'), { kind: 'autoLayout' }));
    const xs = [...laidOut.values()].map((p) => p.x);
    assert.ok(Math.max(...xs) > 0, `${template.id}: nodes spread out`);
  }
  assertPrototypeUntouched(before);
});

test(`above ${DAGRE_MAX_NODES} nodes the linear layering lays out reserved ids too, and over ${LAYOUT_MAX_NODES} Auto Layout refuses with a message`, () => {
  const before = prototypeSnapshot();
  const nodes: JsonObject[] = [];
  const edges: JsonObject[] = [];
  const count = DAGRE_MAX_NODES + 50;
  for (let i = 0; i < count; i++) {
    const id = i < RESERVED_IDS.length ? RESERVED_IDS[i] : `n${i}`;
    nodes.push({ id, type: 'dense', position: { x: 0, y: 0 }, params: { units: 1 } });
    if (i > 0) edges.push({ from: `${nodes[Math.floor((i - 1) / 2)].id as string}.out`, to: `${id}.in` });
  }
  const text = formatGraphText({ format: 'nngraph', version: 1, nodes, edges, training: {} });
  const positions = positionsOf(hostEdit(text, { kind: 'autoLayout' }));
  assert.equal(positions.size, count);
  // A binary tree: rank r holds 2^r nodes, all at x = r * rank width, none on top of another.
  const spots = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
  assert.equal(spots.size, count, 'no two nodes in one place');
  assert.ok((positions.get('constructor')?.x ?? 0) > (positions.get('__proto__')?.x ?? 0), 'a child right of its parent');
  assertPrototypeUntouched(before);

  const huge: JsonObject = { format: 'nngraph', version: 1, nodes: Array.from({ length: LAYOUT_MAX_NODES + 1 }, (_, i) => ({ id: `n${i}`, type: 'dense' })), edges: [] };
  const refused = applyEdit(huge, { kind: 'autoLayout' });
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.message, /up to 20,000 nodes; this one has 20,001/);
});
