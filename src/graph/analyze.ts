// The whole check of a file: parse, params, wiring, dataset, training, shapes; the one call the editor, the host's
// Problems panel and the command line make on every change.
import type { TrainingConfig } from '../core/index';
import { Reporter } from './checks';
import { builtinDatasetInfo, type CsvPathOptions, type DatasetProblem } from './datasets';
import { hasErrors, INTERNAL_ERROR_CODE } from './diagnostics';
import { checkNodeParams } from './params';
import { parseGraphFile, type ParsedFile } from './parse';
import { checkShapes, inferShapes, type PortShapes, type ShapesByPort } from './shapes';
import { checkStructure, type GraphStructure } from './structure';
import { checkModelSize } from './modelSize';
import { modelSummary } from './summary';
import { checkEngine, checkTraining, type TrainingEngine } from './training';
import { asTrainingSees, nodesOnPath } from './trainable';
import { checkValidationRows } from './validationRows';
import type { DatasetInfo, DatasetRef, Diagnostic, GraphDocument, ModelSummary, Shape } from './types';

export interface AnalyzeOptions extends CsvPathOptions {
  /** What the caller knows about a dataset (a CSV's header, or a loaded set); built-in sets are known without it. */
  datasetInfo?: (ref: DatasetRef) => DatasetInfo | undefined;
  /** What the side that reads files found wrong with a CSV dataset's file; reported on the input node. */
  datasetProblem?: (ref: DatasetRef) => DatasetProblem | undefined;
  /**
   * See the graph as training does (trainable.ts): the warnings of an unfinished graph that keep it from training
   * are errors. The compiler and `nngraph check` ask for this; the editor and the Problems panel do not.
   */
  forTraining?: boolean;
}

export interface Analysis {
  graph?: GraphDocument;
  diagnostics: Diagnostic[];
  /** Shape of every port, keyed `nodeId.port`. */
  shapes: Record<string, Shape>;
  /** Present when the graph has no errors. */
  summary?: ModelSummary;
  /** The input node's dataset, when it is valid: what the host and the command line read from disk. */
  dataset?: DatasetRef;
}

/** Everything the checks found out, for the compiler. */
export interface CheckedGraph {
  graph: GraphDocument;
  diagnostics: Diagnostic[];
  structure: GraphStructure;
  shapes: PortShapes;
  dataset?: DatasetRef;
  datasetInfo?: DatasetInfo;
  training: TrainingConfig;
  engine: TrainingEngine;
}

export function analyzeGraph(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parseGraphFile(text);
  if (!parsed.graph) return { diagnostics: sortByPosition(parsed.diagnostics), shapes: {} };
  try {
    const checked = checkParsed(parsed as ParsedFile & { graph: GraphDocument }, options);
    let flatShapes: ShapesByPort | undefined;
    const analysis: Analysis = {
      graph: parsed.graph, diagnostics: checked.diagnostics,
      // Flattened on first read, then kept (see PortShapes: only the editor's drawing reads it).
      get shapes(): ShapesByPort {
        flatShapes ??= checked.shapes.toRecord();
        return flatShapes;
      },
    };
    if (checked.dataset) analysis.dataset = checked.dataset;
    // A summary with unknown widths would show wrong parameter counts, so there is none until every width is known.
    // Its rows are the model training builds; a graph with no path to a loss yet (still being drawn) shows every node.
    const onPath = nodesOnPath(checked.structure);
    const inModel = onPath.size > 0 ? onPath : undefined;
    if (!hasErrors(checked.diagnostics) && allWidthsKnown(checked.shapes, inModel)) {
      analysis.summary = modelSummary(parsed.graph, analysis.shapes, inModel);
    }
    return analysis;
  } catch (error) {
    // A bug in a check must not take the editor down; say so where the user will see it.
    const message = error instanceof Error ? error.message : String(error);
    const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 }, startOffset: 0, endOffset: 0 };
    return {
      graph: parsed.graph, shapes: {},
      diagnostics: [...parsed.diagnostics, { code: INTERNAL_ERROR_CODE, severity: 'error', message: `NN Graph could not check this file (an internal error; please report it): ${message}`, range }],
    };
  }
}

/** Runs every check after parsing. `infoOverride` replaces the dataset lookup (the compiler passes the loaded set). */
export function checkParsed(parsed: ParsedFile & { graph: GraphDocument }, options: AnalyzeOptions, infoOverride?: DatasetInfo): CheckedGraph {
  const reporter = new Reporter(parsed.locator);
  const structure = checkStructure(reporter, {
    graph: parsed.graph, nodePaths: parsed.nodePaths, edgePaths: parsed.edgePaths, unreadableNodeIds: parsed.unreadableNodeIds,
    nodeListReadable: !parsed.diagnostics.some((d) => d.field === 'nodes'),
  });
  let dataset: DatasetRef | undefined;
  for (const [id, node] of structure.nodesById) {
    const checked = checkNodeParams(reporter, node, structure.nodePathById.get(id) ?? [], options);
    if (node === structure.inputNode) dataset = checked.dataset;
  }
  if (dataset?.kind === 'csv' && structure.inputNode) reportDatasetProblem(reporter, dataset, structure, options);
  const training = checkTraining(reporter, parsed.graph.training);
  const engine = checkEngine(reporter, parsed.graph.training);
  const datasetInfo = infoOverride ?? (dataset ? lookUpInfo(dataset, options) : undefined);
  const shapes = inferShapes(structure, datasetInfo);
  checkShapes(reporter, structure, shapes, datasetInfo);
  if (!hasErrors(reporter.diagnostics) && !hasErrors(parsed.diagnostics)) checkModelSize(reporter, structure, shapes, training, datasetInfo);
  checkValidationRows(reporter, structure, training, datasetInfo);
  const sorted = sortByPosition([...parsed.diagnostics, ...reporter.diagnostics]);
  const diagnostics = options.forTraining === true ? asTrainingSees(sorted, structure) : sorted;
  const result: CheckedGraph = { graph: parsed.graph, diagnostics, structure, shapes, training, engine };
  if (dataset) result.dataset = dataset;
  if (datasetInfo) result.datasetInfo = datasetInfo;
  return result;
}

function reportDatasetProblem(reporter: Reporter, dataset: DatasetRef, structure: GraphStructure, options: AnalyzeOptions): void {
  const input = structure.inputNode;
  const problem = input ? options.datasetProblem?.(dataset) : undefined;
  if (!input || !problem) return;
  const path = [...(structure.nodePathById.get(input.id) ?? []), 'params', 'dataset', 'csv'];
  reporter.report(problem.code, problem.message, path, { nodeId: input.id, field: 'params.dataset.csv' });
}

function allWidthsKnown(shapes: PortShapes, inModel: ReadonlySet<string> | undefined): boolean {
  return shapes.every((shape) => shape.every((dim) => dim !== null), inModel && ((nodeId) => inModel.has(nodeId)));
}

function lookUpInfo(ref: DatasetRef, options: AnalyzeOptions): DatasetInfo | undefined {
  let info: DatasetInfo | undefined;
  try {
    info = options.datasetInfo?.(ref);
  } catch {
    info = undefined; // the caller could not read the set; shapes stay unknown rather than the check failing
  }
  if (info && isUsableInfo(info)) return info;
  return builtinDatasetInfo(ref);
}

function isUsableInfo(info: DatasetInfo): boolean {
  return Number.isInteger(info.featureCount) && info.featureCount >= 1 && Number.isInteger(info.classCount) && info.classCount >= 0;
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort((x, y) => x.d.range.startOffset - y.d.range.startOffset || x.index - y.index)
    .map(({ d }) => d);
}
