// An ONNX file decoded and checked as a graph before any layer is read from it: its one input and one output, its
// constants, which node writes each value and who reads it, and an order in which every node comes after the nodes
// it reads. Dangling names, values written twice and cycles become messages here, so the layer reader
// (onnxImport.ts) walks a graph that is known to be whole.
import { MAX_FEATURE_COUNT } from '../nodeTypes';
import { decodeOnnxModel } from '../onnxSchema';
import { ModelImportError } from './importedModel';
import { quoteName, readTensor, type ConstTensor, type ReadTensor } from './onnxTensors';

/** More nodes than any MLP has; a file with more is refused before it is walked. */
export const MAX_ONNX_NODES = 100_000;

export interface ReadAttribute { name?: string; type?: number; f?: number; i?: number; s?: Uint8Array; t?: ReadTensor; floats?: number[]; ints?: number[] }
export interface ReadNode { input?: string[]; output?: string[]; name?: string; opType?: string; domain?: string; attribute?: ReadAttribute[] }
interface ReadValueInfo {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: Array<{ dimValue?: number; dimParam?: string }> } } };
}
interface ReadGraph { node?: ReadNode[]; name?: string; initializer?: ReadTensor[]; input?: ReadValueInfo[]; output?: ReadValueInfo[] }
interface ReadModel { graph?: ReadGraph; opsetImport?: Array<{ domain?: string; version?: number }> }

export interface CheckedOnnx {
  source: string;
  name?: string;
  /** The default domain's opset (defaults changed between versions: Softmax's axis, Dropout's ratio). */
  opset: number;
  nodes: ReadNode[];
  inputName: string;
  featureWidth: number;
  outputName: string;
  /** Initializers and Constant nodes' values, by the name of the value they give. */
  constants: Map<string, ConstTensor>;
  /** Which node writes each value. */
  producer: Map<string, number>;
  /** Which nodes read each value (a node reading a value twice is listed twice). */
  consumers: Map<string, number[]>;
  /** Node indexes, every node after the nodes whose values it reads. */
  order: number[];
  /** `node "x" (Conv), 3rd of 7, reading "input"`: where a node sits, for messages. */
  describe(index: number): string;
}

function decode(bytes: Uint8Array, source: string): ReadModel {
  if (bytes.length === 0) throw new ModelImportError(`${source} is empty, not an ONNX model`);
  try {
    return decodeOnnxModel(bytes) as ReadModel;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelImportError(`${source} is not a readable ONNX model (a protobuf ModelProto): ${reason}; is the file complete?`);
  }
}

function defaultOpset(model: ReadModel): number {
  const entry = (model.opsetImport ?? []).find((item) => item.domain === undefined || item.domain === '' || item.domain === 'ai.onnx');
  return entry?.version !== undefined && Number.isSafeInteger(entry.version) && entry.version > 0 ? entry.version : 20;
}

/** The constants: initializers, then the value of every Constant node. */
function readConstants(graph: ReadGraph, nodes: readonly ReadNode[], source: string): Map<string, ConstTensor> {
  const constants = new Map<string, ConstTensor>();
  for (const tensor of graph.initializer ?? []) {
    const name = tensor.name ?? '';
    if (name === '') throw new ModelImportError(`${source}: an initializer has no name, so no node can read it`);
    if (constants.has(name)) throw new ModelImportError(`${source}: two initializers are named ${quoteName(name)}`);
    constants.set(name, readTensor(tensor, `${source}: the initializer ${quoteName(name)}`));
  }
  nodes.forEach((node, index) => {
    if (node.opType !== 'Constant') return;
    const output = node.output?.[0] ?? '';
    const what = `${source}: the Constant node ${quoteName(node.name ?? '')} (${index + 1} of ${nodes.length})`;
    if (output === '') throw new ModelImportError(`${what} gives no value`);
    if (constants.has(output)) throw new ModelImportError(`${what} gives ${quoteName(output)}, which an initializer already gives`);
    constants.set(output, constantValue(node, what));
  });
  return constants;
}

function constantValue(node: ReadNode, what: string): ConstTensor {
  for (const attribute of node.attribute ?? []) {
    switch (attribute.name) {
      case 'value':
        if (attribute.t) return readTensor(attribute.t, what);
        break;
      case 'value_float':
        return { dims: [], values: Float32Array.of(attribute.f ?? 0) };
      case 'value_floats':
        return { dims: [attribute.floats?.length ?? 0], values: Float32Array.from(attribute.floats ?? []) };
      case 'value_int':
        return { dims: [], values: Float32Array.of(attribute.i ?? 0) };
      case 'value_ints':
        return { dims: [attribute.ints?.length ?? 0], values: Float32Array.from(attribute.ints ?? []) };
      default:
        break;
    }
  }
  throw new ModelImportError(`${what} has no value NN Graph can read (value, value_float or value_floats)`);
}

/** The width of a [batch, width] float input; anything else gets a message. */
function inputWidth(input: ReadValueInfo, source: string): number {
  const name = quoteName(input.name ?? '');
  const tensorType = input.type?.tensorType;
  if (tensorType?.elemType !== undefined && tensorType.elemType !== 1) {
    throw new ModelImportError(`${source}: the input ${name} holds elements of ONNX type ${tensorType.elemType}; NN Graph reads float32 feature rows`);
  }
  const dims = tensorType?.shape?.dim;
  if (dims === undefined || dims.length !== 2) {
    const rank = dims === undefined ? 'an unknown shape' : `${dims.length} dimension${dims.length === 1 ? '' : 's'}`;
    throw new ModelImportError(`${source}: the input ${name} has ${rank}; NN Graph reads [batch, features] rows (an MLP on feature vectors)`);
  }
  const width = dims[1].dimValue;
  if (width === undefined || !Number.isSafeInteger(width) || width < 1 || width > MAX_FEATURE_COUNT) {
    const shown = width === undefined ? dims[1].dimParam ?? '?' : String(width);
    throw new ModelImportError(`${source}: the input ${name} has ${shown} features; NN Graph needs a fixed count from 1 to ${MAX_FEATURE_COUNT.toLocaleString('en-US')}`);
  }
  return width;
}

function theOne<T extends { name?: string }>(items: readonly T[], what: string, source: string): T {
  if (items.length !== 1) {
    const names = items.map((item) => quoteName(item.name ?? '')).join(', ');
    throw new ModelImportError(`${source} has ${items.length} ${what}s${names ? ` (${names})` : ''}; NN Graph imports a model with exactly one ${what}`);
  }
  return items[0];
}

/** Decodes the file and checks its wiring; throws a ModelImportError for anything that is not a whole graph. */
export function checkOnnx(bytes: Uint8Array, source: string): CheckedOnnx {
  const model = decode(bytes, source);
  const graph = model.graph;
  if (graph === undefined) throw new ModelImportError(`${source} holds no graph`);
  const nodes = graph.node ?? [];
  if (nodes.length > MAX_ONNX_NODES) throw new ModelImportError(`${source} has ${nodes.length} nodes, more than the ${MAX_ONNX_NODES} NN Graph imports`);
  const constants = readConstants(graph, nodes, source);
  const input = theOne((graph.input ?? []).filter((item) => !constants.has(item.name ?? '')), 'input', source);
  const inputName = input.name ?? '';
  const featureWidth = inputWidth(input, source);
  const outputName = theOne(graph.output ?? [], 'output', source).name ?? '';
  const describe = (index: number): string => describeNode(nodes, index);
  const producer = new Map<string, number>();
  const consumers = new Map<string, number[]>();
  nodes.forEach((node, index) => {
    for (const output of node.output ?? []) {
      if (output === '') continue;
      if (output === inputName || producer.has(output) || (constants.has(output) && node.opType !== 'Constant')) {
        throw new ModelImportError(`${source}: ${describe(index)} writes ${quoteName(output)}, which ${output === inputName ? 'is the input' : 'is already written elsewhere'}`);
      }
      producer.set(output, index);
    }
  });
  nodes.forEach((node, index) => {
    for (const name of node.input ?? []) {
      if (name === '') continue; // an optional input left out
      if (name !== inputName && !producer.has(name) && !constants.has(name)) {
        throw new ModelImportError(`${source}: ${describe(index)} reads ${quoteName(name)}, which no node, initializer or input gives`);
      }
      const readers = consumers.get(name);
      if (readers) readers.push(index);
      else consumers.set(name, [index]);
    }
  });
  if (outputName !== inputName && !producer.has(outputName)) {
    throw new ModelImportError(`${source}: the output ${quoteName(outputName)} is written by no node`);
  }
  const order = topologicalOrder(nodes, producer, source, describe);
  return {
    source, opset: defaultOpset(model), nodes, inputName, featureWidth, outputName, constants, producer, consumers, order, describe,
    ...(graph.name ? { name: graph.name } : {}),
  };
}

/** Kahn's algorithm, file order where free; a node left over lies on (or after) a cycle. */
function topologicalOrder(nodes: readonly ReadNode[], producer: ReadonlyMap<string, number>, source: string, describe: (index: number) => string): number[] {
  const pending = new Int32Array(nodes.length);
  const next: number[][] = nodes.map(() => []);
  nodes.forEach((node, index) => {
    for (const name of node.input ?? []) {
      const from = producer.get(name);
      if (from === undefined) continue;
      pending[index]++;
      next[from].push(index);
    }
  });
  const order: number[] = [];
  for (let index = 0; index < nodes.length; index++) if (pending[index] === 0) order.push(index);
  for (let head = 0; head < order.length; head++) {
    for (const after of next[order[head]]) if (--pending[after] === 0) order.push(after);
  }
  if (order.length < nodes.length) {
    const stuck = pending.findIndex((count) => count > 0);
    throw new ModelImportError(`${source}: ${describe(stuck)} lies on a cycle (it reads, through other nodes, its own result); a model must be acyclic`);
  }
  return order;
}

function ordinalOf(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function describeNode(nodes: readonly ReadNode[], index: number): string {
  const node = nodes[index];
  const label = node.name ? `node ${quoteName(node.name)}` : 'an unnamed node';
  const inputs = (node.input ?? []).filter((name) => name !== '').slice(0, 3).map(quoteName);
  const more = (node.input ?? []).filter((name) => name !== '').length > 3 ? ', …' : '';
  const reading = inputs.length > 0 ? `, reading ${inputs.join(', ')}${more}` : '';
  return `${label} (${node.opType || 'no op type'}), ${ordinalOf(index + 1)} of ${nodes.length}${reading}`;
}
