// The cost of each node (cost.ts): parameters and forward FLOPs per sample, counted by hand here from the rule the
// format page states, and the one count shared by the canvas, the status line, the summary and the memory check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeGraph, formatCount, formatNodeCost, formatSummaryTable, graphCost, shapeAtRecord, toFlowNodes, type GraphCost,
} from '../../../src/graph/index';

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/graphs', `${name}.nngraph`), 'utf8');
}

function costOf(text: string, options: Parameters<typeof analyzeGraph>[1] = {}): GraphCost {
  const analysis = analyzeGraph(text, options);
  assert.ok(analysis.graph);
  return graphCost(analysis.graph, shapeAtRecord(analysis.shapes));
}

const byNode = (cost: GraphCost) => Object.fromEntries([...cost.byNode].map(([id, c]) => [id, [c.params, c.flops]]));

test('tutorial (2 → dense 10 → relu → dense 1 → sigmoid): dense FLOPs are 2·in·units + units, activations one per element', () => {
  const cost = costOf(fixture('tutorial'));
  assert.deepEqual(byNode(cost), {
    data: [0, 0],
    hidden: [2 * 10 + 10, 2 * 2 * 10 + 10],
    relu: [0, 10],
    out: [10 * 1 + 1, 2 * 10 * 1 + 1],
    prob: [0, 1],
  }, 'the loss is not part of the model');
  assert.equal(cost.totalParams, 41);
  assert.equal(cost.totalFlops, 50 + 10 + 21 + 1);
  assert.equal(cost.complete, true);
  // hidden holds 50/82 = 61%, out 21/82 = 26%: both at least a quarter; relu (12%) is not marked.
  assert.deepEqual(cost.heavyNodeIds, ['hidden', 'out']);
});

test('no bias, add and a residual branch: useBias false drops the bias add, add costs one FLOP per element', () => {
  const cost = costOf(fixture('residual-add'));
  assert.deepEqual(byNode(cost), {
    data: [0, 0],
    stem: [4 * 8 + 8, 2 * 4 * 8 + 8],
    branch: [8 * 8, 2 * 8 * 8],
    branchAct: [0, 8],
    sum: [0, 8],
    logits: [8 * 3 + 3, 2 * 8 * 3 + 3],
  });
  assert.equal(cost.totalFlops, 72 + 128 + 8 + 8 + 51);
  assert.deepEqual(cost.heavyNodeIds, ['branch', 'stem']);
});

test('concat and dropout cost nothing; the next dense counts the concatenated width', () => {
  const cost = costOf(fixture('concat-wide'));
  for (const [id, node] of cost.byNode) {
    const type = analyzeGraph(fixture('concat-wide')).graph?.nodes.find((n) => n.id === id)?.type;
    if (type === 'concat' || type === 'dropout') assert.deepEqual(node, { params: 0, flops: 0 }, id);
  }
  assert.deepEqual(cost.byNode.get('head'), { params: 16 * 4 + 4, flops: 2 * 16 * 4 + 4 });
});

test('per sample: the batch size does not change the counts', () => {
  const small = costOf(fixture('tutorial'));
  const large = costOf(fixture('tutorial').replace('"batchSize": 32', '"batchSize": 512'));
  assert.deepEqual([large.totalParams, large.totalFlops], [small.totalParams, small.totalFlops]);
});

test('unknown widths leave a node uncounted and the totals marked incomplete; nothing is marked heavy in an empty model', () => {
  const unknown = costOf(fixture('regression-mse'));
  assert.equal(unknown.complete, false);
  assert.ok([...unknown.byNode.keys()].length < 4);
  const known = costOf(fixture('regression-mse'), { datasetInfo: () => ({ featureCount: 2, classCount: 0 }) });
  assert.equal(known.complete, true);
  const onlyInput = costOf('{"format":"nngraph","version":1,"nodes":[{"id":"x","type":"input","position":{"x":0,"y":0},"params":{"dataset":{"builtin":"moons"}}}],"edges":[]}');
  assert.deepEqual([onlyInput.totalFlops, onlyInput.heavyNodeIds], [0, []]);
});

test('one count everywhere: the summary rows, its totals and the canvas nodes agree with graphCost', () => {
  for (const name of ['tutorial', 'residual-add', 'concat-wide']) {
    const analysis = analyzeGraph(fixture(name));
    assert.ok(analysis.graph && analysis.summary, name);
    const cost = graphCost(analysis.graph, shapeAtRecord(analysis.shapes));
    assert.equal(analysis.summary.totalFlops, cost.totalFlops, name);
    assert.equal(analysis.summary.totalParams, cost.totalParams, name);
    for (const row of analysis.summary.rows) assert.deepEqual([row.paramCount, row.flops], byNode(cost)[row.nodeId], `${name} ${row.nodeId}`);
    const flowNodes = toFlowNodes(analysis.graph, analysis.shapes, analysis.diagnostics, cost);
    for (const node of flowNodes) {
      assert.deepEqual(node.data.cost, cost.byNode.get(node.id), `${name} ${node.id}`);
      assert.equal(node.data.heavyShare !== undefined, cost.heavyNodeIds.includes(node.id), `${name} ${node.id}`);
    }
  }
  const tutorial = analyzeGraph(fixture('tutorial'));
  assert.ok(tutorial.graph);
  const flowNodes = toFlowNodes(tutorial.graph, tutorial.shapes, tutorial.diagnostics, graphCost(tutorial.graph, shapeAtRecord(tutorial.shapes)));
  assert.equal(flowNodes.find((n) => n.id === 'hidden')?.data.heavyShare, 50 / 82);
  assert.equal(flowNodes.find((n) => n.id === 'loss')?.data.cost, undefined, 'a loss shows no cost');
});

test('compact counts on the node, exact ones in the summary table', () => {
  assert.deepEqual([0, 7, 950, 999, 1000, 1234, 9960, 34_000, 999_600, 5_600_000, 2.5e9, 3e12].map(formatCount),
    ['0', '7', '950', '999', '1k', '1.2k', '10k', '34k', '1M', '5.6M', '2.5G', '3T']);
  assert.equal(formatNodeCost({ params: 1234, flops: 2345 }), '1.2k params · 2.3k FLOPs');
  const summary = analyzeGraph(fixture('tutorial')).summary;
  assert.ok(summary);
  const lines = formatSummaryTable(summary, 'tutorial').split('\n');
  assert.match(lines[2], /^ Layer \(type\) +Output Shape +Param # +FLOPs$/);
  assert.ok(lines.some((l) => /^ hidden \(Dense\) +\(batch, 10\) +30 +50$/.test(l)), lines.join('\n'));
  assert.equal(lines.at(-1), 'Forward FLOPs per sample: 82');
});
