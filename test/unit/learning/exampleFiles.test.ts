import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGraph } from '../../../src/graph/index';
import { formatGraphText, type JsonValue } from '../../../src/graph/format';

const root = join(__dirname, '..', '..', '..');
const exampleFiles = readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.nngraph'));

test('the examples are all there', () => {
  for (const name of ['tutorial', 'spiral', 'iris', 'digits', 'xor']) assert.ok(exampleFiles.includes(`${name}.nngraph`), name);
});

test('every example checks clean and is in the canonical layout', () => {
  for (const name of exampleFiles) {
    const text = readFileSync(join(root, 'examples', name), 'utf8');
    const analysis = analyzeGraph(text);
    assert.deepEqual(analysis.diagnostics.map((d) => `${d.code} ${d.message}`), [], name);
    assert.ok(analysis.summary, name);
    assert.equal(formatGraphText(JSON.parse(text) as JsonValue), text, `${name} is not in the canonical layout`);
  }
});

test('the tutorial is the format page\'s example', () => {
  const page = readFileSync(join(root, 'docs', 'nngraph-format.md'), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(page)?.[1];
  assert.ok(example, 'the format page has a JSON example');
  const tutorial = readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8');
  assert.deepEqual(JSON.parse(tutorial), JSON.parse(example));
});

test('examples are laid out left to right along the data flow', () => {
  for (const name of exampleFiles) {
    const graph = JSON.parse(readFileSync(join(root, 'examples', name), 'utf8')) as {
      nodes: Array<{ id: string; position: { x: number } }>; edges: Array<{ from: string; to: string }>;
    };
    const x = new Map(graph.nodes.map((node) => [node.id, node.position.x]));
    for (const edge of graph.edges) {
      const from = x.get(edge.from.split('.')[0]) ?? NaN;
      const to = x.get(edge.to.split('.')[0]) ?? NaN;
      assert.ok(from < to, `${name}: ${edge.from} → ${edge.to} runs right to left`);
    }
  }
});
