// Acceptance of `nngraph import` on real producers (issue 13): MLPs built and exported by PyTorch's torch.onnx.export
// (torchModels.py: a plain MLP, one joining branches with torch.cat and GELU in its Erf form, one with a residual add
// and LeakyReLU/ELU/Softplus ending in a regression, one written as x @ W + b), imported by the command line as a
// process, then `nngraph predict --input` on the same rows matches PyTorch's outputs within 1e-5, imported with the
// rows as its dataset and without any (the rows then go through the model as they are).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeGraph } from '../../../src/graph/index';
import { torchPython } from '../../support/python';
import { removeBuiltCli, runCli } from '../cli/helpers';

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nngraph-import-torch-'));
  const made = spawnSync(torchPython(), [join(__dirname, 'torchModels.py'), dir], { encoding: 'utf8' });
  assert.equal(made.status, 0, `torchModels.py failed:\n${made.stderr}`);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBuiltCli();
});

function cli(args: readonly string[]): string {
  const result = runCli(args, dir);
  assert.equal(result.status, 0, `nngraph ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

function predictRows(graph: string, input: string, extra: readonly string[] = []): number[][] {
  return cli(['predict', graph, '--input', input, '--json', ...extra]).trim().split('\n').map((line) => JSON.parse(line) as number[]);
}

function largestDifference(predicted: number[][], reference: number[][]): number {
  assert.equal(predicted.length, reference.length);
  let largest = 0;
  reference.forEach((row, r) => {
    assert.equal(predicted[r].length, row.length);
    row.forEach((value, c) => { largest = Math.max(largest, Math.abs(value - predicted[r][c])); });
  });
  return largest;
}

/** What each model should become: the node types in file order (the ONNX node order), the activations, the loss. */
const expected: Record<string, { types: string[]; fns: string[]; loss: string }> = {
  plain: { types: ['input', 'dense', 'activation', 'dense', 'activation', 'cross-entropy'], fns: ['relu', 'sigmoid'], loss: 'binary' },
  cat: {
    types: ['input', 'dense', 'dense', 'activation', 'activation', 'concat', 'dense', 'activation', 'cross-entropy'],
    fns: ['gelu', 'softmax', 'tanh'], loss: 'categorical',
  },
  residual: {
    types: ['input', 'dense', 'activation', 'dense', 'activation', 'add', 'activation', 'dense', 'mse'],
    fns: ['elu', 'leaky_relu', 'softplus'], loss: 'mse',
  },
  matmul: { types: ['input', 'dense', 'activation', 'dense', 'activation', 'cross-entropy'], fns: ['relu', 'softmax'], loss: 'categorical' },
};

for (const [name, shape] of Object.entries(expected)) {
  test(`import: PyTorch's ${name} MLP predicts what PyTorch computes`, () => {
    cli(['import', `${name}.onnx`, '--dataset', JSON.stringify({ csv: `${name}.csv`, label: 'y' })]);
    const text = readFileSync(join(dir, `${name}.nngraph`), 'utf8');
    const analysis = analyzeGraph(text, { datasetInfo: () => undefined });
    const nodes = analysis.graph?.nodes ?? [];
    assert.deepEqual(nodes.map((node) => node.type), shape.types);
    assert.deepEqual(nodes.filter((node) => node.type === 'activation').map((node) => String(node.params.fn)).sort(), shape.fns);
    if (name === 'residual') {
      assert.deepEqual(nodes.filter((node) => node.params.alpha !== undefined).map((node) => node.params.alpha), [0.2, 0.7], 'alphas as decimals');
    }
    const loss = nodes[nodes.length - 1];
    assert.equal(loss.type === 'mse' ? 'mse' : loss.params.mode, shape.loss);
    assert.deepEqual(nodes[0].params, { dataset: { csv: `${name}.csv`, label: 'y' }, normalize: 'none' });
    const reference = JSON.parse(readFileSync(join(dir, `${name}.out.json`), 'utf8')) as number[][];
    const largest = largestDifference(predictRows(`${name}.nngraph`, `${name}.csv`), reference);
    console.log(`${name}: ${reference.length} rows, largest difference from PyTorch ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-5, `${name}: outputs differ by ${largest}`);
  });
}

test('import: without --dataset the graph declares its feature count, every shape is known, and one diagnostic asks for a dataset', () => {
  cli(['import', 'cat.onnx', '-o', 'cat-bare.nngraph']);
  const text = readFileSync(join(dir, 'cat-bare.nngraph'), 'utf8');
  const analysis = analyzeGraph(text);
  assert.deepEqual(analysis.diagnostics.map((d) => `${d.code} ${d.severity}`), ['NG051 warning']);
  assert.deepEqual(analysis.graph?.nodes[0].params, { featureCount: 4, normalize: 'none' });
  const widths = Object.entries(analysis.shapes).filter(([port]) => port.endsWith('.out') || port.endsWith('.features')).map(([port, shape]) => `${port}=${String(shape[1])}`);
  assert.ok(widths.length >= 8 && widths.every((entry) => !entry.endsWith('=null')), widths.join(' '));
  assert.ok(widths.includes('data.features=4'), widths.join(' '));
  assert.match(text, /"name": "Imported from cat\.onnx"/);
});

for (const name of Object.keys(expected)) {
  test(`import: PyTorch's ${name} MLP imported without --dataset predicts --input rows as PyTorch does`, () => {
    cli(['import', `${name}.onnx`, '-o', `${name}-raw.nngraph`]);
    const reference = JSON.parse(readFileSync(join(dir, `${name}.out.json`), 'utf8')) as number[][];
    const largest = largestDifference(predictRows(`${name}-raw.nngraph`, `${name}.csv`), reference);
    console.log(`${name} without a dataset: ${reference.length} rows, largest difference from PyTorch ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-5, `${name}: outputs differ by ${largest}`);
  });
}
