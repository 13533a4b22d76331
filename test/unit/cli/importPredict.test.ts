// `nngraph predict --input` on a graph imported without --dataset (issue 13: it "predicts at once"): the rows go through
// the model as they are, the feature columns found by the names x0…x{n-1} or, failing them, as the header's only
// columns; the outputs match the ONNX model's own (computed here from its weights) and the graph imported with a
// dataset. A graph that normalizes without a dataset, no --input, or a header that fits neither rule gets a message.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ramp, seedModels } from '../import/onnxModels';
import { removeBuiltCli, runCli, scratchFolder } from './helpers';

after(removeBuiltCli);

const rows = [[0.5, -1, 2], [1.5, 0.25, -0.75], [0, 0, 0], [-2, 3, 1], [0.125, 0.5, -3]];

function jsonRows(stdout: string): number[][] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as number[]);
}

function largestDifference(a: number[][], b: number[][]): number {
  assert.equal(a.length, b.length);
  let largest = 0;
  a.forEach((row, r) => {
    assert.equal(row.length, b[r].length);
    row.forEach((value, c) => { largest = Math.max(largest, Math.abs(value - b[r][c])); });
  });
  return largest;
}

/** seedModels()[0]: sigmoid(relu(0.5·x·W1ᵀ + 2·b1)·W2), W1 [4, 3], b1 [4], W2 [4, 1]. */
function gemmModel(x: number[]): number[] {
  const w1 = ramp(12);
  const b1 = ramp(4);
  const w2 = ramp(4);
  let z = 0;
  for (let j = 0; j < 4; j++) {
    let h = 2 * b1[j];
    for (let i = 0; i < 3; i++) h += 0.5 * x[i] * w1[j * 3 + i];
    z += Math.max(0, h) * w2[j];
  }
  return [1 / (1 + Math.exp(-z))];
}

/** seedModels()[1]: softmax(x·W + [0.1, 0.2, 0.3]), W [2, 3]. */
function matmulModel(x: number[]): number[] {
  const w = ramp(6);
  const logits = [0.1, 0.2, 0.3].map((bias, k) => bias + x[0] * w[k] + x[1] * w[3 + k]);
  const exps = logits.map((value) => Math.exp(value - Math.max(...logits)));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

function withModels(run: (dir: string) => void): void {
  const folder = scratchFolder({});
  try {
    writeFileSync(join(folder.dir, 'model.onnx'), seedModels()[0].bytes);
    writeFileSync(join(folder.dir, 'softmax.onnx'), seedModels()[1].bytes);
    run(folder.dir);
  } finally {
    folder.remove();
  }
}

test('an import without --dataset predicts --input rows (columns x0…x2 in any order) as the ONNX model and the import with a dataset do', () => {
  withModels((dir) => {
    assert.equal(runCli(['import', 'model.onnx'], dir).status, 0);
    writeFileSync(join(dir, 'rows.csv'), `x2,note,x0,x1\n${rows.map((x) => `${x[2]},a,${x[0]},${x[1]}`).join('\n')}\n`);
    const bare = runCli(['predict', 'model.nngraph', '--input', 'rows.csv', '--json'], dir);
    assert.equal(bare.status, 0, bare.stderr);
    assert.doesNotMatch(bare.stderr, /NG051/, 'no warning that predicting needs a dataset');
    const predicted = jsonRows(bare.stdout);
    const fromOnnx = largestDifference(predicted, rows.map(gemmModel));
    console.log(`gemm model: ${rows.length} rows, largest difference from the ONNX model ${fromOnnx.toExponential(2)}`);
    assert.ok(fromOnnx <= 1e-6, `outputs differ from the ONNX model's by ${fromOnnx}`);

    writeFileSync(join(dir, 'train.csv'), `x0,x1,x2,y\n${rows.map((x, r) => `${x.join(',')},${r % 2}`).join('\n')}\n`);
    const withDataset = runCli(['import', 'model.onnx', '-o', 'with-data.nngraph', '--dataset', '{"csv": "train.csv", "label": "y"}'], dir);
    assert.equal(withDataset.status, 0, withDataset.stderr);
    const reference = runCli(['predict', 'with-data.nngraph', '--input', 'rows.csv', '--json'], dir);
    assert.equal(reference.status, 0, reference.stderr);
    const fromDataset = largestDifference(predicted, jsonRows(reference.stdout));
    console.log(`gemm model: largest difference from the import with a dataset ${fromDataset.toExponential(2)}`);
    assert.ok(fromDataset <= 1e-6, `outputs differ from the import with a dataset by ${fromDataset}`);

    const text = runCli(['predict', 'model.nngraph', '--input', 'rows.csv', '--weights', 'model.safetensors'], dir);
    assert.equal(text.status, 0, text.stderr);
    assert.deepEqual(text.stdout.trim().split('\n'), ['p(1)', ...predicted.map((row) => String(row[0]))]);
  });
});

test('without x0…x{n-1} in the header, a CSV of exactly featureCount columns is read in file order (a softmax model)', () => {
  withModels((dir) => {
    assert.equal(runCli(['import', 'softmax.onnx'], dir).status, 0);
    const pairs = rows.map((x) => [x[0], x[1]]);
    writeFileSync(join(dir, 'pairs.csv'), `width,height\n${pairs.map((x) => x.join(',')).join('\n')}\n`);
    const result = runCli(['predict', 'softmax.nngraph', '--input', 'pairs.csv', '--json'], dir);
    assert.equal(result.status, 0, result.stderr);
    const difference = largestDifference(jsonRows(result.stdout), pairs.map(matmulModel));
    console.log(`softmax model: largest difference from the ONNX model ${difference.toExponential(2)}`);
    assert.ok(difference <= 1e-6, `outputs differ by ${difference}`);
    const text = runCli(['predict', 'softmax.nngraph', '--input', 'pairs.csv'], dir);
    assert.equal(text.stdout.split('\n')[0], 'p(0),p(1),p(2)');
  });
});

test('without a dataset: no --input, a header that fits neither rule, a normalizing graph and training each get a message', () => {
  withModels((dir) => {
    assert.equal(runCli(['import', 'model.onnx'], dir).status, 0);
    writeFileSync(join(dir, 'wide.csv'), 'a,b,c,d\n1,2,3,4\n');
    writeFileSync(join(dir, 'rows.csv'), 'x0,x1,x2\n1,2,3\n');
    const graph = JSON.parse(readFileSync(join(dir, 'model.nngraph'), 'utf8')) as { nodes: Array<{ params: Record<string, unknown> }> };
    graph.nodes[0].params.normalize = 'standard';
    writeFileSync(join(dir, 'scaled.nngraph'), JSON.stringify(graph));
    const cases: Array<[string[], RegExp]> = [
      [['predict', 'model.nngraph'], /^nngraph: model\.nngraph names no dataset to predict on: pass --input CSV \(a header, then rows of its 3 features\), or choose a dataset for input node "data"$/m],
      [['predict', 'model.nngraph', '--input', 'wide.csv'], /wide\.csv:1:1 - error: the model reads 3 features and the graph names no dataset, so the header must have the columns x0…x2 \(other columns are ignored\) or exactly 3 columns; it has 4: 'a', 'b', 'c', 'd'/],
      [['predict', 'scaled.nngraph', '--input', 'rows.csv', '--weights', 'model.safetensors'],
        /input node "data" normalizes its features \("standard"\) with statistics fitted on the training rows of its dataset, and it names no dataset; choose its dataset, or set normalize to "none"/],
      [['predict', 'model.nngraph', '--input', 'rows.csv', '--weights', 'missing.safetensors'], /cannot read the weights file 'missing\.safetensors'/],
      [['train', 'model.nngraph'], /error NG051[^]*the graph has errors; nothing was trained/],
      [['export', 'model.nngraph', '--to', 'pytorch', '-o', 'out'], /error NG051/],
    ];
    for (const [args, pattern] of cases) {
      const result = runCli(args, dir);
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
    }
  });
});
