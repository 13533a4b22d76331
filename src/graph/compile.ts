// Graph -> training program for the core: ops in topological order, the loss fused with a final sigmoid/softmax
// where the format page says so, the label layout the loss needs, and the training config with every default.
import type { ActivationName, InitializerName, LabelKind, LossSpec, OpSpec, ProgramSpec, TrainingConfig, ValueRef } from '../core/index';
import { checkParsed, type AnalyzeOptions, type CheckedGraph } from './analyze';
import { hasErrors, INTERNAL_ERROR_CODE, makeDiagnostic } from './diagnostics';
import { appliedActivation, effectiveParam, featureGroupsOf, widthOf, type NormalizeMode } from './nodeTypes';
import { parseGraphFile, type ParsedFile } from './parse';
import { declaredFeatureCount, labelWidthOf } from './shapes';
import { nodesOnPath } from './trainable';
import { EMPTY_RANGE, nullLocator } from './source';
import type { TrainingEngine } from './training';
import type { DatasetInfo, DatasetRef, Diagnostic, GraphDocument, GraphNode } from './types';

export type CompileResult =
  | {
    ok: true; spec: ProgramSpec; training: TrainingConfig; dataset: DatasetRef; normalize: NormalizeMode; warnings: Diagnostic[];
    /** The input node, whose features are the program's value 0 (the program itself names only its ops and loss). */
    inputNodeId: string;
    /** The file's `training.engine`: who trains it (the core, or PyTorch). */
    engine: TrainingEngine;
  }
  | { ok: false; diagnostics: Diagnostic[] };

/** Compiles a graph held in memory (ranges in its diagnostics are empty; node ids and fields say where). */
export function compileGraph(graph: GraphDocument, info: DatasetInfo): CompileResult {
  const parsed: ParsedFile & { graph: GraphDocument } = {
    graph, diagnostics: [], locator: nullLocator, unreadableNodeIds: new Set(),
    nodePaths: graph.nodes.map((_, index) => ['nodes', index]), edgePaths: graph.edges.map((_, index) => ['edges', index]),
  };
  return guarded(() => compileChecked(checkParsed(parsed, { forTraining: true }, info)));
}

/**
 * Parses, checks and compiles a file's text. `datasetInfo` describes the file's dataset (built-in sets are known
 * without it); a dataset nobody can describe is an error here, since a program needs its widths.
 */
export function compileText(text: string, datasetInfo?: (ref: DatasetRef) => DatasetInfo | undefined, options: AnalyzeOptions = {}): CompileResult {
  const parsed = parseGraphFile(text);
  if (!parsed.graph) return { ok: false, diagnostics: parsed.diagnostics };
  const withGraph = parsed as ParsedFile & { graph: GraphDocument };
  return guarded(() => {
    const checked = checkParsed(withGraph, { ...options, datasetInfo: datasetInfo ?? options.datasetInfo, forTraining: true });
    if (!hasErrors(checked.diagnostics) && checked.dataset && !checked.datasetInfo) {
      const input = checked.structure.inputNode;
      const path = input ? [...(checked.structure.nodePathById.get(input.id) ?? []), 'params', 'dataset'] : [];
      const where = checked.dataset.kind === 'csv' ? `the CSV file ${JSON.stringify(checked.dataset.path)}` : 'the dataset';
      const diagnostic = makeDiagnostic('NG041', `The number of features of ${where} is unknown (it could not be read), so the graph cannot be compiled.`,
        parsed.locator.value(path), input ? { nodeId: input.id, field: 'params.dataset' } : {});
      return { ok: false, diagnostics: [...checked.diagnostics, diagnostic] };
    }
    return compileChecked(checked);
  });
}

function guarded<T>(compile: () => T): T | { ok: false; diagnostics: Diagnostic[] } {
  try {
    return compile();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostics: [internal(message)] };
  }
}

function compileChecked(checked: CheckedGraph): CompileResult {
  const { structure, diagnostics, datasetInfo: info, dataset } = checked;
  const input = structure.inputNode;
  const loss = structure.lossNode;
  if (!hasErrors(diagnostics) && !dataset && diagnostics.some((d) => d.code === 'NG051')) {
    // A warning while the graph is edited; a program cannot be built without rows, so here it stops the compile.
    return { ok: false, diagnostics: diagnostics.map((d) => (d.code === 'NG051' ? { ...d, severity: 'error' as const } : d)) };
  }
  if (hasErrors(diagnostics) || !info || !dataset || !input || !loss) {
    return { ok: false, diagnostics: hasErrors(diagnostics) ? diagnostics : [...diagnostics, internal('the graph has no usable input, loss or dataset')] };
  }
  const built = programSpec(checked, input, loss, info.featureCount, (lossSpec) => labelLayout(lossSpec, info));
  if (!built) return { ok: false, diagnostics: [...diagnostics, internal('the predictions have no value')] };
  const normalize = effectiveParam('input', input.params, 'normalize') as NormalizeMode;
  return { ok: true, spec: built, training: checked.training, dataset, normalize, warnings: diagnostics, inputNodeId: input.id, engine: checked.engine };
}

export type PredictionCompileResult =
  | { ok: true; spec: ProgramSpec; training: TrainingConfig; normalize: NormalizeMode; warnings: Diagnostic[]; inputNodeId: string; featureCount: number }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Compiles, for prediction only, a graph whose input node declares its `featureCount` and names no dataset (what
 * `nngraph import` writes without --dataset): the rows then come from the caller, so NG051 does not block, and the
 * label layout is the one the predictions' width implies (labels are never read). Undefined for any other graph
 * (one naming a dataset, or one that cannot be read): compileText builds and reports those.
 */
export function compileForPrediction(text: string): PredictionCompileResult | undefined {
  const parsed = parseGraphFile(text);
  if (!parsed.graph || parsed.graph.nodes.some((node) => node.type === 'input' && node.params.dataset !== undefined)) return undefined;
  const withGraph = parsed as ParsedFile & { graph: GraphDocument };
  return guarded((): PredictionCompileResult | undefined => {
    const checked = checkParsed(withGraph, { forTraining: true });
    const { structure, diagnostics } = checked;
    const input = structure.inputNode;
    const loss = structure.lossNode;
    const featureCount = input ? declaredFeatureCount(input.params) : undefined;
    if (checked.dataset || !input || featureCount === undefined || !loss) return undefined;
    const blocking = diagnostics.filter((d) => d.code !== 'NG051');
    if (hasErrors(blocking)) return { ok: false, diagnostics: blocking };
    const spec = programSpec(checked, input, loss, featureCount, predictionLabelLayout);
    if (!spec) return { ok: false, diagnostics: [...blocking, internal('the predictions have no value')] };
    const normalize = effectiveParam('input', input.params, 'normalize') as NormalizeMode;
    return { ok: true, spec, training: checked.training, normalize, warnings: blocking, inputNodeId: input.id, featureCount };
  });
}

/** The ops in topological order and the loss, with the given feature width and label layout; undefined if the predictions have no value. */
function programSpec(
  checked: CheckedGraph, input: GraphNode, loss: GraphNode, featureCount: number, labelsFor: (loss: LossSpec, predictionsWidth: number) => LabelLayout,
): ProgramSpec | undefined {
  const { structure, shapes } = checked;
  const predictionsWire = structure.incoming.get(loss.id)?.get('predictions');
  const predictionsSource = predictionsWire ? structure.nodesById.get(predictionsWire.from.nodeId) : undefined;
  // Only the nodes between the features and the predictions are computed: a branch that feeds nothing is left out.
  const onPath = nodesOnPath(structure);
  const readers = (structure.outgoing.get(predictionsSource?.id ?? '') ?? []).filter((w) => w.to.nodeId === loss.id || onPath.has(w.to.nodeId));
  const fused = fusedActivation(loss, predictionsSource, readers.length);
  const refs = new Map<string, ValueRef>([[`${input.id}.features`, 0]]);
  const valueWidths: number[] = [featureCount];
  const ops: OpSpec[] = [];
  for (const id of structure.order) {
    const node = structure.nodesById.get(id) as GraphNode;
    if (!onPath.has(id) || node.type === 'input' || node.type === 'cross-entropy' || node.type === 'mse' || node === fused) continue;
    const ref = (port: string): ValueRef => {
      const wire = structure.incoming.get(id)?.get(port);
      const value = wire ? refs.get(`${wire.from.nodeId}.${wire.from.port}`) : undefined;
      if (value === undefined) throw new Error(`no value for ${id}.${port}`);
      return value;
    };
    const width = widthOf(shapes.of(id, 'out'));
    if (width === null) throw new Error(`the width of ${id}.out is unknown`);
    for (const op of opsFor(node, ref, ops.length)) {
      ops.push(op);
      valueWidths.push(width);
    }
    refs.set(`${id}.out`, ops.length);
  }
  const predictionsRef = fused
    ? refs.get(portSource(structure, fused.id, 'in'))
    : predictionsWire ? refs.get(`${predictionsWire.from.nodeId}.${predictionsWire.from.port}`) : undefined;
  if (predictionsRef === undefined) return undefined;
  const lossSpec = lossFor(loss, predictionsRef, fused);
  return { featureCount, valueWidths, ops, loss: lossSpec, ...labelsFor(lossSpec, valueWidths[predictionsRef]) };
}

function internal(what: string): Diagnostic {
  return makeDiagnostic(INTERNAL_ERROR_CODE, `NN Graph could not compile the graph (an internal error; please report it): ${what}.`, EMPTY_RANGE);
}

function portSource(structure: CheckedGraph['structure'], nodeId: string, port: string): string {
  const wire = structure.incoming.get(nodeId)?.get(port);
  return wire ? `${wire.from.nodeId}.${wire.from.port}` : '';
}

/**
 * The sigmoid (binary) or softmax (categorical) activation a cross-entropy reads directly, when the loss can take
 * over its work in the stable fused form; only when nothing else reads it, since its op is then dropped.
 */
function fusedActivation(loss: GraphNode, source: GraphNode | undefined, consumers: number): GraphNode | undefined {
  if (loss.type !== 'cross-entropy' || !source || source.type !== 'activation' || consumers !== 1) return undefined;
  if (effectiveParam('cross-entropy', loss.params, 'fromLogits') === true) return undefined;
  const wanted = loss.params.mode === 'binary' ? 'sigmoid' : 'softmax';
  return source.params.fn === wanted ? source : undefined;
}

/**
 * A node's ops: one, or for a dense node with an `activation` the dense op and then an activation op of the same
 * node id reading it (`ops` is how many ops come before, so the dense op's value is `ops + 1`). The core, explain
 * and every exporter then treat it as the two nodes it stands for; the Keras and TF.js exporters fold the pair back
 * into Dense(activation=…).
 */
function opsFor(node: GraphNode, ref: (port: string) => ValueRef, ops: number): OpSpec[] {
  const op = opFor(node, ref);
  const applied = node.type === 'dense' ? appliedActivation(node) : undefined;
  if (!applied) return [op];
  return [op, { kind: 'activation', nodeId: node.id, input: ops + 1, fn: applied.fn, alpha: applied.alpha }];
}

function opFor(node: GraphNode, ref: (port: string) => ValueRef): OpSpec {
  const p = node.params;
  switch (node.type) {
    case 'dense': {
      // Regularization rates enter the spec only when set, so a graph without them compiles as before.
      const l1 = effectiveParam('dense', p, 'l1') as number;
      const l2 = effectiveParam('dense', p, 'l2') as number;
      return {
        kind: 'dense', nodeId: node.id, input: ref('in'), units: p.units as number,
        useBias: effectiveParam('dense', p, 'useBias') as boolean, init: effectiveParam('dense', p, 'init') as InitializerName,
        ...(l1 > 0 ? { l1 } : {}), ...(l2 > 0 ? { l2 } : {}),
      };
    }
    case 'activation': {
      const alpha = effectiveParam('activation', p, 'alpha');
      return { kind: 'activation', nodeId: node.id, input: ref('in'), fn: p.fn as ActivationName, alpha: typeof alpha === 'number' ? alpha : 0 };
    }
    case 'dropout':
      return { kind: 'dropout', nodeId: node.id, input: ref('in'), rate: p.rate as number };
    case 'features': {
      const groups = featureGroupsOf(p.include);
      if (groups === undefined) throw new Error(`features node ${node.id} has no valid include`);
      return { kind: 'features', nodeId: node.id, input: ref('in'), groups };
    }
    case 'add':
      return { kind: 'add', nodeId: node.id, inputs: [ref('a'), ref('b')] };
    case 'concat':
      return { kind: 'concat', nodeId: node.id, inputs: [ref('a'), ref('b')] };
    default:
      throw new Error(`${node.type} node ${node.id} is not a layer`);
  }
}

function lossFor(loss: GraphNode, predictions: ValueRef, fused: GraphNode | undefined): LossSpec {
  if (loss.type === 'mse') return { kind: 'mse', nodeId: loss.id, predictions };
  const kind = loss.params.mode === 'binary' ? 'binary-cross-entropy' : 'categorical-cross-entropy';
  const fromLogits = fused !== undefined || effectiveParam('cross-entropy', loss.params, 'fromLogits') === true;
  return fused ? { kind, nodeId: loss.id, predictions, fromLogits, activationNodeId: fused.id } : { kind, nodeId: loss.id, predictions, fromLogits };
}

interface LabelLayout { labelWidth: number; labelKind: LabelKind; classCount: number }

/** Without a dataset: the layout the predictions' width implies (one label column per output, class indices for softmax). */
function predictionLabelLayout(loss: LossSpec, predictionsWidth: number): LabelLayout {
  switch (loss.kind) {
    case 'mse':
      return { labelWidth: predictionsWidth, labelKind: 'regression', classCount: 0 };
    case 'binary-cross-entropy':
      return { labelWidth: predictionsWidth, labelKind: 'binary', classCount: 2 };
    case 'categorical-cross-entropy':
      return { labelWidth: 1, labelKind: 'index', classCount: predictionsWidth };
  }
}

function labelLayout(loss: LossSpec, info: DatasetInfo): LabelLayout {
  const labelWidth = labelWidthOf(info);
  switch (loss.kind) {
    case 'mse':
      return { labelWidth, labelKind: 'regression', classCount: 0 };
    case 'binary-cross-entropy':
      return { labelWidth, labelKind: 'binary', classCount: 2 };
    case 'categorical-cross-entropy':
      return labelWidth > 1
        ? { labelWidth, labelKind: 'onehot', classCount: labelWidth }
        : { labelWidth: 1, labelKind: 'index', classCount: info.classCount };
  }
}
