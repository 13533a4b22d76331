// Explain mode's host side (src/extension/editor/explainRun.ts) on the spiral example and on a CSV read through the
// worker's asynchronous reader: a row's numbers are the data set's row after the graph's normalization, typed values
// are scaled the same way (the same raw row typed in gives the same loss), a hand-edited bias moves the logit by
// exactly the edit and is not kept, bad requests get a sentence, and the answer passes the webview's own validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsBackend, createRun } from '../../../src/core/index';
import { compileText } from '../../../src/graph/index';
import { explainWithRun, type ExplainRunContext } from '../../../src/extension/editor/explainRun';
import { loadDataset } from '../../../src/extension/worker/loadRun';
import { editorToHostSchema, receiveHostToEditor } from '../../../src/protocol/messages';
import type { ExplanationView } from '../../../src/protocol/explainMessages';

async function contextFor(text: string, graphFolder: string): Promise<ExplainRunContext> {
  const compiled = compileText(text, undefined, {
    datasetInfo: (ref) => (ref.kind === 'csv' ? { featureCount: 2, classCount: 2, sampleCount: 6 } : undefined),
  });
  assert.ok(compiled.ok, JSON.stringify(compiled.ok ? '' : compiled.diagnostics));
  const csvFile = compiled.dataset.kind === 'csv'
    ? { root: graphFolder, graphFolder, csvPath: compiled.dataset.path, maxMegabytes: 10, howToRaise: 'the setting' }
    : undefined;
  const dataset = await loadDataset({ ref: compiled.dataset, csvFile, normalize: compiled.normalize }, compiled.training.seed);
  const run = createRun({ dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize, backend: createJsBackend() });
  return { run, inputNodeId: compiled.inputNodeId, weightsSource: 'initial' };
}

const spiralText = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'spiral.nngraph'), 'utf8');

function explained(context: ExplainRunContext, ...args: Parameters<typeof explainWithRun> extends [unknown, ...infer Rest] ? Rest : never): ExplanationView {
  const outcome = explainWithRun(context, ...args);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return outcome.explanation;
}

const nodeOf = (view: ExplanationView, nodeId: string) => {
  const node = view.nodes.find((candidate) => candidate.nodeId === nodeId);
  assert.ok(node, nodeId);
  return node;
};

test('a spiral row is explained with the row the run trains on, in graph order, and passes the webview validator', async () => {
  const context = await contextFor(spiralText, '.');
  try {
    const { dataset } = context.run.data;
    const view = explained(context, { kind: 'row', row: 7 }, []);
    assert.deepEqual(view.features, Array.from(dataset.features.subarray(14, 16)));
    assert.deepEqual(view.label, [dataset.labels[7]]);
    assert.equal(view.rowCount, dataset.sampleCount);
    assert.deepEqual(view.nodes.map((node) => node.nodeId), ['data', 'hidden1', 'relu1', 'hidden2', 'relu2', 'logits', 'probs', 'loss']);
    assert.deepEqual(view.nodes.map((node) => node.role), ['input', 'op', 'op', 'op', 'op', 'op', 'folded-activation', 'loss']);
    const hidden1 = nodeOf(view, 'hidden1').dense;
    assert.ok(hidden1);
    assert.equal(hidden1.kernel.length, 2);
    assert.equal(hidden1.kernel[0].length, 32);
    // The loss is −log p_y of the softmax probabilities the folded node shows.
    const probabilities = nodeOf(view, 'probs').output as number[];
    assert.ok(view.lossPieces.kind === 'categorical-cross-entropy');
    const y = view.label[0] as number;
    assert.ok(Math.abs((view.loss ?? NaN) + Math.log(probabilities[y])) < 1e-9);
    // Every check is within 1e-6 of its analytic gradient.
    for (const check of view.checks) assert.ok((check.maxAbsoluteError ?? Infinity) < 1e-6, `${check.nodeId} ${check.tensor}: ${check.maxAbsoluteError}`);
    const received = receiveHostToEditor({ type: 'explanation', requestId: 3, result: { ok: true, explanation: view } });
    assert.ok(received.ok, received.ok ? '' : received.reason);
  } finally {
    context.run.dispose();
  }
});

test('typed values are scaled like the data: the raw row typed in gives the row\'s own loss', async () => {
  const context = await contextFor(spiralText, '.');
  try {
    const fromRow = explained(context, { kind: 'row', row: 40 }, []);
    const typed = explained(context, { kind: 'values', features: fromRow.rawFeatures as number[], label: fromRow.label as number[] }, []);
    assert.deepEqual(typed.features, fromRow.features);
    assert.equal(typed.loss, fromRow.loss);
  } finally {
    context.run.dispose();
  }
});

test('a hand-edited bias moves its logit by the edit, for that explanation only', async () => {
  const context = await contextFor(spiralText, '.');
  try {
    const before = explained(context, { kind: 'row', row: 3 }, []);
    const bias = nodeOf(before, 'logits').dense?.bias as number[];
    const edited = explained(context, { kind: 'row', row: 3 }, [{ nodeId: 'logits', tensor: 'bias', index: 1, value: bias[1] + 2 }]);
    const logitsBefore = nodeOf(before, 'logits').output as number[];
    const logitsAfter = nodeOf(edited, 'logits').output as number[];
    assert.ok(Math.abs(logitsAfter[1] - logitsBefore[1] - 2) < 1e-6);
    assert.equal(logitsAfter[0], logitsBefore[0]);
    assert.notEqual(edited.loss, before.loss);
    assert.deepEqual(edited.overrides.length, 1);
    // A kernel entry [input 1, unit 0] is flat index 1 × units + 0.
    const kernelEdit = explained(context, { kind: 'row', row: 3 }, [{ nodeId: 'hidden1', tensor: 'kernel', index: 32, value: 5 }]);
    assert.equal(nodeOf(kernelEdit, 'hidden1').dense?.kernel[1][0], 5);
    assert.deepEqual(explained(context, { kind: 'row', row: 3 }, []), before);
  } finally {
    context.run.dispose();
  }
});

test('requests that cannot be answered get a sentence saying why', async () => {
  const context = await contextFor(spiralText, '.');
  try {
    const rows = context.run.data.dataset.sampleCount;
    const cases: Array<[Parameters<typeof explainWithRun>[1], Parameters<typeof explainWithRun>[2], RegExp]> = [
      [{ kind: 'row', row: rows }, [], new RegExp(`past the end of the data set, which has ${rows} rows \\(0 to ${rows - 1}\\)`)],
      [{ kind: 'values', features: [1, 2, 3], label: [0] }, [], /reads 2 feature\(s\); 3 were typed/],
      [{ kind: 'values', features: [1, 2], label: [3] }, [], /class number from 0 to 2; 3 is not one/],
      [{ kind: 'values', features: [1, 2], label: [0, 1] }, [], /label has 1 value\(s\); 2 were typed/],
      [{ kind: 'row', row: 0 }, [{ nodeId: 'relu1', tensor: 'kernel', index: 0, value: 1 }], /'relu1' has no kernel/],
      [{ kind: 'row', row: 0 }, [{ nodeId: 'logits', tensor: 'bias', index: 3, value: 1 }], /has 3 entries; entry 3 does not exist/],
    ];
    for (const [sample, overrides, expected] of cases) {
      const outcome = explainWithRun(context, sample, overrides);
      assert.ok(!outcome.ok);
      assert.match(outcome.message, expected);
    }
  } finally {
    context.run.dispose();
  }
});

test('a CSV data set is read through the asynchronous reader and its rows explained in file order', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-explain-'));
  writeFileSync(join(folder, 'points.csv'), 'x,y,label\n0,0,0\n1,0,1\n0,1,1\n1,1,0\n2,2,1\n3,1,0\n');
  const graph = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'xor.nngraph'), 'utf8')) as { nodes: Array<{ type: string; params: Record<string, unknown> }> };
  const input = graph.nodes.find((node) => node.type === 'input');
  assert.ok(input);
  input.params.dataset = { csv: 'points.csv', label: 'label' };
  const context = await contextFor(JSON.stringify(graph), folder);
  try {
    const view = explained(context, { kind: 'row', row: 4 }, []);
    assert.deepEqual(view.rawFeatures, [2, 2]);
    assert.equal(view.rowCount, 6);
    assert.equal(view.features.length, 2);
  } finally {
    context.run.dispose();
  }
});

test('the explain request is bounds-checked on arrival', () => {
  const ok = (message: unknown) => editorToHostSchema.safeParse(message).success;
  assert.equal(ok({ type: 'explain', requestId: 1, sample: { kind: 'row', row: 0 } }), true);
  assert.equal(ok({ type: 'explain', requestId: 1, sample: { kind: 'values', features: [0.5, -1], label: [2] }, overrides: [{ nodeId: 'd', tensor: 'bias', index: 0, value: 1 }] }), true);
  const refused = [
    { type: 'explain', requestId: 1, sample: { kind: 'row', row: -1 } },
    { type: 'explain', requestId: 1, sample: { kind: 'row', row: 1.5 } },
    { type: 'explain', requestId: -1, sample: { kind: 'row', row: 0 } },
    { type: 'explain', requestId: 1, sample: { kind: 'values', features: [Number.NaN], label: [0] } },
    { type: 'explain', requestId: 1, sample: { kind: 'values', features: [], label: [0] } },
    { type: 'explain', requestId: 1, sample: { kind: 'values', features: new Array(10_001).fill(0), label: [0] } },
    { type: 'explain', requestId: 1, sample: { kind: 'row', row: 0 }, overrides: new Array(257).fill({ nodeId: 'd', tensor: 'bias', index: 0, value: 1 }) },
    { type: 'explain', requestId: 1, sample: { kind: 'row', row: 0 }, overrides: [{ nodeId: 'd', tensor: 'gamma', index: 0, value: 1 }] },
    { type: 'explain', requestId: 1, sample: { kind: 'row', row: 0 }, overrides: [{ nodeId: 'd', tensor: 'bias', index: 0, value: Infinity }] },
  ];
  for (const message of refused) assert.equal(ok(message), false, JSON.stringify(message).slice(0, 200));
});
