// ONNX → ImportedModel: walks a checked ONNX graph (onnxModel.ts) node by node, in an order where every node follows
// what it reads, and maps each node to a layer the graph holds: Gemm or MatMul (+ Add) → dense, the activations,
// Dropout, Add, Concat on the last axis; PyTorch's Erf form of GELU and NN Graph's own input scaling (Sub, Div) are
// recognized as patterns. Every other node gets a message that names it, its op and where it sits; nothing is
// dropped silently, and a layer whose result never reaches the output is a message too.
import type { ActivationName } from '../../core/index';
import { MAX_UNITS } from '../nodeTypes';
import { ModelImportError, type ImportedLayer, type ImportedModel, type ImportedNormalization, type ImportedStep } from './importedModel';
import { checkOnnx, type CheckedOnnx, type ReadAttribute, type ReadNode } from './onnxModel';
import { quoteName, type ConstTensor } from './onnxTensors';

/** What the importer maps, for the message about any other op. */
export const SUPPORTED_ONNX_OPS = 'Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu, Gelu (or its Erf form), '
  + 'Softplus, Identity, Dropout, Add, Concat, Flatten (a no-op on [batch, width]), and a Sub/Div scaling of the input';

const SIMPLE_ACTIVATIONS = new Map<string, ActivationName>([['Relu', 'relu'], ['Sigmoid', 'sigmoid'], ['Tanh', 'tanh'], ['Softplus', 'softplus']]);

/** The names torch.onnx.export gives every graph (1.x, 2.x): they say nothing, so the graph is named after its file. */
const GENERIC_GRAPH_NAMES = new Set(['torch_jit', 'main_graph', 'torch-jit-export']);

/** A value the layers compute: which ImportedModel value it is, its width, and (for a MatMul) the step awaiting its bias. */
interface TensorValue { ref: number; width: number; openBias?: number }

/** Reads an .onnx file's bytes; throws a ModelImportError whose message says what cannot be imported and why. */
export function importOnnx(bytes: Uint8Array, source: string): ImportedModel {
  return new LayerReader(checkOnnx(bytes, source)).read();
}

class LayerReader {
  private readonly steps: ImportedStep[] = [];
  /** The ONNX node each step came from, for messages. */
  private readonly stepNodes: number[] = [];
  private readonly values = new Map<string, TensorValue>();
  private readonly absorbed = new Set<number>();
  private normalization: ImportedNormalization | undefined;

  constructor(private readonly onnx: CheckedOnnx) {
    this.values.set(onnx.inputName, { ref: 0, width: onnx.featureWidth });
  }

  read(): ImportedModel {
    for (const index of this.onnx.order) if (!this.absorbed.has(index)) this.node(index);
    const { source, outputName } = this.onnx;
    const output = this.values.get(outputName);
    if (output === undefined) throw new ModelImportError(`${source}: the output ${quoteName(outputName)} is a constant, not computed from the input`);
    if (output.ref === 0) throw new ModelImportError(`${source}: the output ${quoteName(outputName)} is the input itself; the model has no layers`);
    this.checkAllReachOutput(output.ref);
    const name = this.onnx.name !== undefined && !GENERIC_GRAPH_NAMES.has(this.onnx.name) ? this.onnx.name : undefined;
    return {
      source, featureWidth: this.onnx.featureWidth, steps: this.steps, output: output.ref,
      ...(name !== undefined ? { name } : {}),
      ...(this.normalization ? { normalization: this.normalization } : {}),
    };
  }

  private fail(index: number, why: string): never {
    throw new ModelImportError(`${this.onnx.source}: ${this.onnx.describe(index)}: ${why}`);
  }

  private node(index: number): void {
    const node = this.onnx.nodes[index];
    const op = node.opType ?? '';
    const domain = node.domain ?? '';
    if (domain !== '' && domain !== 'ai.onnx' && !(domain === 'com.microsoft' && op === 'Gelu')) {
      this.fail(index, `an op of the domain ${quoteName(domain)}, which NN Graph does not read; it imports ${SUPPORTED_ONNX_OPS}`);
    }
    const simple = SIMPLE_ACTIVATIONS.get(op);
    if (simple !== undefined) return this.activation(index, simple, 0);
    switch (op) {
      case 'Constant': return; // read with the initializers (onnxModel.ts)
      case 'Gemm': return this.gemm(index);
      case 'MatMul': return this.matMul(index);
      case 'Add': return this.addNode(index);
      case 'Softmax': return this.softmax(index);
      case 'LeakyRelu': return this.activation(index, 'leaky_relu', this.floatAttribute(node, 'alpha', 0.01));
      case 'Elu': return this.activation(index, 'elu', this.floatAttribute(node, 'alpha', 1));
      case 'Gelu': return this.gelu(index);
      case 'Identity': return this.identity(index);
      case 'Dropout': return this.dropout(index);
      case 'Concat': return this.concat(index);
      case 'Flatten': return this.flatten(index);
      case 'Sub': return this.inputScaling(index);
      case 'Div':
        if (this.erfGelu(index)) return;
        return this.fail(index, 'a Div that is neither part of GELU\'s Erf form nor the second half of a Sub/Div scaling of the input');
      default:
        return this.fail(index, `${op || 'a node without an op type'} is not a layer NN Graph has; it imports ${SUPPORTED_ONNX_OPS}`);
    }
  }

  // --- reading inputs and attributes -------------------------------------------------------------------------

  private tensorInput(index: number, position: number): TensorValue {
    const name = this.onnx.nodes[index].input?.[position] ?? '';
    const value = this.values.get(name);
    if (value === undefined) {
      const what = name === '' ? `has no input ${position + 1}` : `reads the constant ${quoteName(name)} as input ${position + 1}, where NN Graph needs a value computed from the features`;
      this.fail(index, what);
    }
    return value;
  }

  private constInput(index: number, position: number, role: string): ConstTensor {
    const name = this.onnx.nodes[index].input?.[position] ?? '';
    const value = this.onnx.constants.get(name);
    if (value === undefined) this.fail(index, `its ${role} ${name === '' ? 'is missing' : `${quoteName(name)} is computed, not a constant`}; NN Graph imports fixed weights only`);
    return value;
  }

  private attribute(node: ReadNode, name: string): ReadAttribute | undefined {
    return (node.attribute ?? []).find((attribute) => attribute.name === name);
  }

  // A present attribute without its value holds zero: protobuf writers may leave out fields that equal their default.
  private floatAttribute(node: ReadNode, name: string, fallback: number): number {
    const attribute = this.attribute(node, name);
    return attribute === undefined ? fallback : attribute.f ?? 0;
  }

  private intAttribute(node: ReadNode, name: string, fallback: number): number {
    const attribute = this.attribute(node, name);
    return attribute === undefined ? fallback : attribute.i ?? 0;
  }

  private output(index: number): string {
    const name = this.onnx.nodes[index].output?.[0] ?? '';
    if (name === '') this.fail(index, 'it writes no value');
    return name;
  }

  private onlyConsumer(name: string, op: string): number | undefined {
    const readers = this.onnx.consumers.get(name);
    if (readers?.length !== 1 || name === this.onnx.outputName) return undefined;
    return this.onnx.nodes[readers[0]].opType === op ? readers[0] : undefined;
  }

  /** The input of a two-input node that is not `name`. */
  private otherInput(index: number, name: string): string | undefined {
    const inputs = this.onnx.nodes[index].input ?? [];
    if (inputs.length !== 2) return undefined;
    return inputs[0] === name ? inputs[1] : inputs[1] === name ? inputs[0] : undefined;
  }

  private scalarConstant(name: string | undefined): number | undefined {
    const value = name === undefined ? undefined : this.onnx.constants.get(name);
    return value?.values.length === 1 ? value.values[0] : undefined;
  }

  // --- adding steps --------------------------------------------------------------------------------------------

  private addStep(index: number, layer: ImportedLayer, inputs: number[], width: number, sourceName?: string): TensorValue {
    const node = this.onnx.nodes[index];
    this.steps.push({ sourceName: sourceName ?? (node.name || node.output?.[0] || node.opType || 'layer'), layer, inputs });
    this.stepNodes.push(index);
    return { ref: this.steps.length, width };
  }

  private activation(index: number, fn: ActivationName, alpha: number): void {
    if (!Number.isFinite(alpha)) this.fail(index, `its alpha is ${alpha}, not a finite number`);
    const input = this.tensorInput(index, 0);
    this.values.set(this.output(index), this.addStep(index, { kind: 'activation', fn, alpha }, [input.ref], input.width));
  }

  private softmax(index: number): void {
    const axis = this.intAttribute(this.onnx.nodes[index], 'axis', this.onnx.opset >= 13 ? -1 : 1);
    if (axis !== 1 && axis !== -1) this.fail(index, `a softmax over axis ${axis}; NN Graph's softmax runs over the last axis (1 or -1) of [batch, width]`);
    this.activation(index, 'softmax', 0);
  }

  private gelu(index: number): void {
    const approximate = this.attribute(this.onnx.nodes[index], 'approximate')?.s;
    const text = approximate === undefined ? 'none' : new TextDecoder().decode(approximate);
    if (text !== 'none') this.fail(index, `GELU with approximate=${quoteName(text)}; NN Graph's gelu is the exact (erf) form`);
    this.activation(index, 'gelu', 0);
  }

  /** The Identity that names the model's output is plumbing (NN Graph's own export ends in one); any other is a linear activation. */
  private identity(index: number): void {
    const output = this.output(index);
    if (output === this.onnx.outputName) {
      this.values.set(output, this.tensorInput(index, 0));
      return;
    }
    this.activation(index, 'linear', 0);
  }

  private dropout(index: number): void {
    const node = this.onnx.nodes[index];
    const mask = node.output?.[1];
    if (mask !== undefined && mask !== '' && this.onnx.consumers.has(mask)) this.fail(index, 'its mask output is read by another node; NN Graph\'s dropout has no mask output');
    const ratioName = node.input?.[1];
    const rate = this.onnx.opset < 12
      ? this.floatAttribute(node, 'ratio', 0.5)
      : ratioName === undefined || ratioName === '' ? 0.5 : this.scalarConstant(ratioName);
    if (rate === undefined || !(rate >= 0 && rate < 1)) this.fail(index, `its ratio ${rate === undefined ? 'is not a constant scalar' : `is ${rate}`}; a dropout rate is a constant in [0, 1)`);
    const input = this.tensorInput(index, 0);
    this.values.set(this.output(index), this.addStep(index, { kind: 'dropout', rate }, [input.ref], input.width));
  }

  private concat(index: number): void {
    const node = this.onnx.nodes[index];
    const axis = this.attribute(node, 'axis') === undefined ? undefined : this.intAttribute(node, 'axis', 0);
    if (axis !== 1 && axis !== -1) this.fail(index, `a concatenation along axis ${String(axis)}; NN Graph joins [batch, width] values along the last axis (1 or -1)`);
    const count = (node.input ?? []).length;
    if (count === 0) this.fail(index, 'it joins nothing');
    let joined = this.tensorInput(index, 0);
    for (let position = 1; position < count; position++) {
      const next = this.tensorInput(index, position);
      const name = position === count - 1 ? undefined : `${node.name || 'concat'}_${position}`;
      joined = this.addStep(index, { kind: 'concat' }, [joined.ref, next.ref], joined.width + next.width, name);
    }
    this.values.set(this.output(index), joined);
  }

  /** nn.Flatten before the first layer: on [batch, width] rows, Flatten from axis 1 changes nothing. */
  private flatten(index: number): void {
    const axis = this.intAttribute(this.onnx.nodes[index], 'axis', 1);
    if (axis !== 1 && axis !== -1) this.fail(index, `a Flatten from axis ${axis}; on [batch, width] rows only axis 1 (a no-op) can be imported`);
    this.values.set(this.output(index), this.tensorInput(index, 0));
  }

  private addNode(index: number): void {
    const node = this.onnx.nodes[index];
    const [first, second] = node.input ?? [];
    const a = this.values.get(first ?? '');
    const b = this.values.get(second ?? '');
    if (a !== undefined && b !== undefined) {
      if (a.width !== b.width) this.fail(index, `it adds values of widths ${a.width} and ${b.width}; NN Graph's add needs equal widths (no broadcasting)`);
      this.values.set(this.output(index), this.addStep(index, { kind: 'add' }, [a.ref, b.ref], a.width));
      return;
    }
    const [value, valueName, constantPosition]: [TensorValue | undefined, string | undefined, number] = a !== undefined ? [a, first, 1] : [b, second, 0];
    if (value === undefined) this.fail(index, 'it adds two constants; NN Graph imports layers computed from the features');
    if (value.openBias === undefined || this.onnx.consumers.get(valueName ?? '')?.length !== 1) {
      this.fail(index, 'it adds a constant to a value that is not a MatMul\'s result; only a MatMul + Add pair (a dense layer\'s bias) can be imported');
    }
    const step = this.steps[value.openBias - 1].layer as Extract<ImportedLayer, { kind: 'dense' }>;
    step.bias = this.biasOf(index, this.constInput(index, constantPosition, 'bias'), step.units, 1);
    this.values.set(this.output(index), { ref: value.ref, width: value.width });
  }

  private gemm(index: number): void {
    const node = this.onnx.nodes[index];
    if (this.intAttribute(node, 'transA', 0) !== 0) this.fail(index, 'transA=1 transposes the batch away; NN Graph\'s dense layer reads [batch, width] rows');
    const transB = this.intAttribute(node, 'transB', 0) !== 0;
    const alpha = this.floatAttribute(node, 'alpha', 1);
    const beta = this.floatAttribute(node, 'beta', 1);
    const input = this.tensorInput(index, 0);
    const weight = this.constInput(index, 1, 'weight B');
    const units = this.checkWeight(index, weight, input.width, transB);
    const kernel = new Float32Array(input.width * units);
    const rows = input.width;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < units; c++) kernel[r * units + c] = alpha * weight.values[transB ? c * rows + r : r * units + c];
    }
    const biasName = node.input?.[2];
    const bias = biasName === undefined || biasName === '' ? null : this.biasOf(index, this.constInput(index, 2, 'bias C'), units, beta);
    this.denseStep(index, input, { kind: 'dense', units, kernel, bias });
  }

  private matMul(index: number): void {
    const input = this.tensorInput(index, 0);
    const weight = this.constInput(index, 1, 'weight');
    const units = this.checkWeight(index, weight, input.width, false);
    const value = this.denseStep(index, input, { kind: 'dense', units, kernel: Float32Array.from(weight.values), bias: null });
    value.openBias = value.ref;
  }

  private denseStep(index: number, input: TensorValue, layer: Extract<ImportedLayer, { kind: 'dense' }>): TensorValue {
    if (layer.kernel) this.checkFinite(index, layer.kernel, 'weight');
    if (layer.bias) this.checkFinite(index, layer.bias, 'bias');
    const value = this.addStep(index, layer, [input.ref], layer.units);
    this.values.set(this.output(index), value);
    return value;
  }

  /** The units of a [in, units] weight (or [units, in] transposed) that reads `width` values. */
  private checkWeight(index: number, weight: ConstTensor, width: number, transposed: boolean): number {
    if (weight.dims.length !== 2) this.fail(index, `its weight has dims [${weight.dims.join(', ')}]; a dense layer's weight is a matrix`);
    const [inputs, units] = transposed ? [weight.dims[1], weight.dims[0]] : [weight.dims[0], weight.dims[1]];
    if (inputs !== width) this.fail(index, `its weight [${weight.dims.join(', ')}] reads ${inputs} values, but its input has width ${width}`);
    if (units < 1 || units > MAX_UNITS) this.fail(index, `${units} units; a dense layer has 1 to ${MAX_UNITS}`);
    return units;
  }

  /** A bias of `units` values (or one, broadcast), times `scale` (Gemm's beta). */
  private biasOf(index: number, bias: ConstTensor, units: number, scale: number): Float32Array {
    const rowShaped = bias.dims.length <= 1 || (bias.dims.length === 2 && bias.dims[0] === 1);
    if (!rowShaped || (bias.values.length !== units && bias.values.length !== 1)) {
      this.fail(index, `its bias has dims [${bias.dims.join(', ')}]; a dense layer of ${units} units takes ${units} bias values (one per unit, the same for every row)`);
    }
    const values = new Float32Array(units);
    for (let u = 0; u < units; u++) values[u] = scale * bias.values[bias.values.length === 1 ? 0 : u];
    return values;
  }

  private checkFinite(index: number, values: Float32Array, what: string): void {
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) this.fail(index, `its ${what} holds ${values[bad]} at position ${bad}; weights must be finite numbers`);
  }

  // --- patterns ------------------------------------------------------------------------------------------------

  /** NN Graph's own export scales raw features first: Sub(input, offset) → Div(·, scale), one value per feature. */
  private inputScaling(index: number): void {
    const node = this.onnx.nodes[index];
    const width = this.onnx.featureWidth;
    const explain = 'NN Graph reads Sub only as the first half of a Sub/Div scaling of the raw input (as its own ONNX export writes)';
    if (node.input?.[0] !== this.onnx.inputName || this.onnx.consumers.get(this.onnx.inputName)?.length !== 1 || this.normalization) this.fail(index, explain);
    const offset = this.constInput(index, 1, 'offset');
    const centred = this.output(index);
    const div = this.onlyConsumer(centred, 'Div');
    if (div === undefined || offset.values.length !== width || this.onnx.nodes[div].input?.[0] !== centred) this.fail(index, explain);
    const scale = this.constInput(div, 1, 'scale');
    if (scale.values.length !== width) this.fail(div, `its scale has ${scale.values.length} values for ${width} features`);
    this.checkFinite(index, offset.values, 'offset');
    this.checkFinite(div, scale.values, 'scale');
    if (scale.values.some((value) => value === 0)) this.fail(div, 'its scale divides by zero');
    this.normalization = { offset: Float32Array.from(offset.values), scale: Float32Array.from(scale.values) };
    this.absorbed.add(div);
    this.values.set(this.output(div), { ref: 0, width });
  }

  /** GELU as PyTorch 1.13 exports it: x / √2 → Erf → + 1 → x · (·) → (·) · 0.5. */
  private erfGelu(index: number): boolean {
    const div = this.onnx.nodes[index];
    const x = div.input?.[0] ?? '';
    const input = this.values.get(x);
    const divisor = this.scalarConstant(div.input?.[1]);
    if (input === undefined || divisor === undefined || Math.abs(divisor - Math.SQRT2) > 1e-4) return false;
    const erf = this.onlyConsumer(div.output?.[0] ?? '', 'Erf');
    const erfOut = erf === undefined ? '' : this.onnx.nodes[erf].output?.[0] ?? '';
    const plusOne = erf === undefined ? undefined : this.onlyConsumer(erfOut, 'Add');
    if (plusOne === undefined || this.scalarConstant(this.otherInput(plusOne, erfOut)) !== 1) return false;
    const plusOneOut = this.onnx.nodes[plusOne].output?.[0] ?? '';
    const times = this.onlyConsumer(plusOneOut, 'Mul');
    if (times === undefined || this.otherInput(times, plusOneOut) !== x) return false;
    const timesOut = this.onnx.nodes[times].output?.[0] ?? '';
    const half = this.onlyConsumer(timesOut, 'Mul');
    if (half === undefined || this.scalarConstant(this.otherInput(half, timesOut)) !== 0.5) return false;
    for (const absorbed of [erf as number, plusOne, times, half]) this.absorbed.add(absorbed);
    // Five nodes make one layer, none of whose names (Div, Erf, Mul…) says what it is.
    this.values.set(this.output(half), this.addStep(index, { kind: 'activation', fn: 'gelu', alpha: 0 }, [input.ref], input.width, 'gelu'));
    return true;
  }

  /** Every layer must lie on the way to the output: the graph holds no dead ends, and nothing is dropped silently. */
  private checkAllReachOutput(output: number): void {
    const reaches = new Uint8Array(this.steps.length + 1);
    reaches[output] = 1;
    for (let value = output; value >= 1; value--) {
      if (reaches[value] === 1) for (const input of this.steps[value - 1].inputs) reaches[input] = 1;
    }
    const dead = this.steps.findIndex((_, step) => reaches[step + 1] === 0);
    if (dead >= 0) {
      this.fail(this.stepNodes[dead], `its result never reaches the output ${quoteName(this.onnx.outputName)}; a graph holds only the layers on the way from the features to the output`);
    }
  }
}
