// Keras layers as the steps of an ImportedModel: InputLayer, Dense (its `activation` becomes a step of its own),
// Activation, Dropout, Add, Concatenate (last axis), and the activation layers ReLU, LeakyReLU, ELU and Softmax.
// Anything else is refused with the layer's name, class and place; nothing is dropped.
import type { ActivationName } from '../../core/index';
import { MAX_UNITS } from '../nodeTypes';
import { getOwn } from '../reader';
import type { ImportedLayer, ImportedModel, ImportedStep } from './importedModel';
import { describe, field, importError, numberSetting, quote, type JsonRecord } from './kerasJson';
import type { KerasLayer, KerasStructure } from './kerasStructure';
import type { ModelWeights } from './kerasWeights';

/** What each class reads as; the list in messages is derived from it. */
const LAYER_READERS: ReadonlyMap<string, (layer: KerasLayer, context: LayerContext) => void> = new Map([
  ['Dense', readDense],
  ['Activation', (layer: KerasLayer, context: LayerContext) => { addActivation(context, layer.name, activationOf(layer.config, 'activation', context)); }],
  ['ReLU', readRelu],
  ['LeakyReLU', (layer: KerasLayer, context: LayerContext) => {
    // Keras 2 and TF.js call the slope alpha, Keras 3 negative_slope; both default to 0.3.
    const key = getOwn(layer.config, 'negative_slope') !== undefined ? 'negative_slope' : 'alpha';
    addActivation(context, layer.name, { fn: 'leaky_relu', alpha: numberSetting(layer.config, key, 0.3, context.fail) });
  }],
  ['ELU', (layer: KerasLayer, context: LayerContext) => {
    addActivation(context, layer.name, { fn: 'elu', alpha: numberSetting(layer.config, 'alpha', 1, context.fail) });
  }],
  ['Softmax', (layer: KerasLayer, context: LayerContext) => {
    checkLastAxis(layer.config, context);
    addActivation(context, layer.name, { fn: 'softmax', alpha: 0 });
  }],
  ['Dropout', readDropout],
  ['Add', (layer: KerasLayer, context: LayerContext) => { readMerge(layer, context, 'add'); }],
  ['Concatenate', (layer: KerasLayer, context: LayerContext) => {
    checkLastAxis(layer.config, context);
    readMerge(layer, context, 'concat');
  }],
]);

/** Keras' activation names that mean one of ours; Keras 3's leaky_relu function defaults to a slope of 0.2. */
const KERAS_ACTIVATIONS: ReadonlyMap<string, Activation> = new Map<string, Activation>([
  ['relu', { fn: 'relu', alpha: 0 }], ['sigmoid', { fn: 'sigmoid', alpha: 0 }], ['tanh', { fn: 'tanh', alpha: 0 }],
  ['softmax', { fn: 'softmax', alpha: 0 }], ['elu', { fn: 'elu', alpha: 1 }], ['gelu', { fn: 'gelu', alpha: 0 }],
  ['softplus', { fn: 'softplus', alpha: 0 }], ['leaky_relu', { fn: 'leaky_relu', alpha: 0.2 }], ['linear', { fn: 'linear', alpha: 0 }],
]);

interface Activation { fn: ActivationName; alpha: number }

interface LayerContext {
  steps: ImportedStep[];
  /** The width of each value: [0] is the feature count, [i + 1] step i's output. */
  widths: number[];
  /** The value each Keras layer's output is. */
  valueOf: Map<string, number>;
  /** Every source name handed out, so that the steps a layer becomes get names no other layer has. */
  usedNames: Set<string>;
  weights: ModelWeights | undefined;
  layer: KerasLayer;
  fail: (message: string) => never;
}

export function importedModelOf(structure: KerasStructure, weights: ModelWeights | undefined, source: string): ImportedModel {
  const context: LayerContext = {
    steps: [], widths: [structure.featureWidth], valueOf: new Map([[structure.inputName, 0]]),
    usedNames: new Set([structure.inputName, ...structure.layers.map((layer) => layer.name)]),
    weights, layer: structure.layers[0], fail: (message) => { throw importError(source, message); },
  };
  for (const layer of structure.layers) {
    const at = `layer ${quote(layer.name)} (${layer.className}, ${layer.where})`;
    context.layer = layer;
    context.fail = (message) => { throw importError(source, `${at}: ${message}`); };
    const read = LAYER_READERS.get(layer.className);
    if (read === undefined) {
      const known = ['InputLayer (the model\'s one input)', ...LAYER_READERS.keys()].join(', ');
      throw importError(source, `${at} cannot be imported: a graph holds ${known}`);
    }
    read(layer, context);
    context.valueOf.set(layer.name, context.steps.length);
  }
  if (weights !== undefined) {
    const left = weights.untaken();
    if (left.length > 0) {
      throw importError(source, `the weightsManifest lists ${left.length} weight${left.length === 1 ? '' : 's'} no imported layer holds: ${left.slice(0, 5).map(quote).join(', ')}${left.length > 5 ? ', …' : ''}`);
    }
  }
  return { source, featureWidth: structure.featureWidth, steps: context.steps, output: valueIndex(context, structure.outputName) };
}

function valueIndex(context: LayerContext, name: string): number {
  const value = context.valueOf.get(name);
  // The structure puts every layer after the ones it reads, so this is a broken invariant, not bad input.
  if (value === undefined) throw new Error(`kerasImport: layer ${quote(name)} read before it was imported`);
  return value;
}

function addStep(context: LayerContext, sourceName: string, layer: ImportedLayer, inputs: number[], width: number): number {
  // Only a concat can grow a value past a dense layer's widest; a graph holds no wider value.
  if (width > MAX_UNITS) context.fail(`its output is ${width} wide, more than the ${MAX_UNITS} a graph's values hold`);
  context.steps.push({ sourceName, layer, inputs });
  context.widths.push(width);
  return context.steps.length;
}

/** A name for an extra step of a layer (its activation, a part of a merge) that no layer of the model has. */
function freshName(context: LayerContext, base: string): string {
  let name = base;
  for (let n = 2; context.usedNames.has(name); n++) name = `${base}_${n}`;
  context.usedNames.add(name);
  return name;
}

function onlyInput(context: LayerContext): number {
  const { inputs } = context.layer;
  if (inputs.length !== 1) context.fail(`it reads ${inputs.length} tensors; this layer reads one`);
  return valueIndex(context, inputs[0]);
}

function addActivation(context: LayerContext, name: string, activation: Activation): void {
  const input = onlyInput(context);
  addStep(context, name, { kind: 'activation', fn: activation.fn, alpha: activation.alpha }, [input], context.widths[input]);
}

function activationOf(config: JsonRecord, key: string, context: LayerContext): Activation {
  const name = getOwn(config, key) ?? 'linear';
  if (typeof name !== 'string') return context.fail(`its ${key} is ${describe(name)}, not the name of an activation`);
  const activation = KERAS_ACTIVATIONS.get(name);
  if (activation === undefined) return context.fail(`its activation ${quote(name)} has no counterpart in a graph (${[...KERAS_ACTIVATIONS.keys()].join(', ')})`);
  return activation;
}

function readDense(layer: KerasLayer, context: LayerContext): void {
  const input = onlyInput(context);
  const inputWidth = context.widths[input];
  const units = getOwn(layer.config, 'units');
  if (typeof units !== 'number' || !Number.isInteger(units) || units < 1 || units > MAX_UNITS) {
    context.fail(`its units is ${describe(units)}, not a whole number from 1 to ${MAX_UNITS}`);
  }
  const width = units as number;
  const useBias = getOwn(layer.config, 'use_bias') ?? true;
  if (typeof useBias !== 'boolean') context.fail(`its use_bias is ${describe(useBias)}, not true or false`);
  const activation = activationOf(layer.config, 'activation', context);
  const dense: ImportedLayer = useBias === true ? { kind: 'dense', units: width } : { kind: 'dense', units: width, bias: null };
  if (context.weights !== undefined) {
    dense.kernel = weightOf(context, 'kernel', [inputWidth, width]);
    if (useBias === true) dense.bias = weightOf(context, 'bias', [width]);
  }
  const value = addStep(context, layer.name, dense, [input], width);
  if (activation.fn !== 'linear') {
    addStep(context, freshName(context, `${layer.name}_${activation.fn}`), { kind: 'activation', ...activation }, [value], width);
  }
}

function weightOf(context: LayerContext, weight: string, shape: number[]): Float32Array {
  const tensor = context.weights?.take(context.layer.name, weight);
  if (tensor === undefined) return context.fail(`the weightsManifest has no ${weight} for it (${quote(`${context.layer.name}/${weight}`)})`);
  if (tensor.shape.length !== shape.length || tensor.shape.some((size, i) => size !== shape[i])) {
    return context.fail(`its ${weight} ${quote(tensor.name)} has the shape ${describe(tensor.shape)}, where ${describe(shape)} fits the layer`);
  }
  return tensor.data;
}

function readRelu(layer: KerasLayer, context: LayerContext): void {
  const maxValue = getOwn(layer.config, 'max_value');
  if (maxValue !== undefined && maxValue !== null) context.fail(`its max_value ${describe(maxValue)} caps the output, which a graph's relu does not`);
  if (numberSetting(layer.config, 'threshold', 0, context.fail) !== 0) context.fail('its threshold is not 0, which a graph\'s relu needs');
  const slope = numberSetting(layer.config, 'negative_slope', 0, context.fail);
  addActivation(context, layer.name, slope === 0 ? { fn: 'relu', alpha: 0 } : { fn: 'leaky_relu', alpha: slope });
}

function readDropout(layer: KerasLayer, context: LayerContext): void {
  const rate = getOwn(layer.config, 'rate');
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) context.fail(`its rate is ${describe(rate)}, not a number in [0, 1)`);
  const noiseShape = getOwn(layer.config, 'noise_shape');
  if (noiseShape !== undefined && noiseShape !== null) context.fail('it has a noise_shape, which a graph\'s dropout does not');
  const input = onlyInput(context);
  addStep(context, layer.name, { kind: 'dropout', rate: rate as number }, [input], context.widths[input]);
}

/** A graph's concat joins rows side by side, Keras' last axis; a [batch, width] value's axis 1 is the same one. */
function checkLastAxis(config: JsonRecord, context: LayerContext): void {
  const axis = getOwn(config, 'axis') ?? -1;
  const single = Array.isArray(axis) && axis.length === 1 ? (axis as unknown[])[0] : axis;
  if (single !== -1 && single !== 1) context.fail(`its axis is ${describe(axis)}; only the last axis (-1) can be imported`);
}

/** Add and Concatenate of n inputs as n − 1 two-input steps, the last of them under the layer's own name. */
function readMerge(layer: KerasLayer, context: LayerContext, kind: 'add' | 'concat'): void {
  if (layer.inputs.length < 2) context.fail(`it reads ${layer.inputs.length} tensor${layer.inputs.length === 1 ? '' : 's'}; a merge reads at least two`);
  const values = layer.inputs.map((name) => valueIndex(context, name));
  let value = values[0];
  for (let i = 1; i < values.length; i++) {
    const [left, right] = [context.widths[value], context.widths[values[i]]];
    if (kind === 'add' && left !== right) {
      context.fail(`it adds tensors of widths ${values.map((v) => context.widths[v]).join(', ')}; Add needs one width`);
    }
    const width = kind === 'add' ? left : left + right;
    const name = i === values.length - 1 ? layer.name : freshName(context, `${layer.name}_part${i}`);
    value = addStep(context, name, { kind }, [value, values[i]], width);
  }
}
