// Shape inference over the wired graph, and the checks that need shapes: add's equal shapes, and what each loss
// needs from its predictions and from the dataset.
import type { Reporter } from './checks';
import { quote } from './diagnostics';
import { appliedActivation, effectiveParam, featureGroupsOf, MAX_FEATURE_COUNT, outputShapes, widthOf } from './nodeTypes';
import type { JsonPath } from './source';
import { wireInto, type GraphStructure, type Wire } from './structure';
import type { NumberedWiring } from './wiring';
import type { DatasetInfo, GraphNode, Shape } from './types';

export type ShapesByPort = Record<string, Shape>;

/** Label columns per sample (1 unless multi-label). */
export function labelWidthOf(info: DatasetInfo | undefined): number {
  return info?.labelWidth !== undefined && Number.isInteger(info.labelWidth) && info.labelWidth >= 1 ? info.labelWidth : 1;
}

/**
 * The shape of every port as inference found it, by node then port. Lookups go through a Map keyed by node, with no
 * key string built per lookup; the flat `nodeId.port` record the editor draws from is built only when asked for:
 * the host and the command line want diagnostics only, and building 80k keys was a fifth of checking a 5 MB file.
 */
export class PortShapes {
  /** Each node's shapes by port, by node number (see wiring.ts): inference looks up every wire's source. */
  private readonly byNumber: Array<Record<string, Shape> | undefined>;

  constructor(private readonly wiring: NumberedWiring) {
    this.byNumber = new Array<Record<string, Shape> | undefined>(wiring.nodes.length);
  }

  of(nodeId: string, port: string): Shape | undefined {
    const n = this.wiring.numberOf.get(nodeId);
    return n === undefined ? undefined : this.ofNumber(n, port);
  }

  ofNumber(n: number, port: string): Shape | undefined {
    const own = this.byNumber[n];
    return own && Object.hasOwn(own, port) ? own[port] : undefined;
  }

  /** Records a node's shapes; port names come from the node type table, so none is an Object.prototype key. */
  setNumber(n: number, own: Record<string, Shape>): void {
    this.byNumber[n] = own;
  }

  /** Whether every port's shape passes `test`; with `include`, only the ports of the nodes it accepts. */
  every(test: (shape: Shape) => boolean, include?: (nodeId: string) => boolean): boolean {
    for (let n = 0; n < this.byNumber.length; n++) {
      const own = this.byNumber[n];
      if (own === undefined || (include !== undefined && !include(this.wiring.nodes[n].id))) continue;
      for (const port in own) if (!test(own[port])) return false;
    }
    return true;
  }

  /** The flat view, keyed `nodeId.port` (every key holds a dot, so no id can name an Object.prototype key). */
  toRecord(): ShapesByPort {
    const shapes: ShapesByPort = {};
    this.byNumber.forEach((own, n) => {
      const id = this.wiring.nodes[n].id;
      if (own) for (const port in own) shapes[`${id}.${port}`] = own[port];
    });
    return shapes;
  }
}

/** Shapes of every port, in topological order; unknown sizes are null. */
export function inferShapes(structure: GraphStructure, info: DatasetInfo | undefined): PortShapes {
  const { wiring } = structure;
  const shapes = new PortShapes(wiring);
  for (const n of structure.orderNumbers) {
    const node = wiring.nodes[n];
    const own: Record<string, Shape> = {};
    for (let k = wiring.inStart[n]; k < wiring.inStart[n + 1]; k++) {
      const shape = shapes.ofNumber(wiring.inSources[k], wiring.inWires[k].from.port);
      if (shape) own[wiring.inWires[k].to.port] = shape;
    }
    // Input ports and output ports never share a name, so `own` can hold both.
    const outputs = node.type === 'input' ? inputShapes(info, node.params) : outputShapes(node.type, node.params, own);
    for (const port in outputs) own[port] = outputs[port];
    shapes.setNumber(n, own);
  }
  return shapes;
}

/** The input node's own `featureCount`, when it declares a valid one (the params check reports any other value). */
export function declaredFeatureCount(params: Record<string, unknown>): number | undefined {
  const count = params.featureCount;
  return typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_FEATURE_COUNT ? count : undefined;
}

/** The features' width: the node's declared featureCount first (shapes are known before a dataset is), else the dataset's. */
function inputShapes(info: DatasetInfo | undefined, params: Record<string, unknown>): Record<string, Shape> {
  const known = info && Number.isInteger(info.featureCount) && info.featureCount >= 1 ? info.featureCount : null;
  const featureCount = declaredFeatureCount(params) ?? known;
  const labelWidth = labelWidthOf(info);
  return { features: ['batch', featureCount], labels: labelWidth === 1 ? ['batch'] : ['batch', labelWidth] };
}

/** The node wired into `port` of `nodeId`. */
function sourceOf(structure: GraphStructure, nodeId: string, port: string): { wire: Wire; node: GraphNode } | undefined {
  const wire = wireInto(structure, nodeId, port);
  const node = wire ? structure.wiring.nodes[wire.fromNumber] : undefined;
  return wire && node ? { wire, node } : undefined;
}

function nodePath(structure: GraphStructure, id: string): JsonPath {
  return structure.nodePathById.get(id) ?? [];
}

/** A dataset whose width differs from the input node's declared featureCount (the layers were made for that count). */
function checkDeclaredFeatureCount(reporter: Reporter, structure: GraphStructure, info: DatasetInfo | undefined): void {
  const input = structure.inputNode;
  const declared = input ? declaredFeatureCount(input.params) : undefined;
  if (!input || declared === undefined || !info || info.featureCount === declared) return;
  reporter.report('NG052', `The dataset of input node ${quote(input.id)} has ${info.featureCount} feature${info.featureCount === 1 ? '' : 's'}, `
    + `but the node declares featureCount ${declared} (the model's layers read ${declared}). Choose a dataset with ${declared} feature columns `
    + '(a CSV dataset\'s "features" can pick them), or change featureCount and the layers after it.',
  [...nodePath(structure, input.id), 'params', 'featureCount'], { nodeId: input.id, field: 'params.featureCount' });
}

export function checkShapes(reporter: Reporter, structure: GraphStructure, shapes: PortShapes, info: DatasetInfo | undefined): void {
  checkDeclaredFeatureCount(reporter, structure, info);
  for (const n of structure.orderNumbers) {
    const node = structure.wiring.nodes[n];
    const id = node.id;
    if (node.type === 'add') {
      const a = widthOf(shapes.ofNumber(n, 'a'));
      const b = widthOf(shapes.ofNumber(n, 'b'));
      if (a !== null && b !== null && a !== b) {
        reporter.report('NG029', `add node ${quote(id)} needs inputs of the same shape, but a is [batch, ${a}] and b is [batch, ${b}]. ` +
          'Make the widths equal, or use a concat node.', nodePath(structure, id), { nodeId: id });
      }
    }
    if (node.type === 'features') checkFeatureColumns(reporter, structure, node, widthOf(shapes.ofNumber(n, 'in')));
    if (appliedActivation(node)?.fn === 'softmax' && widthOf(shapes.ofNumber(n, 'out')) === 1) {
      const field = node.type === 'dense' ? 'activation' : 'fn';
      reporter.report('NG039', `softmax on node ${quote(id)} runs over a single unit, so it always outputs 1. ` +
        `Use sigmoid for one unit, or give ${node.type === 'dense' ? 'this layer' : 'the layer before it'} one unit per class.`,
      [...nodePath(structure, id), 'params', field], { nodeId: id, field: `params.${field}` });
    }
  }
  const loss = structure.lossNode;
  if (!loss || structure.hasCycle) return;
  const predictions = sourceOf(structure, loss.id, 'predictions');
  if (!predictions) return;
  const width = widthOf(shapes.of(loss.id, 'predictions'));
  if (loss.type === 'mse') checkMse(reporter, structure, loss, predictions.node, width, info);
  else checkCrossEntropy(reporter, structure, loss, predictions.node, width, info);
}

/** A features node that makes no columns: nothing chosen, or only the products of a single column. */
function checkFeatureColumns(reporter: Reporter, structure: GraphStructure, node: GraphNode, inWidth: number | null): void {
  const groups = featureGroupsOf(node.params.include);
  if (groups === undefined) return; // not a list of known groups: the params check reports it
  const onlyProducts = groups.length === 1 && groups[0] === 'product' && inWidth === 1;
  if (groups.length > 0 && !onlyProducts) return;
  const why = groups.length === 0 ? 'its include list is empty' : 'its input has one column, so there is no pair to multiply';
  reporter.report('NG053', `features node ${quote(node.id)} makes no columns: ${why}. Include at least one of "x", "square", "sin" `
    + '(or "product" on two or more columns).', [...nodePath(structure, node.id), 'params', 'include'], { nodeId: node.id, field: 'params.include' });
}

/** Where a width problem is best fixed: the units of the dense layer that sets the width, else the loss node. */
function widthSite(structure: GraphStructure, loss: GraphNode, source: GraphNode): { path: JsonPath; nodeId: string; field?: string } {
  let current: GraphNode | undefined = source;
  while (current && (current.type === 'activation' || current.type === 'dropout')) {
    current = sourceOf(structure, current.id, 'in')?.node;
  }
  if (current?.type === 'dense') return { path: [...nodePath(structure, current.id), 'params', 'units'], nodeId: current.id, field: 'params.units' };
  return { path: nodePath(structure, loss.id), nodeId: loss.id };
}

function reportWidth(reporter: Reporter, code: string, message: string, structure: GraphStructure, loss: GraphNode, source: GraphNode): void {
  const site = widthSite(structure, loss, source);
  reporter.report(code, message, site.path, site.field ? { nodeId: site.nodeId, field: site.field } : { nodeId: site.nodeId });
}

function checkMse(reporter: Reporter, structure: GraphStructure, loss: GraphNode, source: GraphNode, width: number | null, info: DatasetInfo | undefined): void {
  const labelWidth = labelWidthOf(info);
  if (width === null || width === labelWidth) return;
  reportWidth(reporter, 'NG035', `mse node ${quote(loss.id)} compares its predictions with ${labelWidth} label column${labelWidth === 1 ? '' : 's'}, ` +
    `but the predictions have ${width} units; give the last layer ${labelWidth} unit${labelWidth === 1 ? '' : 's'}.`, structure, loss, source);
}

function checkCrossEntropy(
  reporter: Reporter, structure: GraphStructure, loss: GraphNode, source: GraphNode, width: number | null, info: DatasetInfo | undefined,
): void {
  const mode = loss.params.mode;
  if (mode !== 'binary' && mode !== 'categorical') return; // reported by the params check
  const fromLogits = effectiveParam(loss.type, loss.params, 'fromLogits') === true;
  const lossPath = nodePath(structure, loss.id);
  const modeSite = { path: [...lossPath, 'params', 'mode'], place: { nodeId: loss.id, field: 'params.mode' } };
  const logitsPath = loss.params.fromLogits !== undefined ? [...lossPath, 'params', 'fromLogits'] : lossPath;
  const logitsPlace = loss.params.fromLogits !== undefined ? { nodeId: loss.id, field: 'params.fromLogits' } : { nodeId: loss.id };
  const sourceFn = appliedActivation(source)?.fn;
  if (info && info.classCount === 0) {
    reporter.report('NG034', `${mode === 'binary' ? 'Binary' : 'Categorical'} cross-entropy on ${quote(loss.id)} needs class labels, but the dataset's labels are real values; use an mse node.`,
      modeSite.path, modeSite.place);
    return;
  }
  if (fromLogits && (sourceFn === 'sigmoid' || sourceFn === 'softmax')) {
    reporter.report('NG038', `fromLogits is true on ${quote(loss.id)}, but its predictions come from the ${sourceFn} node ${quote(source.id)}, ` +
      `so ${sourceFn} is applied twice. Remove the activation, or set fromLogits to false.`, logitsPath, logitsPlace);
  }
  if (mode === 'categorical') {
    if (!fromLogits && sourceFn !== 'softmax') {
      reporter.report('NG031', `Categorical cross-entropy on ${quote(loss.id)} reads ${source.type} node ${quote(source.id)}, which is neither a softmax ` +
        'nor marked as logits. Add a softmax activation before the loss, or set fromLogits to true.', logitsPath, logitsPlace);
    }
    if (info && width !== null && width !== info.classCount) {
      reportWidth(reporter, 'NG030', `Categorical cross-entropy on ${quote(loss.id)} needs one unit per class: the dataset has ` +
        `${info.classCount} classes, but the predictions have ${width} units.`, structure, loss, source);
    }
    return;
  }
  const labelWidth = labelWidthOf(info);
  if (info && labelWidth === 1 && info.classCount !== 2) {
    reporter.report('NG033', `Binary cross-entropy on ${quote(loss.id)} needs a dataset with 2 classes, but this one has ${info.classCount}. ` +
      `Use "mode": "categorical" with a softmax over ${info.classCount} units.`, modeSite.path, modeSite.place);
    return;
  }
  if (width !== null && width !== labelWidth) {
    reportWidth(reporter, 'NG032', `Binary cross-entropy on ${quote(loss.id)} predicts one probability per label column: the labels have ` +
      `${labelWidth} column${labelWidth === 1 ? '' : 's'}, but the predictions have ${width} units. ` +
      'Use one unit with a sigmoid, or categorical cross-entropy with a softmax.', structure, loss, source);
  }
  if (!fromLogits && sourceFn !== 'sigmoid' && sourceFn !== 'softmax') {
    reporter.report('NG037', `Binary cross-entropy on ${quote(loss.id)} reads ${source.type} node ${quote(source.id)}, whose values are not ` +
      'probabilities. Add a sigmoid activation before the loss, or set fromLogits to true.', logitsPath, logitsPlace);
  }
}
