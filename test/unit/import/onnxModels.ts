// Small ONNX models written with the exporter's own schema (src/graph/onnxSchema.ts), for the reader's unit tests and
// as the seeds the fuzz test mutates: each exercises a form the importer reads (Gemm with its attributes, MatMul + Add,
// float_data and raw_data, Constant nodes, GELU's Erf form, a Sub/Div input scaling, Concat, Dropout).
import { encodeOnnxModel, type OnnxModel } from '../../../src/graph/onnxSchema';

export interface TensorSpec { name: string; dims: number[]; values: number[]; asFloatData?: boolean }
export interface NodeSpec { op: string; inputs: string[]; outputs: string[]; name?: string; attributes?: Array<Record<string, unknown>> }

export function floatAttribute(name: string, f: number): Record<string, unknown> {
  return { name, type: 1, f };
}

export function intAttribute(name: string, i: number): Record<string, unknown> {
  return { name, type: 2, i };
}

function tensor(spec: TensorSpec): Record<string, unknown> {
  if (spec.asFloatData) return { name: spec.name, dims: spec.dims, dataType: 1, floatData: spec.values };
  const bytes = new Uint8Array(spec.values.length * 4);
  const view = new DataView(bytes.buffer);
  spec.values.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return { name: spec.name, dims: spec.dims, dataType: 1, rawData: bytes };
}

/** A model object (not yet bytes): input `x` [batch, width], output `y`. */
export function onnxModel(width: number, nodes: NodeSpec[], initializers: TensorSpec[], opset = 17, outputName = 'y'): OnnxModel {
  const info = (name: string, dims: Array<{ dimValue: number } | { dimParam: string }>) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims } } } });
  return {
    irVersion: 8, opsetImport: [{ domain: '', version: opset }], producerName: 'test',
    graph: {
      name: 'test graph',
      node: nodes.map((node, index) => ({
        name: node.name ?? `${node.op.toLowerCase()}${index}`, opType: node.op, input: node.inputs, output: node.outputs,
        ...(node.attributes ? { attribute: node.attributes } : {}),
      })) as OnnxModel['graph']['node'],
      initializer: initializers.map(tensor) as unknown as OnnxModel['graph']['initializer'],
      input: [info('x', [{ dimParam: 'batch' }, { dimValue: width }])],
      output: [info(outputName, [{ dimParam: 'batch' }, { dimValue: 1 }])],
    },
  };
}

export function encode(model: OnnxModel): Uint8Array {
  return encodeOnnxModel(model);
}

/** Deterministic small weights: 0.1, -0.2, 0.3, … */
export function ramp(count: number, scale = 0.1): number[] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 1 : -1) * scale * ((i % 7) + 1));
}

/** The seeds: one model per form the reader knows. */
export function seedModels(): Array<{ label: string; bytes: Uint8Array }> {
  const gemm = onnxModel(3, [
    { op: 'Gemm', inputs: ['x', 'w1', 'b1'], outputs: ['h'], attributes: [intAttribute('transB', 1), floatAttribute('alpha', 0.5), floatAttribute('beta', 2)] },
    { op: 'Relu', inputs: ['h'], outputs: ['r'] },
    { op: 'Gemm', inputs: ['r', 'w2'], outputs: ['z'] },
    { op: 'Sigmoid', inputs: ['z'], outputs: ['y'] },
  ], [{ name: 'w1', dims: [4, 3], values: ramp(12) }, { name: 'b1', dims: [4], values: ramp(4), asFloatData: true }, { name: 'w2', dims: [4, 1], values: ramp(4) }]);
  const matmul = onnxModel(2, [
    { op: 'Constant', inputs: [], outputs: ['bias'], attributes: [{ name: 'value', type: 4, t: { dims: [3], dataType: 1, floatData: [0.1, 0.2, 0.3] } }] },
    { op: 'MatMul', inputs: ['x', 'w'], outputs: ['m'] },
    { op: 'Add', inputs: ['m', 'bias'], outputs: ['a'] },
    { op: 'Softmax', inputs: ['a'], outputs: ['y'], attributes: [intAttribute('axis', -1)] },
  ], [{ name: 'w', dims: [2, 3], values: ramp(6) }]);
  const gelu = onnxModel(2, [
    { op: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['h'] },
    { op: 'Div', inputs: ['h', 'sqrt2'], outputs: ['d'] }, { op: 'Erf', inputs: ['d'], outputs: ['e'] },
    { op: 'Add', inputs: ['e', 'one'], outputs: ['p'] }, { op: 'Mul', inputs: ['h', 'p'], outputs: ['q'] },
    { op: 'Mul', inputs: ['q', 'half'], outputs: ['g'] },
    { op: 'Dropout', inputs: ['g', 'ratio'], outputs: ['dr'] },
    { op: 'Concat', inputs: ['dr', 'h'], outputs: ['c'], attributes: [intAttribute('axis', 1)] },
    { op: 'Gemm', inputs: ['c', 'w2'], outputs: ['y'] },
  ], [
    { name: 'w', dims: [2, 2], values: ramp(4) }, { name: 'b', dims: [2], values: [0, 0.5] }, { name: 'sqrt2', dims: [], values: [Math.SQRT2] },
    { name: 'one', dims: [], values: [1] }, { name: 'half', dims: [], values: [0.5] }, { name: 'ratio', dims: [], values: [0.25] },
    { name: 'w2', dims: [4, 1], values: ramp(4) },
  ]);
  const scaled = onnxModel(2, [
    { op: 'Sub', inputs: ['x', 'offset'], outputs: ['centred'] }, { op: 'Div', inputs: ['centred', 'scale'], outputs: ['n'] },
    { op: 'Gemm', inputs: ['n', 'w', 'b'], outputs: ['h'] }, { op: 'LeakyRelu', inputs: ['h'], outputs: ['l'], attributes: [floatAttribute('alpha', 0.2)] },
    { op: 'Gemm', inputs: ['l', 'w'], outputs: ['h2'] }, { op: 'Add', inputs: ['h2', 'l'], outputs: ['s'] },
    { op: 'Elu', inputs: ['s'], outputs: ['el'] }, { op: 'Softplus', inputs: ['el'], outputs: ['sp'] }, { op: 'Tanh', inputs: ['sp'], outputs: ['t'] },
    { op: 'Gelu', inputs: ['t'], outputs: ['ge'] }, { op: 'Identity', inputs: ['ge'], outputs: ['id'] },
    { op: 'Gemm', inputs: ['id', 'w3'], outputs: ['z'] }, { op: 'Identity', inputs: ['z'], outputs: ['y'] },
  ], [
    { name: 'w3', dims: [2, 1], values: [0.3, -0.4] },
    { name: 'offset', dims: [2], values: [1, -1] }, { name: 'scale', dims: [2], values: [2, 0.5] },
    { name: 'w', dims: [2, 2], values: ramp(4) }, { name: 'b', dims: [2], values: [0.1, -0.1] },
  ], 20);
  return [
    { label: 'Gemm with transB, alpha and beta, float_data bias', bytes: encode(gemm) },
    { label: 'MatMul + Add with a Constant bias', bytes: encode(matmul) },
    { label: 'Erf GELU, Dropout, Concat', bytes: encode(gelu) },
    { label: 'Sub/Div scaling, residual Add, LeakyRelu, Elu, Softplus, Tanh, Gelu, Identity', bytes: encode(scaled) },
  ];
}
