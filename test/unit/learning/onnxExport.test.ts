// Acceptance of `nngraph export --to onnx` (issue 12): for every example, the DAG with add and concat and a graph
// with every other activation, the exported model, run by onnxruntime-node on the raw rows of the dataset, gives
// `nngraph predict`'s outputs for the same rows and weights within 1e-5 (the normalization is inside the model).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import Papa from 'papaparse';
import { removeBuiltCli, root, runCli, scratchFolder } from '../cli/helpers';
import { dagGraph, denseActivationGraph, EXAMPLES, featuresGraph } from './exportGraphs';

after(removeBuiltCli);

function cli(args: readonly string[], cwd: string): string {
  const result = runCli(args, cwd);
  assert.equal(result.status, 0, `nngraph ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

/** The raw feature rows of a CSV whose last column is the label (what `export --to pytorch` writes beside a script). */
function featureRows(csvText: string): { features: Float32Array; rowCount: number; width: number } {
  const parsed = Papa.parse<string[]>(csvText.trim(), { skipEmptyLines: true });
  const rows = parsed.data.slice(1).map((row) => row.slice(0, -1).map(Number));
  return { features: Float32Array.from(rows.flat()), rowCount: rows.length, width: rows[0].length };
}

/** The largest absolute difference between onnxruntime's outputs and `nngraph predict --input` on the same raw rows. */
async function compareWithPredict(graphText: string, epochs: number): Promise<number> {
  const folder = scratchFolder({ 'g.nngraph': graphText });
  try {
    const dir = folder.dir;
    cli(['train', 'g.nngraph', '--epochs', String(epochs), '--save-weights', 'g.safetensors', '--quiet'], dir);
    cli(['export', 'g.nngraph', '--to', 'onnx'], dir);
    // The pytorch export writes the dataset's raw rows (exact float32 values) as g.data.csv; both sides read them.
    cli(['export', 'g.nngraph', '--to', 'pytorch', '-o', 'g.py'], dir);
    const predicted = cli(['predict', 'g.nngraph', '--input', 'g.data.csv', '--json'], dir).trim().split('\n').map((line) => JSON.parse(line) as number[]);
    const rows = featureRows(readFileSync(join(dir, 'g.data.csv'), 'utf8'));
    const session = await InferenceSession.create(join(dir, 'g.onnx'));
    try {
      const results = await session.run({ features: new Tensor('float32', rows.features, [rows.rowCount, rows.width]) });
      const outputs = results[session.outputNames[0]];
      const width = predicted[0].length;
      assert.deepEqual(outputs.dims, [rows.rowCount, width]);
      assert.equal(predicted.length, rows.rowCount);
      const values = outputs.data as Float32Array;
      let largest = 0;
      predicted.forEach((row, r) => row.forEach((value, c) => { largest = Math.max(largest, Math.abs(value - values[r * width + c])); }));
      return largest;
    } finally {
      await session.release();
    }
  } finally {
    folder.remove();
  }
}

async function assertAgreement(name: string, graphText: string, epochs: number): Promise<void> {
  const largest = await compareWithPredict(graphText, epochs);
  console.log(`${name}: largest difference between onnxruntime and nngraph predict ${largest.toExponential(2)}`);
  assert.ok(largest <= 1e-5, `${name}: outputs differ by ${largest}`);
}

for (const example of EXAMPLES) {
  test(`export --to onnx: ${example} gives nngraph predict's outputs under onnxruntime`, async () => {
    await assertAgreement(example, readFileSync(join(root, 'examples', `${example}.nngraph`), 'utf8'), 3);
  });
}

test('export --to onnx: a DAG with add and concat gives nngraph predict\'s outputs under onnxruntime', async () => {
  await assertAgreement('add/concat DAG', dagGraph(), 3);
});

test('export --to onnx: features nodes (Mul, Gather pairs, Sin, Concat) give nngraph predict\'s outputs under onnxruntime', async () => {
  await assertAgreement('features DAG', featuresGraph(), 3);
});

test('export --to onnx: dense nodes with their own activation (and a dead branch, left out) give nngraph predict\'s outputs', async () => {
  await assertAgreement('dense activations with a dead branch', denseActivationGraph(true), 3);
});

/** iris (standard scaling) through every activation the DAG and the examples leave out, dropout, and logits. */
function activationsGraph(): string {
  const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });
  const chain = [
    node('data', 'input', { dataset: { builtin: 'iris' } }), node('d1', 'dense', { units: 8 }), node('leaky', 'activation', { fn: 'leaky_relu', alpha: 0.2 }),
    node('drop', 'dropout', { rate: 0.3 }), node('d2', 'dense', { units: 8, useBias: false }), node('elu', 'activation', { fn: 'elu', alpha: 0.7 }),
    node('d3', 'dense', { units: 8 }), node('softplus', 'activation', { fn: 'softplus' }), node('d4', 'dense', { units: 6 }),
    node('soft', 'activation', { fn: 'softmax' }), node('d5', 'dense', { units: 3 }), node('lin', 'activation', { fn: 'linear' }),
    node('loss', 'cross-entropy', { mode: 'categorical', fromLogits: true }),
  ];
  const edges = chain.slice(1, -1).map((next, i) => ({ from: `${chain[i].id}.${i === 0 ? 'features' : 'out'}`, to: `${next.id}.in` }));
  edges.push({ from: 'lin.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' });
  return JSON.stringify({ format: 'nngraph', version: 1, name: 'every activation', nodes: chain, edges, training: { epochs: 3, seed: 3 } });
}

test('export --to onnx: leaky_relu, elu, softplus, a softmax inside, dropout, no bias and logits agree too', async () => {
  await assertAgreement('every activation', activationsGraph(), 3);
});

test('export --to onnx without trained weights says it holds the initial ones, and never replaces a file without --force', () => {
  const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'xor.nngraph'), 'utf8') });
  try {
    const fresh = runCli(['export', 'g.nngraph', '--to', 'onnx'], folder.dir);
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.match(fresh.stderr, /g\.safetensors does not exist, so the model holds the untrained initial weights of seed \d+/);
    assert.match(fresh.stdout, /^Wrote g\.onnx \(ONNX opset 20, the initial weights of seed \d+ \(untrained\)\)/);
    const again = runCli(['export', 'g.nngraph', '--to', 'onnx'], folder.dir);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /'g\.onnx' already exists.*pass --force/);
    assert.equal(runCli(['export', 'g.nngraph', '--to', 'onnx', '--force'], folder.dir).status, 0);
  } finally {
    folder.remove();
  }
});
