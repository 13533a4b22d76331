// The features node in the graph layer: output widths from the chosen groups, its params check (a list of distinct
// known groups), NG053 when it makes no columns, its FLOPs and summary row, quick-add, and the op the compiler emits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeGraph, compileText, diffGraphTexts, formatValueChange, graphCost, initialParams, modelSummary, quickAddCandidates, shapeAtRecord,
} from '../../../src/graph/index';

/** moons or iris → features(include) → dense(1) → sigmoid → binary loss (iris: categorical over 3). */
function graphText(include: unknown, dataset: 'moons' | 'iris' | 'one column' = 'moons'): string {
  const node = (id: string, type: string, params: Record<string, unknown>, x: number) => ({ id, type, position: { x, y: 0 }, params });
  const input = dataset === 'iris' ? { dataset: { builtin: 'iris' } }
    : dataset === 'one column' ? { featureCount: 1, normalize: 'none' } : { dataset: { builtin: 'moons', samples: 100 } };
  const categorical = dataset === 'iris';
  return JSON.stringify({
    format: 'nngraph', version: 1,
    nodes: [
      node('data', 'input', input, 0), node('derived', 'features', { include }, 220),
      node('out', 'dense', { units: categorical ? 3 : 1 }, 440), node('prob', 'activation', { fn: categorical ? 'softmax' : 'sigmoid' }, 660),
      node('loss', 'cross-entropy', { mode: categorical ? 'categorical' : 'binary' }, 880),
    ],
    edges: [
      { from: 'data.features', to: 'derived.in' }, { from: 'derived.out', to: 'out.in' }, { from: 'out.out', to: 'prob.in' },
      { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: { epochs: 1 },
  });
}

const codes = (text: string) => analyzeGraph(text).diagnostics.map((d) => `${d.code} ${d.field ?? ''}`);

test('the output width follows the groups: n per x, square and sin, n(n−1)/2 products', () => {
  const width = (include: unknown, dataset: 'moons' | 'iris' = 'moons') => analyzeGraph(graphText(include, dataset)).shapes['derived.out'];
  assert.deepEqual(width(['x', 'square', 'product', 'sin']), ['batch', 7]);
  assert.deepEqual(width(['product']), ['batch', 1]);
  assert.deepEqual(width(['square', 'x']), ['batch', 4]);
  assert.deepEqual(width(['x', 'square', 'product', 'sin'], 'iris'), ['batch', 4 + 4 + 6 + 4]);
  assert.deepEqual(width(['x', 'product'], 'iris'), ['batch', 10]);
  assert.deepEqual(codes(graphText(['x', 'square', 'product', 'sin'])), []);
});

test('include: a list of known groups; an unknown one is NG012 at the entry, a repeated one NG008, a non-list NG010', () => {
  assert.deepEqual(codes(graphText(['x', 'cube'])), ['NG012 params.include.1']);
  assert.deepEqual(codes(graphText(['x', 'sin', 'x'])), ['NG008 params.include.2']);
  assert.deepEqual(analyzeGraph(graphText(['x', 'sin', 'x'])).shapes['derived.out'], ['batch', 4], 'a repeated group counts once');
  assert.deepEqual(codes(graphText('x')), ['NG010 params.include']);
  const missing = JSON.parse(graphText([])) as { nodes: Array<{ id: string; params: Record<string, unknown> }> };
  missing.nodes[1].params = {};
  assert.deepEqual(codes(JSON.stringify(missing)), ['NG009 params.include']);
});

test('NG053: nothing included, or only products of one column, makes no columns; the width stays unknown', () => {
  const empty = analyzeGraph(graphText([]));
  assert.deepEqual(empty.diagnostics.map((d) => d.code), ['NG053']);
  assert.match(empty.diagnostics[0].message, /features node "derived" makes no columns: its include list is empty/);
  assert.deepEqual(empty.shapes['derived.out'], ['batch', null]);
  const single = analyzeGraph(graphText(['product'], 'one column'));
  assert.deepEqual(single.diagnostics.map((d) => d.code).filter((code) => code !== 'NG051'), ['NG053']);
  assert.match(single.diagnostics.find((d) => d.code === 'NG053')?.message ?? '', /one column, so there is no pair to multiply/);
  assert.deepEqual(codes(graphText(['product', 'x'], 'one column')).filter((code) => !code.startsWith('NG051')), []);
});

test('cost: no parameters; one FLOP per square, product and sin column, none for x; the summary names the groups', () => {
  const analysis = analyzeGraph(graphText(['x', 'square', 'product', 'sin'], 'iris'));
  assert.ok(analysis.graph);
  const cost = graphCost(analysis.graph, shapeAtRecord(analysis.shapes));
  assert.deepEqual(cost.byNode.get('derived'), { params: 0, flops: 4 + 6 + 4 });
  assert.deepEqual(cost.byNode.get('out'), { params: 18 * 3 + 3, flops: 2 * 18 * 3 + 3 });
  const row = modelSummary(analysis.graph, analysis.shapes).rows.find((r) => r.nodeId === 'derived');
  assert.deepEqual([row?.detail, row?.outputShape, row?.paramCount, row?.flops], ['features(x, square, product, sin)', ['batch', 18], 0, 14]);
});

test('compile: one features op reading the features, its groups in FEATURE_GROUPS order whatever the file\'s order', () => {
  const compiled = compileText(graphText(['sin', 'product', 'x', 'sin']));
  assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.diagnostics));
  assert.deepEqual(compiled.spec.ops[0], { kind: 'features', nodeId: 'derived', input: 0, groups: ['x', 'product', 'sin'] });
  assert.deepEqual(compiled.spec.valueWidths, [2, 5, 1]);
  assert.equal(compileText(graphText([])).ok, false);
});

test('quick-add offers a features node on any 2-D output, with its width, and a new one starts with all four groups', () => {
  const analysis = analyzeGraph(graphText(['x'], 'iris'));
  assert.ok(analysis.graph);
  const offered = quickAddCandidates(analysis.graph, analysis.shapes, 'data.features').find((c) => c.nodeType === 'features');
  assert.deepEqual([offered?.label, offered?.resultText, offered?.toPort], ['Features', '[batch, 18]', 'in']);
  assert.deepEqual(initialParams('features'), { include: ['x', 'square', 'product', 'sin'] });
});

test('graph diff: the groups in another order, or one listed twice, are no change; a group added is one', () => {
  const diff = (before: unknown, after: unknown) => {
    const result = diffGraphTexts(graphText(before), graphText(after));
    assert.ok(result.ok);
    return result.diff;
  };
  assert.equal(diff(['x', 'square'], ['square', 'x', 'x']).networkDiffers, false);
  const added = diff(['square', 'x'], ['x', 'square', 'sin']);
  assert.equal(added.networkDiffers, true);
  assert.deepEqual(added.changed.map((node) => node.changes.map(formatValueChange)), [['include: ["x", "square"] → ["x", "square", "sin"]']]);
});
