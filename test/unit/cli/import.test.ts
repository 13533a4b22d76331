// `nngraph import` as a process: it writes the graph and its weights, refuses to write over existing files without
// --force (leaving them as they were), names an unsupported ONNX node, and turns bad arguments into messages.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/index';
import { encode, onnxModel, ramp, seedModels } from '../import/onnxModels';
import { removeBuiltCli, runCli, scratchFolder } from './helpers';

after(removeBuiltCli);

function withModel(run: (dir: string) => void): void {
  const folder = scratchFolder({});
  try {
    writeFileSync(join(folder.dir, 'model.onnx'), seedModels()[0].bytes);
    run(folder.dir);
  } finally {
    folder.remove();
  }
}

test('nngraph import writes <name>.nngraph and <name>.safetensors beside the model, and the graph checks', () => {
  withModel((dir) => {
    const result = runCli(['import', 'model.onnx'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Wrote model\.nngraph \(4 layers, 3 features in\) and model\.safetensors/);
    assert.match(result.stderr, /warning NG051/);
    const weights = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))));
    assert.deepEqual(weights.tensors.map((tensor) => `${tensor.name} [${tensor.shape.join(', ')}]`), ['gemm0.kernel [3, 4]', 'gemm0.bias [4]', 'gemm2.kernel [4, 1]']);
    const check = runCli(['check', 'model.nngraph'], dir);
    assert.equal(check.status, 0, check.stdout);
    const summary = runCli(['summary', 'model.nngraph'], dir);
    assert.equal(summary.status, 0, summary.stderr);
    assert.match(summary.stdout, /gemm0/);
  });
});

test('nngraph import refuses to write over an existing graph or weights file without --force, and leaves both as they were', () => {
  withModel((dir) => {
    writeFileSync(join(dir, 'mine.safetensors'), 'not mine to lose');
    const refused = runCli(['import', 'model.onnx', '-o', 'mine.nngraph'], dir);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /nngraph: import: .*mine\.safetensors.*pass --force to replace it.*nothing was written/);
    assert.equal(existsSync(join(dir, 'mine.nngraph')), false, 'the graph was written although its weights were refused');
    assert.equal(readFileSync(join(dir, 'mine.safetensors'), 'utf8'), 'not mine to lose');
    const forced = runCli(['import', 'model.onnx', '-o', 'mine.nngraph', '--force'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok(readSafetensors(new Uint8Array(readFileSync(join(dir, 'mine.safetensors')))).tensors.length === 3);
    const again = runCli(['import', 'model.onnx', '-o', 'mine.nngraph'], dir);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /mine\.nngraph/);
  });
});

test('nngraph import names the unsupported node, its op and where it sits, and writes nothing', () => {
  const folder = scratchFolder({});
  try {
    writeFileSync(join(folder.dir, 'conv.onnx'), encode(onnxModel(2, [
      { op: 'Gemm', inputs: ['x', 'w'], outputs: ['h'], name: 'fc' },
      { op: 'Reshape', inputs: ['h', 'shape'], outputs: ['r'], name: '/net/Reshape' },
      { op: 'Relu', inputs: ['r'], outputs: ['y'] },
    ], [{ name: 'w', dims: [2, 4], values: ramp(8) }, { name: 'shape', dims: [3], values: [-1, 2, 2] }])));
    const result = runCli(['import', 'conv.onnx'], folder.dir);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), 'nngraph: import: conv.onnx: node "/net/Reshape" (Reshape), 2nd of 3, reading "h", "shape": Reshape is not a layer NN Graph has; '
      + 'it imports Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu, Gelu (or its Erf form), Softplus, Identity, Dropout, Add, Concat, '
      + 'Flatten (a no-op on [batch, width]), and a Sub/Div scaling of the input; nothing was written');
    assert.equal(existsSync(join(folder.dir, 'conv.nngraph')), false);
  } finally {
    folder.remove();
  }
});

test('nngraph import: bad arguments and files get messages', () => {
  withModel((dir) => {
    writeFileSync(join(dir, 'cut.onnx'), seedModels()[0].bytes.subarray(0, 50));
    writeFileSync(join(dir, 'model.pb'), seedModels()[0].bytes);
    const cases: Array<[string[], number, RegExp]> = [
      [['import'], 2, /import takes one model file/],
      [['import', 'model.onnx', '--dataset', 'mnist'], 2, /--dataset takes a built-in dataset \(xor, circles/],
      [['import', 'model.onnx', '--dataset', '{"csv": '], 2, /--dataset is not valid JSON/],
      [['import', 'model.onnx', '-o', 'model.txt'], 2, /must end in \.nngraph/],
      [['import', 'model.onnx', '--dataset', 'iris'], 1, /error NG052: The dataset of input node "data" has 4 features, but the node declares featureCount 3[^]*does not fit the dataset \{"builtin":"iris"\}/],
      [['import', 'model.onnx', '--dataset', '{"csv": "none.csv", "label": "y"}'], 1, /error NG043: The CSV path "none\.csv"/],
      [['import', 'missing.onnx'], 1, /cannot read the model 'missing\.onnx'/],
      [['import', 'cut.onnx'], 1, /cut\.onnx is not a readable ONNX model/],
      [['import', 'model.pb'], 1, /model\.pb: NN Graph imports \.onnx, \.json models; this file's name does not end in one/],
    ];
    for (const [args, status, pattern] of cases) {
      const result = runCli(args, dir);
      assert.equal(result.status, status, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern, args.join(' '));
    }
    assert.equal(existsSync(join(dir, 'model.nngraph')), false);
  });
});
