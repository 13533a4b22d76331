import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layeredPositions, layoutPositions, NODE_HEIGHT, NODE_WIDTH, type NodeSize } from '../../../src/graph/layout';
import { applyEdit } from '../../../src/graph/edits';
import { GRAPH_TEMPLATES } from '../../../src/graph/templates';

interface Box { x: number; y: number; width: number; height: number }

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertApart(boxes: Map<string, Box>): void {
  const entries = [...boxes];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      assert.ok(!intersects(entries[i][1], entries[j][1]), `${entries[i][0]} overlaps ${entries[j][0]}`);
    }
  }
}

// Five unconnected nodes share the first rank, one above the other; two of them show long error text.
const ids = ['a', 'b', 'c', 'd', 'e'];
const sizes = new Map<string, NodeSize>([['b', { width: 160, height: 260 }], ['d', { width: 200, height: 180 }]]);
const sizeOf = (id: string): NodeSize => sizes.get(id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };

test('nodes that grew with error text are laid out at their drawn size, so none overlaps another', () => {
  const positions = layoutPositions(ids, [], sizes);
  assertApart(new Map(ids.map((id) => [id, { ...positions.get(id)!, ...sizeOf(id) }])));
});

test('at the default size the same tall nodes would overlap (what the drawn sizes fix)', () => {
  const positions = layoutPositions(ids, []);
  const drawn = new Map(ids.map((id) => [id, { ...positions.get(id)!, ...sizeOf(id) }]));
  assert.throws(() => assertApart(drawn));
});

test('the linear-time layering of large graphs also keeps drawn sizes apart, across ranks and within one', () => {
  const list = ids.map(sizeOf);
  const corners = layeredPositions(list, [[0, 1], [0, 2], [2, 3], [1, 4]]);
  assertApart(new Map(ids.map((id, index) => [id, { ...corners[index], ...list[index] }])));
  // A rank is as wide as its widest node: d (200 wide) does not reach into the next rank.
  assert.equal(corners[0].x, 0);
  assert.ok(corners[3].x >= corners[2].x + NODE_WIDTH);
});

test('the autoLayout intent takes the sizes the editor measured', () => {
  const doc = GRAPH_TEMPLATES[0].build();
  const nodeIds = (doc.nodes as Array<{ id: string }>).map((node) => node.id);
  const tall = nodeIds.map((nodeId) => ({ nodeId, width: 160, height: 400 }));
  const result = applyEdit({ ...doc, edges: [] }, { kind: 'autoLayout', nodeSizes: tall });
  assert.ok(result.ok);
  const ys = (result.value.nodes as Array<{ position: { y: number } }>).map((node) => node.position.y).sort((p, q) => p - q);
  for (let i = 1; i < ys.length; i++) assert.ok(ys[i] - ys[i - 1] >= 400, `nodes ${ys[i] - ys[i - 1]} px apart, each 400 tall`);
});
