// The structure of a Keras model config (a Sequential or a functional model, in the Keras 2 / TF.js form or the
// Keras 3 one): its layers, each after the layers it reads, its one input with the feature width, and its one output.
// Layer settings are not read here (kerasLayers.ts does that); only names, classes and connections.
import { MAX_UNITS } from '../nodeTypes';
import { describe, field, importError, isRecord, quote, type JsonRecord } from './kerasJson';

export interface KerasLayer {
  name: string;
  className: string;
  config: JsonRecord;
  /** The names of the layers it reads, in call order; the model's input is `inputName`. */
  inputs: string[];
  /** Where it sits, for messages: `layer 3 of 7 of the Functional model "m", reading "dense_1"`. */
  where: string;
}

export interface KerasStructure {
  featureWidth: number;
  /** The model input's name: an InputLayer's, or '' for a Sequential model without one. */
  inputName: string;
  /** Every layer but the input, each after the layers it reads. */
  layers: KerasLayer[];
  outputName: string;
}

/** More layers than a graph editor can lay out is not a model anyone edits by hand; refused before any work. */
export const MAX_KERAS_LAYERS = 10_000;

interface LayerEntry { name: string; className: string; config: JsonRecord; entry: JsonRecord; index: number }

export function readKerasStructure(topology: unknown, source: string): KerasStructure {
  const fail = (message: string): never => { throw importError(source, message); };
  const className = field(topology, 'class_name');
  const config = field(topology, 'config');
  if (typeof className !== 'string') return fail('the model has no class_name: not a Keras model config');
  if (className === 'Sequential') return readSequential(config, source);
  if (className === 'Functional' || className === 'Model') return readFunctional(config, className, source);
  return fail(`the model's class is ${quote(className)}; Sequential and functional (Functional, Model) models can be imported`);
}

function layerEntries(list: unknown, owner: string, source: string): LayerEntry[] {
  const fail = (message: string): never => { throw importError(source, message); };
  if (!Array.isArray(list)) return fail(`${owner} has no list of layers`);
  if (list.length === 0) return fail(`${owner} has no layers`);
  if (list.length > MAX_KERAS_LAYERS) return fail(`${owner} has ${list.length} layers, more than the ${MAX_KERAS_LAYERS} an import reads`);
  return list.map((entry: unknown, index) => {
    const at = `layer ${index + 1} of ${list.length} of ${owner}`;
    if (!isRecord(entry)) return fail(`${at} is ${describe(entry)}, not a layer`);
    const config = field(entry, 'config');
    const className = field(entry, 'class_name');
    const name = field(entry, 'name') ?? field(config, 'name');
    if (typeof className !== 'string') return fail(`${at} has no class_name`);
    if (!isRecord(config)) return fail(`${at} (${quote(className)}) has no config`);
    if (typeof name !== 'string' || name === '') return fail(`${at} (${quote(className)}) has no name`);
    return { name, className, config, entry, index };
  });
}

/** The feature width from a [batch, features] shape; anything with more dimensions is not a row of features. */
function featureWidthOf(shape: unknown, what: string, source: string): number {
  const fail = (message: string): never => { throw importError(source, message); };
  if (!Array.isArray(shape)) return fail(`${what} has no input shape (batch_input_shape or batch_shape)`);
  if (shape.length !== 2) {
    return fail(`${what} has the input shape ${describe(shape)}: only flat rows of features, [batch, features], can be imported`);
  }
  const width: unknown = shape[1];
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 1) {
    return fail(`${what} has the input shape ${describe(shape)}: the feature count must be a whole number ≥ 1`);
  }
  if (width > MAX_UNITS) return fail(`${what} reads ${width} features, more than the ${MAX_UNITS} a graph's input holds`);
  return width;
}

function declaredShape(config: JsonRecord): unknown {
  return field(config, 'batch_input_shape') ?? field(config, 'batch_shape');
}

function readSequential(config: unknown, source: string): KerasStructure {
  const name = field(config, 'name');
  const owner = `the Sequential model${typeof name === 'string' ? ` ${quote(name)}` : ''}`;
  // Keras before 2.2 wrote a Sequential model's config as the bare list of its layers.
  const entries = layerEntries(Array.isArray(config) ? config : field(config, 'layers'), owner, source);
  const first = entries[0];
  const hasInputLayer = first.className === 'InputLayer';
  const shape = declaredShape(first.config) ?? field(config, 'build_input_shape');
  const featureWidth = featureWidthOf(shape, owner, source);
  const inputName = hasInputLayer ? first.name : '';
  const layers: KerasLayer[] = [];
  let previous = inputName;
  for (const entry of hasInputLayer ? entries.slice(1) : entries) {
    const after = previous === '' ? 'the input' : quote(previous);
    layers.push({
      name: entry.name, className: entry.className, config: entry.config, inputs: [previous],
      where: `layer ${entry.index + 1} of ${entries.length} of ${owner}, after ${after}`,
    });
    previous = entry.name;
  }
  if (layers.length === 0) throw importError(source, `${owner} has only its input layer`);
  return { featureWidth, inputName, layers, outputName: previous };
}

interface TensorRef { layer: string; nodeIndex: number; tensorIndex: number }

function readFunctional(config: unknown, className: string, source: string): KerasStructure {
  const fail = (message: string): never => { throw importError(source, message); };
  const modelName = field(config, 'name');
  const owner = `the functional model${typeof modelName === 'string' ? ` ${quote(modelName)}` : ''}`;
  const entries = layerEntries(field(config, 'layers'), owner, source);
  const byName = new Map<string, LayerEntry>();
  for (const entry of entries) {
    if (byName.has(entry.name)) fail(`${owner} has two layers named ${quote(entry.name)} (layers ${(byName.get(entry.name)?.index ?? 0) + 1} and ${entry.index + 1})`);
    byName.set(entry.name, entry);
  }
  const input = onlyTensor(field(config, 'input_layers'), `${owner}'s input_layers`, 'input', source);
  const output = onlyTensor(field(config, 'output_layers'), `${owner}'s output_layers`, 'output', source);
  const inputEntry = byName.get(input.layer);
  if (inputEntry === undefined) return fail(`${owner}'s input ${quote(input.layer)} is not one of its layers`);
  if (inputEntry.className !== 'InputLayer') return fail(`${owner}'s input ${quote(input.layer)} is a ${quote(inputEntry.className)}, not an InputLayer`);
  const featureWidth = featureWidthOf(declaredShape(inputEntry.config), `${owner}'s input ${quote(input.layer)}`, source);
  if (!byName.has(output.layer)) fail(`${owner}'s output ${quote(output.layer)} is not one of its layers`);
  if (output.layer === input.layer) fail(`${owner}'s output is its input: it has no layers`);
  const inputsOf = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.name === input.layer) continue;
    const at = `layer ${quote(entry.name)} (${entry.className}, layer ${entry.index + 1} of ${entries.length} of ${owner})`;
    if (entry.className === 'InputLayer') fail(`${at} is a second input; an imported model has one input`);
    const refs = inboundRefs(field(entry.entry, 'inbound_nodes'), at, source);
    for (const ref of refs) {
      const read = byName.get(ref.layer);
      if (read === undefined) fail(`${at} reads ${quote(ref.layer)}, which is not a layer of the model`);
      if (ref.nodeIndex !== 0 || ref.tensorIndex !== 0) {
        fail(`${at} reads output ${ref.tensorIndex} of call ${ref.nodeIndex} of ${quote(ref.layer)}: only layers called once, with one output, can be imported`);
      }
    }
    inputsOf.set(entry.name, refs.map((ref) => ref.layer));
  }
  const order = orderFromOutput(output.layer, input.layer, inputsOf, owner, source);
  const reached = new Set(order);
  for (const entry of entries) {
    if (entry.name !== input.layer && !reached.has(entry.name)) {
      fail(`layer ${quote(entry.name)} (${entry.className}, layer ${entry.index + 1} of ${entries.length} of ${owner}) does not lead to the output ${quote(output.layer)}; nothing is left out of an import`);
    }
  }
  const layers = order.map((name): KerasLayer => {
    const entry = byName.get(name) as LayerEntry;
    const inputs = inputsOf.get(name) ?? [];
    return {
      name, className: entry.className, config: entry.config, inputs,
      where: `layer ${entry.index + 1} of ${entries.length} of ${owner}, reading ${inputs.map(quote).join(', ') || 'nothing'}`,
    };
  });
  return { featureWidth, inputName: input.layer, layers, outputName: output.layer };
}

/** The one tensor of input_layers / output_layers: `[["name", 0, 0]]`, or Keras 3's bare `["name", 0, 0]`. */
function onlyTensor(value: unknown, what: string, role: string, source: string): TensorRef {
  const fail = (message: string): never => { throw importError(source, message); };
  const list = Array.isArray(value) && typeof value[0] === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) return fail(`${what} is missing`);
  if (list.length !== 1) return fail(`the model has ${list.length} ${role}s (${what}); an imported model has one ${role}`);
  const ref = tensorRef(list[0]);
  if (ref === undefined) return fail(`${what} holds ${describe(list[0])}, not ["layer name", 0, 0]`);
  if (ref.nodeIndex !== 0 || ref.tensorIndex !== 0) return fail(`${what} names output ${ref.tensorIndex} of call ${ref.nodeIndex} of ${quote(ref.layer)}: only layers called once, with one output, can be imported`);
  return ref;
}

/** `["name", nodeIndex, tensorIndex]` (Keras 2 adds a fourth item, the call's keyword arguments). */
function tensorRef(value: unknown): TensorRef | undefined {
  if (!Array.isArray(value) || value.length < 3 || value.length > 4) return undefined;
  const [layer, nodeIndex, tensorIndex] = value as unknown[];
  if (typeof layer !== 'string' || !Number.isInteger(nodeIndex) || !Number.isInteger(tensorIndex)) return undefined;
  return { layer, nodeIndex: nodeIndex as number, tensorIndex: tensorIndex as number };
}

/**
 * The tensors a layer's one call reads. Keras 2 and TF.js: `[[["name", 0, 0, {}], …]]`. Keras 3: `[{"args": [t] or
 * [[t, t]], "kwargs": {}}]` with t = `{"class_name": "__keras_tensor__", "config": {"keras_history": ["name", 0, 0]}}`.
 */
function inboundRefs(nodes: unknown, at: string, source: string): TensorRef[] {
  const fail = (message: string): never => { throw importError(source, message); };
  if (!Array.isArray(nodes)) return fail(`${at} has no inbound_nodes`);
  if (nodes.length === 0) return fail(`${at} is not connected to anything (its inbound_nodes is empty)`);
  if (nodes.length > 1) return fail(`${at} is called ${nodes.length} times (a shared layer); a graph's layers each have their own weights`);
  const node: unknown = nodes[0];
  const refs: TensorRef[] = [];
  if (Array.isArray(node)) {
    for (const item of node) {
      const ref = tensorRef(item);
      if (ref === undefined) return fail(`${at} has an inbound node ${describe(item)}, not ["layer name", 0, 0, {}]`);
      refs.push(ref);
    }
  } else if (isRecord(node) && Array.isArray(field(node, 'args'))) {
    collectKerasTensors(field(node, 'args'), refs, 0, at, source);
  } else {
    return fail(`${at} has an inbound node that is ${describe(node)}, neither a Keras 2 list nor a Keras 3 {"args": …}`);
  }
  if (refs.length === 0) return fail(`${at} reads no tensor`);
  return refs;
}

const MAX_ARGS_DEPTH = 4;

/** Keras 3 call arguments: tensors, or lists of them (a merge layer's one argument), collected in order. */
function collectKerasTensors(value: unknown, refs: TensorRef[], depth: number, at: string, source: string): void {
  if (Array.isArray(value)) {
    if (depth >= MAX_ARGS_DEPTH) throw importError(source, `${at} has call arguments nested too deeply`);
    for (const item of value) collectKerasTensors(item, refs, depth + 1, at, source);
    return;
  }
  if (!isRecord(value)) return; // a plain argument (a number, a flag) carries no tensor
  const history = field(field(value, 'config'), 'keras_history') ?? field(value, 'keras_history');
  if (history === undefined) {
    if (field(value, 'class_name') === '__keras_tensor__') throw importError(source, `${at} reads a tensor without a keras_history`);
    return;
  }
  const ref = tensorRef(history);
  if (ref === undefined) throw importError(source, `${at} reads a tensor whose keras_history is ${describe(history)}, not ["layer name", 0, 0]`);
  refs.push(ref);
}

/**
 * The layers the output depends on, each after those it reads (a depth-first walk kept on an explicit stack, so a
 * chain of thousands of layers cannot overflow the call stack); a cycle is refused with the layers on it.
 */
function orderFromOutput(
  outputName: string, inputName: string, inputsOf: ReadonlyMap<string, string[]>, owner: string, source: string,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>([[inputName, 'done']]);
  const stack: { name: string; next: number }[] = [];
  const enter = (name: string): void => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'open') {
      const cycle = stack.slice(stack.findIndex((frame) => frame.name === name)).map((frame) => quote(frame.name));
      throw importError(source, `${owner}'s layers form a cycle: ${[...cycle, quote(name)].join(' → ')} (each reads the next)`);
    }
    state.set(name, 'open');
    stack.push({ name, next: 0 });
  };
  enter(outputName);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const inputs = inputsOf.get(frame.name) ?? [];
    if (frame.next < inputs.length) {
      enter(inputs[frame.next++]);
      continue;
    }
    stack.pop();
    state.set(frame.name, 'done');
    order.push(frame.name);
  }
  // Every other layer reads at least one known layer and the only InputLayer is the model's, so every path back from
  // the output ends at the input: the output depends on it.
  return order;
}
