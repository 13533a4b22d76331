// The ONNX reader on models written with our own schema: what each form becomes (Gemm's transB/alpha/beta, MatMul +
// Add, float_data, Constant nodes, GELU's Erf form, the Sub/Div input scaling), and the message for each kind of file
// it refuses: an unsupported op (named, with its op and place), dangling names, cycles, absurd sizes, truncation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGraph, buildGraph, importOnnx, ModelImportError, readModel, type ImportedModel } from '../../../src/graph/index';
import { encode, floatAttribute, intAttribute, onnxModel, ramp, seedModels } from './onnxModels';

function importSeed(index: number): ImportedModel {
  return importOnnx(seedModels()[index].bytes, 'seed.onnx');
}

function refusal(bytes: Uint8Array): string {
  try {
    importOnnx(bytes, 'model.onnx');
  } catch (error) {
    assert.ok(error instanceof ModelImportError, `not a ModelImportError: ${String(error)}`);
    return error.message;
  }
  assert.fail('the model was imported');
}

test('Gemm: transB, alpha and beta are folded into the kernel and bias; float_data is read', () => {
  const model = importSeed(0);
  assert.deepEqual(model.steps.map((step) => step.layer.kind), ['dense', 'activation', 'dense', 'activation']);
  const first = model.steps[0].layer;
  assert.ok(first.kind === 'dense');
  const w = ramp(12); // [4 units, 3 inputs], transposed
  const expected = Float32Array.from({ length: 12 }, (_, i) => 0.5 * w[(i % 4) * 3 + Math.floor(i / 4)]);
  assert.deepEqual(first.kernel, expected);
  assert.deepEqual(first.bias, Float32Array.from(ramp(4).map((value) => 2 * value)));
  const second = model.steps[2].layer;
  assert.ok(second.kind === 'dense' && second.bias === null, 'a Gemm without C has no bias');
});

test('MatMul + Add becomes one dense layer whose bias is the Constant node\'s value', () => {
  const model = importSeed(1);
  assert.deepEqual(model.steps.map((step) => step.layer.kind), ['dense', 'activation']);
  const dense = model.steps[0].layer;
  assert.ok(dense.kind === 'dense');
  assert.deepEqual(dense.bias, Float32Array.from([0.1, 0.2, 0.3]));
  assert.deepEqual(model.steps[1].layer, { kind: 'activation', fn: 'softmax', alpha: 0 });
});

test('GELU\'s Erf form is one gelu layer; Dropout keeps its ratio; Concat joins on the last axis', () => {
  const model = importSeed(2);
  assert.deepEqual(model.steps.map((step) => (step.layer.kind === 'activation' ? step.layer.fn : step.layer.kind)), ['dense', 'gelu', 'dropout', 'concat', 'dense']);
  assert.deepEqual(model.steps[2].layer, { kind: 'dropout', rate: 0.25 });
  assert.deepEqual(model.steps[3].inputs, [3, 1]);
});

test('a Sub/Div input scaling is the model\'s normalization; the Identity naming the output is no layer', () => {
  const model = importSeed(3);
  assert.deepEqual(model.normalization, { offset: Float32Array.from([1, -1]), scale: Float32Array.from([2, 0.5]) });
  assert.deepEqual(model.steps.map((step) => (step.layer.kind === 'activation' ? step.layer.fn : step.layer.kind)),
    ['dense', 'leaky_relu', 'dense', 'add', 'elu', 'softplus', 'tanh', 'gelu', 'linear', 'dense']);
  assert.equal(model.name, 'test graph');
});

test('every seed builds a graph whose only diagnostic asks for a dataset, with weights for every dense layer', () => {
  for (const [index, seed] of seedModels().entries()) {
    const built = buildGraph(importSeed(index));
    const analysis = analyzeGraph(built.text);
    assert.deepEqual(analysis.diagnostics.map((d) => d.code), ['NG051'], seed.label);
    const denseIds = analysis.graph?.nodes.filter((node) => node.type === 'dense').map((node) => node.id) ?? [];
    assert.deepEqual(built.weights.map((tensor) => tensor.name.split('.')[0]).filter((id, i, all) => all.indexOf(id) === i), denseIds, seed.label);
  }
});

test('an unsupported op is named with its op, its place among the nodes and what it reads', () => {
  const bytes = encode(onnxModel(2, [
    { op: 'Gemm', inputs: ['x', 'w'], outputs: ['h'], name: 'fc' },
    { op: 'Conv', inputs: ['h', 'k'], outputs: ['c'], name: 'conv1' },
    { op: 'Relu', inputs: ['c'], outputs: ['y'] },
  ], [{ name: 'w', dims: [2, 2], values: ramp(4) }, { name: 'k', dims: [1, 1, 1], values: [1] }]));
  const message = refusal(bytes);
  assert.match(message, /^model\.onnx: node "conv1" \(Conv\), 2nd of 3, reading "h", "k": Conv is not a layer NN Graph has; it imports Gemm/);
});

test('refusals: dangling names, cycles, absurd sizes, bad attributes, truncated and empty files each get a message', () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['dangling', encode(onnxModel(2, [{ op: 'Relu', inputs: ['nowhere'], outputs: ['y'] }], [])), /reads "nowhere", which no node, initializer or input gives/],
    ['cycle', encode(onnxModel(2, [
      { op: 'Add', inputs: ['x', 'b'], outputs: ['a'] }, { op: 'Relu', inputs: ['a'], outputs: ['b'] }, { op: 'Identity', inputs: ['b'], outputs: ['y'] },
    ], [])), /lies on a cycle/],
    ['absurd dims', encode(onnxModel(2, [{ op: 'Gemm', inputs: ['x', 'w'], outputs: ['y'] }], [{ name: 'w', dims: [1e9, 1e9], values: [1, 2] }])),
      /dims \[1000000000, 1000000000\], more than the 268,435,456 values/],
    ['short raw_data', encode(onnxModel(2, [{ op: 'Gemm', inputs: ['x', 'w'], outputs: ['y'] }], [{ name: 'w', dims: [2, 3], values: [1, 2] }])),
      /claims 6 values but its raw_data holds 8 bytes/],
    ['wrong width', encode(onnxModel(3, [{ op: 'Gemm', inputs: ['x', 'w'], outputs: ['y'] }], [{ name: 'w', dims: [2, 3], values: ramp(6) }])),
      /its weight \[2, 3\] reads 2 values, but its input has width 3/],
    ['softmax axis', encode(onnxModel(2, [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attributes: [intAttribute('axis', 0)] }], [])), /softmax over axis 0/],
    ['transA', encode(onnxModel(2, [{ op: 'Gemm', inputs: ['x', 'w'], outputs: ['y'], attributes: [intAttribute('transA', 1)] }], [{ name: 'w', dims: [2, 2], values: ramp(4) }])),
      /transA=1/],
    ['non-finite alpha', encode(onnxModel(2, [{ op: 'Elu', inputs: ['x'], outputs: ['y'], attributes: [floatAttribute('alpha', Number.NaN)] }], [])), /alpha is NaN/],
    ['dead branch', encode(onnxModel(2, [{ op: 'Relu', inputs: ['x'], outputs: ['unused'] }, { op: 'Tanh', inputs: ['x'], outputs: ['y'] }], [])),
      /never reaches the output "y"/],
    ['no layers', encode(onnxModel(2, [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }], [])), /the model has no layers/],
    ['truncated', seedModels()[0].bytes.subarray(0, 40), /not a readable ONNX model/],
    ['empty', new Uint8Array(0), /is empty/],
  ];
  for (const [label, bytes, pattern] of cases) {
    let message = '';
    assert.doesNotThrow(() => { message = refusal(bytes); }, label);
    assert.match(message, pattern, label);
  }
});

test('readModel chooses the reader by extension and names what it imports otherwise', () => {
  const { bytes } = seedModels()[0];
  assert.equal(readModel({ fileName: 'Model.ONNX', bytes, readBeside: () => undefined }).featureWidth, 3);
  assert.throws(() => readModel({ fileName: 'model.pb', bytes, readBeside: () => undefined }), /NN Graph imports \.onnx, \.json models/);
});

test('ids come from the source names, valid, unique, and never a name of Object.prototype', () => {
  const names = ['/fc1/Gemm', '/fc1/Gemm', '__proto__', 'constructor', 'toString', '0', '', '-x-', 'a'.repeat(80), 'data', 'loss', 'ok_id'];
  const model: ImportedModel = {
    source: 'ids.onnx', featureWidth: 2, output: names.length,
    steps: names.map((sourceName, index) => ({ sourceName, layer: { kind: 'activation', fn: 'relu', alpha: 0 }, inputs: [index] })),
  };
  const ids = analyzeGraph(buildGraph(model).text).graph?.nodes.map((node) => node.id) ?? [];
  assert.deepEqual(ids.slice(1, -1), ['fc1_Gemm', 'fc1_Gemm_2', '__proto___', 'constructor_', 'toString_', 'activation_0', 'activation', 'x-', 'a'.repeat(64), 'data_2', 'loss_2', 'ok_id']);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/);
});

test('Flatten from axis 1 (nn.Flatten before the first layer) passes [batch, width] rows through; another axis is refused', () => {
  const flattened = (axis: number) => encode(onnxModel(3, [
    { op: 'Flatten', inputs: ['x'], outputs: ['f'], attributes: [intAttribute('axis', axis)] },
    { op: 'Gemm', inputs: ['f', 'w'], outputs: ['y'] },
  ], [{ name: 'w', dims: [3, 1], values: [1, 2, 3] }]));
  assert.deepEqual(importOnnx(flattened(1), 'f.onnx').steps.map((step) => step.layer.kind), ['dense']);
  assert.match(refusal(flattened(2)), /a Flatten from axis 2/);
});
