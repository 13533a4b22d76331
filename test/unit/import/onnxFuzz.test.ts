// Fuzzing the ONNX importer (issues 10 and 13): mutated .onnx files, from the seeds of onnxModels.ts and a model our
// own exporter wrote, byte by byte (flips, cuts, inserted and repeated runs) and field by field (dims made absurd,
// names left dangling or looping back, ops and attributes swapped). None may crash: each file is imported, or refused
// with a ModelImportError; an imported one builds a graph that analyzes without an internal error. Seeded
// (NNGRAPH_FUZZ_SEED replays a failure), with the case count and the seed printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeGraph, buildGraph, importOnnx, INTERNAL_ERROR_CODE, ModelImportError } from '../../../src/graph/index';
import { decodeOnnxModel, encodeOnnxModel, type OnnxModel } from '../../../src/graph/onnxSchema';
import { runFuzz } from '../graph/fuzz';
import { seedModels } from './onnxModels';

const seeds = seedModels().map((seed) => seed.bytes);

type Outcome = 'imported' | 'refused';

/** Imports the bytes; anything but a model or a ModelImportError (with a message) fails the property. */
function outcomeOf(bytes: Uint8Array): Outcome {
  let model;
  try {
    model = importOnnx(bytes, 'fuzzed.onnx');
  } catch (error) {
    if (error instanceof ModelImportError && error.message.startsWith('fuzzed.onnx')) return 'refused';
    throw error;
  }
  try {
    const built = buildGraph(model);
    const codes = analyzeGraph(built.text).diagnostics.map((d) => d.code);
    assert.ok(!codes.includes(INTERNAL_ERROR_CODE), `internal error analyzing the import: ${codes.join(', ')}`);
    assert.ok(codes.includes('NG051'), 'an import without a dataset says so');
  } catch (error) {
    if (error instanceof ModelImportError) return 'refused';
    throw error;
  }
  return 'imported';
}

const counts: Record<Outcome, number> = { imported: 0, refused: 0 };

/** One byte-level change: flip bits, cut the file short, insert random bytes, repeat or drop a run. */
const byteMutation = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 }));

function mutateBytes(bytes: Uint8Array, [kind, at, length, noise]: [number, number, number, Uint8Array]): Uint8Array {
  const position = at % (bytes.length + 1);
  const span = 1 + (length % 16);
  switch (kind) {
    case 0: { // flip bits in a few bytes
      const copy = Uint8Array.from(bytes);
      noise.forEach((mask, i) => { if (copy.length > 0) copy[(position + i * 7) % copy.length] ^= mask || 1; });
      return copy;
    }
    case 1: return bytes.slice(0, position); // truncated
    case 2: return Uint8Array.from([...bytes.subarray(0, position), ...noise, ...bytes.subarray(position)]);
    case 3: return Uint8Array.from([...bytes.subarray(0, position + span), ...bytes.subarray(position, position + span), ...bytes.subarray(position + span)]);
    default: return Uint8Array.from([...bytes.subarray(0, position), ...bytes.subarray(position + span)]);
  }
}

test('fuzz: byte-level mutations of ONNX files never crash the importer', () => {
  const property = fc.property(fc.nat(), fc.array(byteMutation, { minLength: 1, maxLength: 3 }), (seedIndex, mutations) => {
    let bytes = seeds[seedIndex % seeds.length];
    for (const mutation of mutations) bytes = mutateBytes(bytes, mutation);
    counts[outcomeOf(bytes)]++;
  });
  runFuzz('ONNX importer, byte mutations', property, 1000);
});

const hostileNumbers = [0, -1, 1, 2, 3, 7, 65537, 1e9, 2 ** 31, 2 ** 53, -(2 ** 40), Number.NaN, Number.POSITIVE_INFINITY];
const opTypes = ['Gemm', 'MatMul', 'Add', 'Relu', 'Softmax', 'Concat', 'Dropout', 'Sub', 'Div', 'Erf', 'Mul', 'Identity', 'Conv', 'Reshape', 'Constant', 'Gelu', ''];

/** One field-level change to a decoded model: a dim, a name, an op, an attribute, a node moved or removed. */
const fieldMutation = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.nat(), fc.nat(), fc.constantFrom(...hostileNumbers), fc.constantFrom(...opTypes));

function mutateModel(model: OnnxModel, [kind, a, b, number, op]: [number, number, number, number, string]): void {
  const { graph } = model;
  const nodes = graph.node;
  const node = nodes.length > 0 ? nodes[a % nodes.length] : undefined;
  const names = [...nodes.flatMap((n) => n.output), ...graph.initializer.map((t) => t.name), 'x', 'nowhere', '__proto__', ''];
  switch (kind) {
    case 0: { // an initializer's dims become absurd or negative
      const tensor = graph.initializer[a % Math.max(1, graph.initializer.length)];
      if (tensor && tensor.dims.length > 0) tensor.dims[b % tensor.dims.length] = Number.isFinite(number) ? Math.trunc(number) : 5;
      return;
    }
    case 1: // a node reads another name: dangling, itself, a later node's output (a cycle), the input
      if (node && node.input.length > 0) node.input[b % node.input.length] = names[b % names.length];
      return;
    case 2: if (node) node.opType = op; return;
    case 3: if (node) node.attribute = [{ name: ['axis', 'alpha', 'beta', 'transA', 'transB', 'ratio'][b % 6], type: b % 2 === 0 ? 2 : 1, i: Number.isFinite(number) ? Math.trunc(number) : 1, f: number }]; return;
    case 4: if (nodes.length > 1) nodes.splice(a % nodes.length, 1); return;
    case 5: if (node) nodes.push({ ...node, output: [...node.output] }); return; // the same value written twice
    case 6: { // the input's width
      const dim = graph.input[0]?.type.tensorType.shape.dim;
      if (dim && dim.length > 1) dim[1] = b % 3 === 0 ? { dimParam: 'n' } : { dimValue: Number.isFinite(number) ? Math.trunc(number) : 0 };
      return;
    }
    default: if (node && node.output.length > 0) node.output[0] = names[b % names.length];
  }
}

test('fuzz: field-level mutations (absurd dims, dangling names, cycles, swapped ops) never crash the importer', () => {
  const property = fc.property(fc.nat(), fc.array(fieldMutation, { minLength: 1, maxLength: 3 }), (seedIndex, mutations) => {
    const model = decodeOnnxModel(seeds[seedIndex % seeds.length]);
    for (const mutation of mutations) mutateModel(model, mutation);
    let bytes: Uint8Array;
    try {
      bytes = encodeOnnxModel(model);
    } catch {
      return; // protobufjs refused to write it (a value outside its type): nothing to import
    }
    counts[outcomeOf(bytes)]++;
  });
  runFuzz('ONNX importer, field mutations', property, 600);
  console.log(`fuzz: ONNX importer: ${counts.imported} imported, ${counts.refused} refused with a message, 0 crashes`);
  assert.ok(counts.imported > 20 && counts.refused > 500, `both outcomes are exercised: ${JSON.stringify(counts)}`);
});
