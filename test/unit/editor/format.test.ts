import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyTextEdits, computeTextEdits, formatGraphText, minimalLineEdit, type JsonObject,
} from '../../../src/graph/format';
import { GRAPH_TEMPLATES } from '../../../src/graph/templates';

const tutorial = (): JsonObject => GRAPH_TEMPLATES[0].build();

test('canonical text: 2-space indent, one line per position and per edge, final newline', () => {
  const text = formatGraphText(tutorial());
  assert.ok(text.endsWith('}\n'));
  assert.match(text, /^ {6}"position": \{ "x": 220, "y": 0 \},$/m);
  assert.match(text, /^ {4}\{ "from": "data\.features", "to": "hidden\.in" \},$/m);
  assert.match(text, /^ {2}"nodes": \[$/m);
  assert.match(text, /^ {4}"metrics": \["accuracy"\]$/m);
  assert.deepEqual(JSON.parse(text), tutorial());
});

test('canonical text prints empty containers compactly and keeps unknown fields in their order', () => {
  const text = formatGraphText({ format: 'nngraph', version: 1, nodes: [], edges: [], zExtra: { b: 1, a: [1, { c: 2 }] } });
  assert.equal(text, '{\n  "format": "nngraph",\n  "version": 1,\n  "nodes": [],\n  "edges": [],\n  "zExtra": {\n    "b": 1,\n'
    + '    "a": [\n      1,\n      {\n        "c": 2\n      }\n    ]\n  }\n}\n');
});

function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((line) => !b.includes(line)), added: b.filter((line) => !a.includes(line)) };
}

test('moving one node changes only its position line', () => {
  const text = formatGraphText(tutorial());
  const value = tutorial();
  const nodes = value.nodes as JsonObject[];
  nodes[1] = { ...nodes[1], position: { x: 230, y: 15 } };
  const edits = computeTextEdits(text, value);
  const after = applyTextEdits(text, edits);
  assert.deepEqual(JSON.parse(after), value);
  assert.deepEqual(changedLines(text, after), {
    removed: ['      "position": { "x": 220, "y": 0 },'], added: ['      "position": { "x": 230, "y": 15 },'],
  });
  assert.equal(formatGraphText(JSON.parse(after)), after);
});

test('a hand-written compact file keeps its layout; only the changed value is touched', () => {
  const text = '{"format":"nngraph","version":1,\n"nodes":[{"id":"a","type":"dense","position":{"x":1,"y":2},"params":{"units":3},"note":"mine"}],\n"edges":[]}';
  const value = JSON.parse(text) as JsonObject;
  (value.nodes as JsonObject[])[0].params = { units: 7 };
  const edits = computeTextEdits(text, value);
  assert.deepEqual(edits, [{ offset: text.indexOf('3}'), length: 1, content: '7' }]);
});

test('adding and removing array elements and properties gives back the new value, keeping the rest', () => {
  const text = formatGraphText(tutorial());
  const value = tutorial();
  const nodes = value.nodes as JsonObject[];
  nodes.splice(0, 2);
  nodes.push({ id: 'extra', type: 'dropout', position: { x: 0, y: 5 }, params: { rate: 0.5 } });
  value.edges = (value.edges as JsonObject[]).slice(2);
  delete value.name;
  value.custom = { keep: true };
  const after = applyTextEdits(text, computeTextEdits(text, value));
  assert.deepEqual(JSON.parse(after), value);
  assert.equal(formatGraphText(JSON.parse(after)), after, 'canonical text stays canonical');
});

test('emptying and refilling a list', () => {
  const text = formatGraphText(tutorial());
  const empty = { ...tutorial(), nodes: [], edges: [] };
  const emptied = applyTextEdits(text, computeTextEdits(text, empty));
  assert.deepEqual(JSON.parse(emptied), empty);
  assert.match(emptied, /"nodes": \[\],/);
  const refilled = applyTextEdits(emptied, computeTextEdits(emptied, tutorial()));
  assert.equal(refilled, text);
});

test('invalid old text falls back to the canonical text', () => {
  const after = applyTextEdits('{ nope', computeTextEdits('{ nope', tutorial()));
  assert.equal(after, formatGraphText(tutorial()));
});

test('minimalLineEdit replaces whole lines only', () => {
  const [edit] = minimalLineEdit('a\nb\nc\n', 'a\nB\nc\n');
  assert.deepEqual(edit, { offset: 2, length: 2, content: 'B\n' });
  assert.deepEqual(minimalLineEdit('same', 'same'), []);
  assert.equal(applyTextEdits('x\ny', minimalLineEdit('x\ny', 'x\ny\nz')), 'x\ny\nz');
});
