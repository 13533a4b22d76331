// The nodes and weights of an exported ONNX inference graph, in the compiled program's op order: Sub/Div for the
// normalization fitted on the training rows (so the model takes raw features, as `nngraph predict --input` does), a
// Gemm per dense layer, the activations, Add and Concat; dropout is the identity at inference and has no node; last
// the sigmoid or softmax the loss applies itself, so the output is what `nngraph predict` prints. Tensor names are
// generated here; a node's id from the file is only its node name, a string ONNX never interprets.
import type { ActivationName, NamedTensor, NormalizationStats, OpSpec, ProgramSpec } from '../../core/index';
import { FEATURE_GROUPS } from '../../core/pure';
import { ATTRIBUTE_FLOAT, ATTRIBUTE_INT, ONNX_FLOAT, ONNX_INT64, type OnnxAttribute, type OnnxNode, type OnnxTensor } from '../onnxSchema';

export const INPUT_NAME = 'features';
/** Names ids cannot take ('/' is outside the id pattern), for the nodes that no graph node owns. */
const NORMALIZE_NODE = 'nngraph/normalize';
const OUTPUT_NODE = 'nngraph/output';

export interface OnnxBody {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
}

/** A float32 tensor's values as ONNX raw_data: little-endian, whatever the machine's byte order. */
export function float32Tensor(name: string, dims: number[], values: Float32Array, docString: string): OnnxTensor {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`export: ${docString} holds a value that is not finite (${value}); train again or pass other --weights`);
    view.setFloat32(index * 4, value, true);
  });
  return { name, dims, dataType: ONNX_FLOAT, rawData: bytes, docString };
}

function finiteAttribute(name: string, value: number, what: string): OnnxAttribute {
  if (!Number.isFinite(value)) throw new RangeError(`export: ${what} must be a finite number, got ${value}`);
  return { name, type: ATTRIBUTE_FLOAT, f: value };
}

/** Column indices as an int64 tensor (what Gather reads), little-endian. */
function int64Tensor(name: string, values: readonly number[], docString: string): OnnxTensor {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => view.setBigInt64(index * 8, BigInt(value), true));
  return { name, dims: [values.length], dataType: ONNX_INT64, rawData: bytes, docString };
}

const LAST_AXIS: OnnxAttribute = { name: 'axis', type: ATTRIBUTE_INT, i: -1 };

/** The ONNX operator of an activation, with its attributes (opset 20: Gelu is an operator there). */
function activationOperator(fn: ActivationName, alpha: number): { opType: string; attribute?: OnnxAttribute[] } {
  switch (fn) {
    case 'relu': return { opType: 'Relu' };
    case 'sigmoid': return { opType: 'Sigmoid' };
    case 'tanh': return { opType: 'Tanh' };
    case 'softmax': return { opType: 'Softmax', attribute: [LAST_AXIS] };
    case 'leaky_relu': return { opType: 'LeakyRelu', attribute: [finiteAttribute('alpha', alpha, 'alpha')] };
    case 'elu': return { opType: 'Elu', attribute: [finiteAttribute('alpha', alpha, 'alpha')] };
    // The exact erf form, as the core and Keras' default: approximate="none" is Gelu's default.
    case 'gelu': return { opType: 'Gelu' };
    case 'softplus': return { opType: 'Softplus' };
    case 'linear': return { opType: 'Identity' };
  }
}

/** Finds `<nodeId>.kernel` / `.bias` and checks its shape against the program's. */
function weightOf(weights: ReadonlyMap<string, NamedTensor>, name: string, shape: number[]): NamedTensor {
  const tensor = weights.get(name);
  if (tensor === undefined) throw new RangeError(`export: no weight '${name}'`);
  if (tensor.shape.length !== shape.length || tensor.shape.some((size, axis) => size !== shape[axis])) {
    throw new RangeError(`export: weight '${name}' has shape [${tensor.shape.join(', ')}], the model needs [${shape.join(', ')}]`);
  }
  return tensor;
}

/** Builds the body op by op; `valueNames[v]` is the tensor holding program value v. */
class BodyBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly valueNames: string[] = [];
  private layerCount = 0;

  constructor(private readonly spec: ProgramSpec, private readonly weights: ReadonlyMap<string, NamedTensor>) {}

  normalize(stats: NormalizationStats): void {
    if (stats.method === 'none') {
      this.valueNames.push(INPUT_NAME);
      return;
    }
    const width = this.spec.featureCount;
    this.initializers.push(
      float32Tensor('normalize_offset', [width], stats.offset, `the ${stats.method} normalization's offset per feature`),
      float32Tensor('normalize_scale', [width], stats.scale, `the ${stats.method} normalization's scale per feature`),
    );
    this.node({ opType: 'Sub', input: [INPUT_NAME, 'normalize_offset'], output: ['normalize_centred'], name: `${NORMALIZE_NODE}/offset` });
    this.node({ opType: 'Div', input: ['normalize_centred', 'normalize_scale'], output: ['normalized_features'], name: `${NORMALIZE_NODE}/scale` });
    this.valueNames.push('normalized_features');
  }

  op(op: OpSpec, index: number): void {
    const output = `v${index + 1}`;
    switch (op.kind) {
      case 'dense': return this.dense(op, output);
      case 'activation': {
        // A dense node's own activation is a second op of the same node: ONNX node names stay unique.
        const ownActivation = index > 0 && this.spec.ops[index - 1].nodeId === op.nodeId;
        return this.add({ ...activationOperator(op.fn, op.alpha), input: [this.value(op.input)], output: [output], name: ownActivation ? `${op.nodeId}/${op.fn}` : op.nodeId });
      }
      // Inference: dropout passes its input through, so its value is its input's tensor.
      case 'dropout': this.valueNames.push(this.value(op.input)); return;
      case 'features': return this.features(op, output);
      case 'add': return this.add({ opType: 'Add', input: op.inputs.map((v) => this.value(v)), output: [output], name: op.nodeId });
      case 'concat': return this.add({ opType: 'Concat', input: op.inputs.map((v) => this.value(v)), output: [output], name: op.nodeId, attribute: [LAST_AXIS] });
    }
  }

  /** The sigmoid or softmax a cross-entropy loss applies to logits, else an Identity, into the graph's output. */
  finish(output: string): void {
    const { loss } = this.spec;
    const fromLogits = loss.kind !== 'mse' && loss.fromLogits;
    const opType = !fromLogits ? 'Identity' : loss.kind === 'binary-cross-entropy' ? 'Sigmoid' : 'Softmax';
    const name = fromLogits ? loss.activationNodeId ?? loss.nodeId : OUTPUT_NODE;
    this.node({ opType, input: [this.value(loss.predictions)], output: [output], name, ...(opType === 'Softmax' ? { attribute: [LAST_AXIS] } : {}) });
  }

  private dense(op: Extract<OpSpec, { kind: 'dense' }>, output: string): void {
    const inputs = this.spec.valueWidths[op.input];
    const layer = `layer${++this.layerCount}`;
    const kernel = weightOf(this.weights, `${op.nodeId}.kernel`, [inputs, op.units]);
    this.initializers.push(float32Tensor(`${layer}_kernel`, [inputs, op.units], kernel.data, `the kernel of dense node '${op.nodeId}'`));
    const input = [this.value(op.input), `${layer}_kernel`];
    if (op.useBias) {
      const bias = weightOf(this.weights, `${op.nodeId}.bias`, [op.units]);
      this.initializers.push(float32Tensor(`${layer}_bias`, [op.units], bias.data, `the bias of dense node '${op.nodeId}'`));
      input.push(`${layer}_bias`);
    }
    this.add({ opType: 'Gemm', input, output: [output], name: op.nodeId });
  }

  /**
   * The features node: x as it is, Mul(x, x), Gather of the first and second column of each pair i < j then Mul, and
   * Sin, joined by one Concat in FEATURE_GROUPS order (as ops/features.ts writes them).
   */
  private features(op: Extract<OpSpec, { kind: 'features' }>, output: string): void {
    const input = this.value(op.input);
    const width = this.spec.valueWidths[op.input];
    const parts: string[] = [];
    for (const group of FEATURE_GROUPS) {
      if (!op.groups.includes(group)) continue;
      const part = `${output}_${group}`;
      const name = `${op.nodeId}/${group}`;
      switch (group) {
        case 'x': parts.push(input); continue;
        case 'square': this.node({ opType: 'Mul', input: [input, input], output: [part], name }); break;
        case 'sin': this.node({ opType: 'Sin', input: [input], output: [part], name }); break;
        case 'product': {
          const rows: number[] = [];
          const cols: number[] = [];
          for (let i = 0; i < width; i++) for (let j = i + 1; j < width; j++) { rows.push(i); cols.push(j); }
          this.initializers.push(int64Tensor(`${output}_pair_rows`, rows, `the first column of each pair of features node '${op.nodeId}'`),
            int64Tensor(`${output}_pair_cols`, cols, `the second column of each pair of features node '${op.nodeId}'`));
          const axis: OnnxAttribute = { name: 'axis', type: ATTRIBUTE_INT, i: 1 };
          this.node({ opType: 'Gather', input: [input, `${output}_pair_rows`], output: [`${part}_first`], name: `${name}/first`, attribute: [axis] });
          this.node({ opType: 'Gather', input: [input, `${output}_pair_cols`], output: [`${part}_second`], name: `${name}/second`, attribute: [axis] });
          this.node({ opType: 'Mul', input: [`${part}_first`, `${part}_second`], output: [part], name });
          break;
        }
      }
      parts.push(part);
    }
    this.add({ opType: 'Concat', input: parts, output: [output], name: op.nodeId, attribute: [LAST_AXIS] });
  }

  /** A node that writes the next program value. */
  private add(node: OnnxNode): void {
    this.node(node);
    this.valueNames.push(node.output[0]);
  }

  private node(node: OnnxNode): void {
    this.nodes.push(node);
  }

  private value(ref: number): string {
    const name = this.valueNames[ref];
    if (name === undefined) throw new RangeError(`export: value ${ref} is used before it is computed`);
    return name;
  }
}

/** `output` names the graph's output tensor. */
export function onnxBody(spec: ProgramSpec, weights: readonly NamedTensor[], normalization: NormalizationStats, output: string): OnnxBody {
  if (normalization.method !== 'none' && normalization.offset.length !== spec.featureCount) {
    throw new RangeError(`export: the normalization has ${normalization.offset.length} features, the model ${spec.featureCount}`);
  }
  const builder = new BodyBuilder(spec, new Map(weights.map((tensor) => [tensor.name, tensor])));
  builder.normalize(normalization);
  spec.ops.forEach((op, index) => builder.op(op, index));
  builder.finish(output);
  return { nodes: builder.nodes, initializers: builder.initializers };
}
