// Explain mode's view logic (webview/editor/explain/): numbers as written, the step cursor's walk, what each wire and
// node shows at each step of the spiral's passes, and the formulas with numbers, on a real explanation of the spiral.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJsBackend, createRun } from '../../../src/core/index';
import { compileText, toFlowEdges, analyzeGraph } from '../../../src/graph/index';
import { explainWithRun } from '../../../src/extension/editor/explainRun';
import { loadDataset } from '../../../src/extension/worker/loadRun';
import type { ExplanationView } from '../../../src/protocol/explainMessages';
import { columnEntries, compactVector, formatNumber, parseNumberList, stripCells, texNumber } from '../../../webview/editor/explain/format';
import {
  canStepBackward, canStepForward, currentNodeId, describeCursor, OVERVIEW, stepBackward, stepForward, visibility, type ExplainCursor,
} from '../../../webview/editor/explain/steps';
import { decorateEdges } from '../../../webview/editor/explain/decorate';
import { denseTex, lossTex } from '../../../webview/editor/explain/tex';

const spiralText = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'spiral.nngraph'), 'utf8');

async function spiralExplanation(row: number): Promise<ExplanationView> {
  const compiled = compileText(spiralText);
  assert.ok(compiled.ok);
  const dataset = await loadDataset({ ref: compiled.dataset, normalize: compiled.normalize }, compiled.training.seed);
  const run = createRun({ dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize, backend: createJsBackend() });
  try {
    const outcome = explainWithRun({ run, inputNodeId: compiled.inputNodeId, weightsSource: 'initial' }, { kind: 'row', row }, []);
    assert.ok(outcome.ok);
    return outcome.explanation;
  } finally {
    run.dispose();
  }
}

test('numbers are written with four significant digits and a true minus; long vectors are cut with their length', () => {
  assert.equal(formatNumber(-0.123456), '−0.1235');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(12345.6), '1.23e+4');
  assert.equal(formatNumber(null), 'non-finite');
  assert.equal(compactVector([0.5, -1, 2]), '[0.5, −1, 2]');
  assert.equal(compactVector([1, 2, 3, 4, 5, 6]), '[1, 2, 3, …] (6)');
  assert.deepEqual(columnEntries([0.5, -1, 2, 3]), ['0.5', '−1', '2', '3']);
  assert.deepEqual(columnEntries(new Array(32).fill(0.25)), ['0.25', '0.25', '0.25', '⋮ 32']);
  assert.equal(texNumber(-0.5), '(-0.5)');
  assert.equal(texNumber(2e-5), '2.00\\times 10^{-5}');
  const cells = stripCells(Array.from({ length: 64 }, (_, i) => (i === 10 ? -4 : i === 50 ? 2 : 0)));
  assert.equal(cells.length, 32);
  assert.deepEqual(cells[5], { sign: 'negative', strength: 1 });
  assert.deepEqual(cells[25], { sign: 'positive', strength: 0.5 });
  assert.deepEqual(parseNumberList('0.5, −1 2'), [0.5, -1, 2]);
  assert.equal(parseNumberList('0.5, x'), undefined);
});

test('the cursor walks the ops forward in order and backward from the loss, and says where it is', () => {
  const order = ['data', 'h', 'relu', 'loss'];
  let cursor: ExplainCursor = OVERVIEW;
  assert.deepEqual(visibility(cursor, order, 'relu'), { output: true, gradient: false });
  const forwardWalk: string[] = [];
  while (canStepForward(cursor, order.length)) {
    cursor = stepForward(cursor, order.length);
    forwardWalk.push(currentNodeId(cursor, order) ?? '?');
  }
  assert.deepEqual(forwardWalk, order);
  const backwardWalk: string[] = [];
  const gradientsSeen: boolean[][] = [];
  while (canStepBackward(cursor, order.length)) {
    cursor = stepBackward(cursor, order.length);
    backwardWalk.push(currentNodeId(cursor, order) ?? '?');
    gradientsSeen.push(order.map((id) => visibility(cursor, order, id).gradient));
  }
  assert.deepEqual(backwardWalk, ['loss', 'relu', 'h', 'data']);
  // After the loss ran backward, relu's output gradient (read only by the loss) is known; and so on back.
  assert.deepEqual(gradientsSeen[0], [false, false, true, true]);
  assert.deepEqual(gradientsSeen[2], [true, true, true, true]);
  assert.equal(describeCursor({ phase: 'forward', done: 2 }, order), 'Forward pass: 2 of 4, h');
  assert.deepEqual(visibility({ phase: 'forward', done: 2 }, order, 'relu'), { output: false, gradient: false });
});

test('on the spiral, wires carry the sample\'s values, then the gradients from the loss back', async () => {
  const explanation = await spiralExplanation(11);
  const analysis = analyzeGraph(spiralText);
  assert.ok(analysis.graph);
  const edges = toFlowEdges(analysis.graph, analysis.shapes, analysis.diagnostics);
  const order = explanation.nodes.map((node) => node.nodeId);
  const wire = (decorated: ReturnType<typeof decorateEdges>, from: string) => decorated.find((edge) => edge.source === from && edge.sourceHandle !== 'labels');
  const overview = decorateEdges(edges, explanation, OVERVIEW);
  const features = wire(overview, 'data');
  assert.equal(features?.type, 'explain');
  assert.equal(features?.data.explain?.text, compactVector(explanation.features));
  const labels = overview.find((edge) => edge.sourceHandle === 'labels');
  assert.equal(labels?.data.explain?.text, `y [${explanation.label[0]}]`);
  // Two steps forward: data and hidden1 have run; relu1's output wire is still empty.
  const twoForward = decorateEdges(edges, explanation, { phase: 'forward', done: 2 });
  assert.equal(wire(twoForward, 'hidden1')?.data.explain?.kind, 'value');
  assert.equal(wire(twoForward, 'relu1')?.label, '');
  assert.equal(wire(twoForward, 'hidden1')?.data.explain?.current, false);
  assert.equal(wire(twoForward, 'data')?.data.explain?.current, true);
  // One step backward (the loss) puts ∂L/∂ŷ on the softmax's wire; the second (softmax) ŷ − y on the logits' wire.
  const oneBack = decorateEdges(edges, explanation, stepBackward(OVERVIEW, order.length));
  assert.equal(wire(oneBack, 'probs')?.data.explain?.kind, 'gradient');
  assert.equal(wire(oneBack, 'logits')?.data.explain?.kind, 'value');
  const twoBack = decorateEdges(edges, explanation, stepBackward(stepBackward(OVERVIEW, order.length), order.length));
  const logitsWire = wire(twoBack, 'logits');
  assert.equal(logitsWire?.data.explain?.current, true);
  assert.equal(logitsWire?.data.explain?.kind, 'gradient');
  const pieces = explanation.lossPieces;
  assert.ok(pieces.kind === 'categorical-cross-entropy' && pieces.logitGrad);
  assert.deepEqual(logitsWire?.data.explain?.values, explanation.nodes.find((node) => node.nodeId === 'logits')?.outputGrad);
  const y = explanation.label[0] as number;
  pieces.logitGrad.forEach((grad, c) => assert.ok(Math.abs((grad ?? NaN) - ((pieces.probabilities[c] ?? NaN) - (c === y ? 1 : 0))) < 1e-12));
  assert.equal(wire(twoBack, 'relu2')?.data.explain?.kind, 'value');
});

test('the formulas carry this sample\'s numbers: −log p_y, ŷ − y and one dense unit written out', async () => {
  const explanation = await spiralExplanation(11);
  const pieces = explanation.lossPieces;
  assert.ok(pieces.kind === 'categorical-cross-entropy' && pieces.trueClass);
  const lines = lossTex(pieces, explanation.loss);
  assert.match(lines[1], new RegExp(`^L = -\\\\log \\\\hat\\{y\\}_\\{${pieces.trueClass.index}\\} = -\\\\log ${texNumber(pieces.trueClass.probability).replace(/[()]/g, '\\$&')}`));
  assert.match(lines[3], /\\hat\{y\} - y/);
  const logits = explanation.nodes.find((node) => node.nodeId === 'logits');
  const chain = explanation.dense.find((candidate) => candidate.nodeId === 'logits');
  assert.ok(logits && chain);
  const tex = denseTex(chain, logits);
  assert.ok(tex);
  // A result stands alone on its line, without parentheses.
  const result = (value: number | null) => texNumber(value).replace(/^\((.*)\)$/, '$1');
  assert.ok(tex.forward.endsWith(`&= ${result(logits.output[tex.unit] ?? null)} \\end{aligned}`), tex.forward);
  assert.ok(tex.weightGrad.endsWith(`&= ${result(logits.dense?.kernelGrad[tex.input]?.[tex.unit] ?? null)} \\end{aligned}`), tex.weightGrad);
  assert.match(lines[3], /\\begin\{aligned\}/);
});
