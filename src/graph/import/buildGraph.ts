// ImportedModel → the text of a .nngraph (canonical, laid out by the auto-layout) and its weights, the one builder
// every importer shares. The graph is valid as written: its input node carries the model's feature width
// (`featureCount`) when no dataset is named, its loss fits the output (softmax → categorical cross-entropy, sigmoid →
// binary, anything else → MSE), and its weights use the tensor names of the format page.
import type { NamedTensor } from '../../core/index';
import { formatGraphText, type JsonObject, type JsonValue } from '../format';
import { layoutPositions } from '../layout';
import { NODE_TYPES } from '../nodeTypes';
import { FORMAT_VERSION } from '../reader';
import { GRAPH_TEMPLATES } from '../templates';
import { IdAllocator } from './importIds';
import { ModelImportError, type ImportedLayer, type ImportedModel } from './importedModel';
import { foldNormalization } from './foldNormalization';

export const IMPORTED_INPUT_ID = 'data';
export const IMPORTED_LOSS_ID = 'loss';

export interface BuildOptions {
  /** The input node's `dataset` as the person named it; without one the input node carries `featureCount`. */
  dataset?: JsonObject;
  /**
   * The model scales its input (ImportedModel.normalization) exactly as this setting of `normalize` fitted on the
   * dataset's training rows would (the caller checked); without it the scaling is folded into the first layers.
   */
  normalize?: 'standard' | 'minmax';
  /** Write `featureCount` beside a dataset too, so a dataset of another width is NG052 (a caller's trial build). */
  declareFeatureCount?: boolean;
}

export interface BuiltGraph {
  text: string;
  weights: NamedTensor[];
  /** What the person should know about the import (a scaling folded into the weights). */
  notes: string[];
}

/** Widths of every value of the model, checking that each step reads earlier values and fits its inputs. */
export function valueWidths(model: ImportedModel): number[] {
  const fail = (step: number, why: string): never => {
    throw new ModelImportError(`${model.source}: layer ${JSON.stringify(model.steps[step].sourceName)} (${model.steps[step].layer.kind}): ${why}`);
  };
  if (!Number.isSafeInteger(model.featureWidth) || model.featureWidth < 1) throw new ModelImportError(`${model.source}: the input has ${model.featureWidth} features`);
  const widths = [model.featureWidth];
  model.steps.forEach((step, index) => {
    const arity = step.layer.kind === 'add' || step.layer.kind === 'concat' ? 2 : 1;
    if (step.inputs.length !== arity) fail(index, `it reads ${step.inputs.length} values, not ${arity}`);
    const inputs = step.inputs.map((ref) => {
      if (!Number.isSafeInteger(ref) || ref < 0 || ref > index) fail(index, `it reads value ${ref}, which is not computed before it`);
      return widths[ref];
    });
    widths.push(stepWidth(step.layer, inputs, (why) => fail(index, why)));
  });
  const denseSteps = model.steps.filter((step) => step.layer.kind === 'dense');
  const withWeights = denseSteps.filter((step) => step.layer.kind === 'dense' && step.layer.kernel !== undefined).length;
  if (withWeights !== 0 && withWeights !== denseSteps.length) {
    throw new ModelImportError(`${model.source}: ${withWeights} of its ${denseSteps.length} dense layers hold weights; a model holds all of them or none`);
  }
  if (!Number.isSafeInteger(model.output) || model.output < 1 || model.output >= widths.length) {
    throw new ModelImportError(`${model.source}: the output is value ${model.output}, not a layer's result`);
  }
  return widths;
}

function stepWidth(layer: ImportedLayer, inputs: number[], fail: (why: string) => never): number {
  switch (layer.kind) {
    case 'dense':
      if (layer.kernel && layer.kernel.length !== inputs[0] * layer.units) fail(`its kernel holds ${layer.kernel.length} values, not ${inputs[0]} × ${layer.units}`);
      if (layer.bias && layer.bias.length !== layer.units) fail(`its bias holds ${layer.bias.length} values, not ${layer.units}`);
      return layer.units;
    case 'add':
      if (inputs[0] !== inputs[1]) fail(`it adds widths ${inputs[0]} and ${inputs[1]}`);
      return inputs[0];
    case 'concat':
      return inputs[0] + inputs[1];
    case 'activation':
    case 'dropout':
      return inputs[0];
  }
}

/** The shortest decimal that reads back as the same float32 (an ONNX attribute's 0.2 is 0.2000000029802…). */
export function shortestFloat32(value: number): number {
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}

function layerParams(layer: ImportedLayer): JsonObject {
  switch (layer.kind) {
    case 'dense':
      return layer.bias === null ? { units: layer.units, useBias: false } : { units: layer.units };
    case 'activation': {
      const alphaSpec = NODE_TYPES.activation.params.find((spec) => spec.name === 'alpha');
      const alphaDefault = alphaSpec?.kind === 'number' ? alphaSpec.defaultByFn?.[layer.fn] : undefined;
      const alpha = shortestFloat32(layer.alpha);
      return alphaDefault === undefined || alpha === alphaDefault ? { fn: layer.fn } : { fn: layer.fn, alpha };
    }
    case 'dropout':
      return { rate: shortestFloat32(layer.rate) };
    case 'add':
    case 'concat':
      return {};
  }
}

function lossNode(model: ImportedModel): { type: 'cross-entropy' | 'mse'; params: JsonObject } {
  const last = model.steps[model.output - 1].layer;
  if (last.kind === 'activation' && last.fn === 'softmax') return { type: 'cross-entropy', params: { mode: 'categorical' } };
  if (last.kind === 'activation' && last.fn === 'sigmoid') return { type: 'cross-entropy', params: { mode: 'binary' } };
  return { type: 'mse', params: {} };
}

/** The training settings of a new blank graph (the "New Graph…" command's), so an import trains like a fresh graph. */
function newGraphTraining(): JsonValue {
  const blank = GRAPH_TEMPLATES.find((template) => template.id === 'blank');
  return blank?.build().training ?? {};
}

export function buildGraph(imported: ImportedModel, options: BuildOptions = {}): BuiltGraph {
  const notes: string[] = [];
  const model = imported.normalization && options.normalize === undefined ? foldNormalization(imported, notes) : imported;
  const widths = valueWidths(model);
  const ids = new IdAllocator();
  const inputId = ids.take(IMPORTED_INPUT_ID);
  const lossId = ids.take(IMPORTED_LOSS_ID);
  const stepIds = model.steps.map((step) => ids.fromName(step.sourceName, step.layer.kind));
  const valuePort = (ref: number): string => (ref === 0 ? `${inputId}.features` : `${stepIds[ref - 1]}.out`);
  const normalize = model.normalization ? options.normalize : 'none';
  const inputParams: JsonObject = options.dataset ? { dataset: options.dataset } : {};
  if (!options.dataset || options.declareFeatureCount === true) inputParams.featureCount = model.featureWidth;
  if (normalize !== 'standard' && normalize !== undefined) inputParams.normalize = normalize;
  const nodes: Array<{ id: string; type: string; params: JsonObject }> = [{ id: inputId, type: 'input', params: inputParams }];
  const edges: Array<{ from: string; to: string }> = [];
  const weights: NamedTensor[] = [];
  model.steps.forEach((step, index) => {
    const id = stepIds[index];
    nodes.push({ id, type: step.layer.kind, params: layerParams(step.layer) });
    const ports = step.layer.kind === 'add' || step.layer.kind === 'concat' ? ['a', 'b'] : ['in'];
    step.inputs.forEach((ref, position) => edges.push({ from: valuePort(ref), to: `${id}.${ports[position]}` }));
    if (step.layer.kind === 'dense' && step.layer.kernel) {
      weights.push({ name: `${id}.kernel`, shape: [widths[step.inputs[0]], step.layer.units], data: step.layer.kernel });
      if (step.layer.bias) weights.push({ name: `${id}.bias`, shape: [step.layer.units], data: step.layer.bias });
    }
  });
  const loss = lossNode(model);
  nodes.push({ id: lossId, type: loss.type, params: loss.params });
  edges.push({ from: valuePort(model.output), to: `${lossId}.predictions` }, { from: `${inputId}.labels`, to: `${lossId}.labels` });
  const positions = layoutPositions(nodes.map((node) => node.id), edges.map((edge) => ({ source: edge.from.split('.')[0], target: edge.to.split('.')[0] })));
  const document: JsonObject = {
    format: 'nngraph', version: FORMAT_VERSION,
    name: model.name !== undefined && model.name.trim() !== '' ? model.name : `Imported from ${model.source}`,
    nodes: nodes.map((node) => {
      const position = positions.get(node.id) ?? { x: 0, y: 0 };
      return { id: node.id, type: node.type, position: { x: position.x, y: position.y }, params: node.params };
    }),
    edges, training: newGraphTraining(),
  };
  return { text: formatGraphText(document), weights, notes };
}
