// What each side of the graph diff webview draws: statuses of nodes and edges, old → new lines, renames, moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffGraphTexts } from '../../../src/graph/index';
import { changeSentences, paneArrangement, sideView } from '../../../webview/diff/diffView';

const digitsText = readFileSync(join(__dirname, '../../../examples/digits.nngraph'), 'utf8');

function diffed(afterText: string) {
  const result = diffGraphTexts(digitsText, afterText);
  assert.ok(result.ok);
  return result;
}

function statusById(view: ReturnType<typeof sideView>): Record<string, string> {
  return Object.fromEntries(view.nodes.map((node) => [node.id, node.data.status]));
}

test('a widened layer is amber on both sides with old → new; a new branch is green, the cut wire red', () => {
  const graph = JSON.parse(digitsText) as { nodes: Array<Record<string, unknown>>; edges: Array<{ from: string; to: string }> };
  (graph.nodes[1].params as Record<string, unknown>).units = 128;
  graph.nodes.push({ id: 'drop', type: 'dropout', position: { x: 440, y: 150 }, params: { rate: 0.2 } });
  graph.edges = graph.edges.filter((edge) => edge.from !== 'hidden.out');
  graph.edges.push({ from: 'hidden.out', to: 'drop.in' }, { from: 'drop.out', to: 'relu.in' });
  const { diff, before, after } = diffed(JSON.stringify(graph));
  const old = sideView(before, diff, 'before', false);
  const now = sideView(after, diff, 'after', false);
  assert.deepEqual(statusById(old), { data: 'same', hidden: 'changed', relu: 'same', logits: 'same', probs: 'same', loss: 'same' });
  assert.equal(statusById(now).drop, 'added');
  assert.deepEqual(now.nodes.find((node) => node.id === 'hidden')?.data.changeLines, ['units: 64 → 128']);
  assert.deepEqual(old.edges.filter((edge) => edge.data?.status === 'removed').map((edge) => edge.id), ['hidden.out->relu.in']);
  assert.deepEqual(now.edges.filter((edge) => edge.data?.status === 'added').map((edge) => edge.id).sort(), ['drop.out->relu.in', 'hidden.out->drop.in']);
  assert.ok(changeSentences(diff, false).some((row) => row.status === 'changed' && row.text === 'hidden: units: 64 → 128'));
});

test('a rename is shown as the other id, and moves only with the toggle on', () => {
  const text = digitsText.replaceAll('"relu.', '"act.').replace('"id": "relu"', '"id": "act"').replace('"x": 440', '"x": 470');
  const { diff, after } = diffed(text);
  const hidden = sideView(after, diff, 'after', false);
  assert.equal(hidden.nodes.find((node) => node.id === 'act')?.data.otherId, 'relu');
  assert.equal(statusById(hidden).act, 'same');
  const shown = sideView(after, diff, 'after', true);
  assert.equal(statusById(shown).act, 'moved');
  assert.deepEqual(shown.nodes.find((node) => node.id === 'act')?.data.changeLines, ['position: (440, 0) → (470, 0)']);
  assert.deepEqual(changeSentences(diff, false).map((row) => row.text), ['relu renamed to act (same node)']);
});

test('a wide graph puts the versions one above the other, a tall one side by side', () => {
  const { before, after } = diffed(digitsText);
  assert.equal(paneArrangement(before, after), 'rows');
  const tall = JSON.parse(digitsText) as { nodes: Array<{ position: { x: number; y: number } }> };
  tall.nodes.forEach((node, index) => { node.position = { x: 0, y: index * 200 }; });
  const { after: tallAfter } = diffed(JSON.stringify(tall));
  assert.equal(paneArrangement(tallAfter), 'columns');
});
