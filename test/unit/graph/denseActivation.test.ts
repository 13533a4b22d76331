// A dense node's own activation (Keras' Dense(units, activation=…)): the node table and its defaults, validation,
// what the checks see (a softmax or sigmoid before a loss), the compiled program (dense op + activation op of the same
// node), cost, summary; and the suggested next node that follows from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACTIVATION_FUNCTIONS, analyzeGraph, appliedActivation, compileText, graphCost, modelSummary, NODE_TYPES, paramSpec,
  quickAddCandidates, shapeAtRecord, suggestedCandidateIndex, suggestedNext, type CompileResult, type GraphDocument,
} from '../../../src/graph/index';
import { denseActivationGraph } from '../learning/exportGraphs';

const tutorialText = readFileSync(join(__dirname, '../../fixtures/graphs', 'tutorial.nngraph'), 'utf8');

function compiled(result: CompileResult): Extract<CompileResult, { ok: true }> {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.diagnostics, null, 1));
  return result;
}

/** The tutorial with hidden → relu folded into hidden's own activation (one node and one wire fewer). */
function tutorialWithDenseRelu(params: Record<string, unknown> = { activation: 'relu' }): string {
  const graph = JSON.parse(tutorialText) as { nodes: Array<{ id: string; params: Record<string, unknown> }>; edges: Array<{ from: string; to: string }> };
  graph.nodes = graph.nodes.filter((node) => node.id !== 'relu');
  Object.assign(graph.nodes.find((node) => node.id === 'hidden')?.params ?? {}, params);
  graph.edges = graph.edges.filter((edge) => edge.to !== 'relu.in').map((edge) => (edge.from === 'relu.out' ? { ...edge, from: 'hidden.out' } : edge));
  return JSON.stringify(graph, null, 2);
}

test('the node table: dense has an activation of the activation functions, linear (none) by default', () => {
  const spec = paramSpec('dense', 'activation');
  assert.ok(spec && spec.kind === 'enum');
  assert.deepEqual(spec.values, ACTIVATION_FUNCTIONS);
  assert.equal(spec.default, 'linear');
  assert.equal(appliedActivation({ type: 'dense', params: { units: 3 } }), undefined);
  assert.equal(appliedActivation({ type: 'dense', params: { units: 3, activation: 'linear' } }), undefined);
  assert.deepEqual(appliedActivation({ type: 'dense', params: { units: 3, activation: 'leaky_relu' } }), { fn: 'leaky_relu', alpha: 0.01 });
  assert.deepEqual(appliedActivation({ type: 'dense', params: { units: 3, activation: 'elu' } }), { fn: 'elu', alpha: 1 });
  assert.deepEqual(appliedActivation({ type: 'activation', params: { fn: 'elu', alpha: 0.5 } }), { fn: 'elu', alpha: 0.5 });
  assert.equal(appliedActivation({ type: 'dense', params: { activation: 'swish' } }), undefined, 'an unknown name applies nothing');
});

test('validation: an unknown activation on dense is NG012 at its value; a valid one is no diagnostic', () => {
  assert.deepEqual(analyzeGraph(tutorialWithDenseRelu()).diagnostics, []);
  const bad = analyzeGraph(tutorialWithDenseRelu({ activation: 'swish' })).diagnostics;
  assert.deepEqual(bad.map((d) => [d.code, d.nodeId, d.field]), [['NG012', 'hidden', 'params.activation']]);
  const wrongType = analyzeGraph(tutorialWithDenseRelu({ activation: 3 })).diagnostics;
  assert.deepEqual(wrongType.map((d) => d.code), ['NG010']);
});

test('the checks see a dense node\'s own softmax or sigmoid: no NG031/NG037, but NG038 with fromLogits and NG039 on one unit', () => {
  assert.deepEqual(analyzeGraph(denseActivationGraph()).diagnostics, [], 'dense softmax before categorical cross-entropy');
  // The tutorial's out → prob (sigmoid) folded into out: binary cross-entropy reads probabilities.
  const graph = JSON.parse(tutorialText) as { nodes: Array<{ id: string; params: Record<string, unknown> }>; edges: Array<{ from: string; to: string }> };
  graph.nodes = graph.nodes.filter((node) => node.id !== 'prob');
  Object.assign(graph.nodes.find((node) => node.id === 'out')?.params ?? {}, { activation: 'sigmoid' });
  graph.edges = graph.edges.filter((edge) => edge.to !== 'prob.in').map((edge) => (edge.from === 'prob.out' ? { ...edge, from: 'out.out' } : edge));
  const sigmoidOut = JSON.stringify(graph, null, 2);
  assert.deepEqual(analyzeGraph(sigmoidOut).diagnostics, []);
  const logits = sigmoidOut.replace('"mode": "binary"', '"mode": "binary", "fromLogits": true');
  assert.deepEqual(analyzeGraph(logits).diagnostics.map((d) => d.code), ['NG038']);
  const softmaxOne = sigmoidOut.replace('"activation": "sigmoid"', '"activation": "softmax"');
  assert.deepEqual(analyzeGraph(softmaxOne).diagnostics.map((d) => [d.code, d.field]), [['NG039', 'params.activation']]);
});

test('compile: a dense op, then an activation op of the same node reading it; the same program as with an activation node', () => {
  const { spec } = compiled(compileText(tutorialWithDenseRelu()));
  assert.deepEqual(spec.ops.slice(0, 2), [
    { kind: 'dense', nodeId: 'hidden', input: 0, units: 10, useBias: true, init: 'glorot_uniform' },
    { kind: 'activation', nodeId: 'hidden', input: 1, fn: 'relu', alpha: 0 },
  ]);
  const reference = compiled(compileText(tutorialText)).spec;
  assert.deepEqual(spec.valueWidths, reference.valueWidths);
  assert.deepEqual(spec.ops.map((op) => op.kind), reference.ops.map((op) => op.kind));
  assert.deepEqual(spec.loss, reference.loss, 'the sigmoid node is still folded into the loss');
  const leaky = compiled(compileText(tutorialWithDenseRelu({ activation: 'leaky_relu' }))).spec;
  assert.deepEqual(leaky.ops[1], { kind: 'activation', nodeId: 'hidden', input: 1, fn: 'leaky_relu', alpha: 0.01 });
  const linear = compiled(compileText(tutorialWithDenseRelu({ activation: 'linear' }))).spec;
  assert.equal(linear.ops.length, 2, 'linear adds no op');
});

test('a dense node\'s own softmax before the loss is not folded: the loss reads its probabilities', () => {
  const { spec } = compiled(compileText(denseActivationGraph()));
  assert.deepEqual(spec.ops.map((op) => `${op.kind}:${op.nodeId}`), [
    'dense:h1', 'activation:h1', 'dense:h2', 'activation:h2', 'dense:h3', 'activation:h3', 'dense:probs', 'activation:probs',
  ]);
  assert.deepEqual(spec.loss, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 8, fromLogits: false });
});

test('cost and summary: the activation adds one FLOP per unit and no parameters; the summary names it', () => {
  const analysis = analyzeGraph(tutorialWithDenseRelu());
  assert.ok(analysis.graph && analysis.summary);
  const cost = graphCost(analysis.graph, shapeAtRecord(analysis.shapes));
  // The tutorial's hidden (50 FLOPs) and relu (10 FLOPs) nodes are one node of 60 FLOPs; the totals do not change.
  assert.deepEqual(cost.byNode.get('hidden'), { params: 30, flops: 2 * 2 * 10 + 10 + 10 });
  assert.deepEqual([cost.totalParams, cost.totalFlops], [41, 82]);
  const row = modelSummary(analysis.graph, analysis.shapes).rows.find((r) => r.nodeId === 'hidden');
  assert.match(JSON.stringify(row), /dense\(10, relu\)/);
});

test('the suggested next node comes from the node table, read with what a node already applies', () => {
  assert.equal(NODE_TYPES.dense.next, 'activation');
  const single = (type: string, params: Record<string, unknown>): GraphDocument => {
    const analysis = analyzeGraph(JSON.stringify({ format: 'nngraph', version: 1, nodes: [{ id: 'n', type, position: { x: 0, y: 0 }, params }], edges: [] }));
    assert.ok(analysis.graph);
    return analysis.graph;
  };
  assert.equal(suggestedNext(single('input', { dataset: { builtin: 'moons' } }), 'n'), 'dense');
  assert.equal(suggestedNext(single('dense', { units: 4 }), 'n'), 'activation');
  assert.equal(suggestedNext(single('dense', { units: 4, activation: 'relu' }), 'n'), 'dense', 'an activation of its own: the next layer');
  assert.equal(suggestedNext(single('dense', { units: 1, activation: 'sigmoid' }), 'n'), 'cross-entropy');
  assert.equal(suggestedNext(single('activation', { fn: 'relu' }), 'n'), 'dense');
  assert.equal(suggestedNext(single('activation', { fn: 'softmax' }), 'n'), 'cross-entropy');
  assert.equal(suggestedNext(single('mse', {}), 'n'), undefined, 'a loss has no output');
  const analysis = analyzeGraph(tutorialText);
  assert.ok(analysis.graph);
  assert.equal(suggestedNext(analysis.graph, 'hidden'), undefined, 'its output is wired already');
  // Quick-add opened from a dense node starts on its first activation.
  const graph = { ...analysis.graph, edges: analysis.graph.edges.filter((edge) => edge.from !== 'hidden.out') };
  const candidates = quickAddCandidates(graph, analysis.shapes, 'hidden.out');
  assert.equal(candidates[suggestedCandidateIndex(candidates, suggestedNext(graph, 'hidden'))].label, 'Activation · relu');
  assert.equal(suggestedCandidateIndex(candidates, undefined), 0);
});
