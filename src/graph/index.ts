// The only surface other parts import from src/graph.
export type * from './types';
export { parseGraph, FORMAT_VERSION } from './parse';
export { analyzeGraph, type AnalyzeOptions, type Analysis } from './analyze';
export { compileForPrediction, compileGraph, compileText, type CompileResult, type PredictionCompileResult } from './compile';
export { modelSummary, formatSummaryTable, formatShape } from './summary';
export {
  formatCount, formatNodeCost, graphCost, HEAVY_FLOPS_SHARE, nodeCost, shapeAtRecord,
  type GraphCost, type NodeCost, type ShapeAt,
} from './cost';
export { TRAINING_BLOCKER_CODES, asTrainingSees, nodesOnPath } from './trainable';
export { DIAGNOSTIC_CODES, INTERNAL_ERROR_CODE, diagnosticInfo, hasErrors, type DiagnosticCodeInfo } from './diagnostics';
export {
  NODE_TYPES, NODE_TYPE_NAMES, ACTIVATION_FUNCTIONS, INITIALIZERS, NORMALIZE_MODES, CROSS_ENTROPY_MODES, MAX_UNITS, MAX_FEATURE_COUNT,
  paramDefaults, portsOf, paramSpec, effectiveParam, isNodeType, isLossType, outputShapes, widthOf, appliedActivation, type AppliedActivation,
  type NodeTypeInfo, type ParamSpec, type PortInfo, type NodeCategory, type NormalizeMode, type CrossEntropyMode,
} from './nodeTypes';
export { BUILTIN_DATASETS, BUILTIN_DATASET_NAMES, BUILTIN_OPTION_RULES, builtinDatasetInfo, csvContentProblem, csvFileProblem, csvPathProblem, type BuiltinDataset, type DatasetProblem } from './datasets';
export { DEFAULT_ENGINE, DEFAULT_TRAINING, DEFAULT_OPTIMIZERS, EARLY_STOPPING_DEFAULTS, EARLY_STOPPING_FIELDS, OPTIMIZER_TYPES, KNOWN_METRICS, TRAINING_ENGINES, type OptimizerType, type TrainingEngine } from './training';
export { ID_PATTERN, MAX_ID_LENGTH, parseEndpoint, type Endpoint } from './structure';
export { LineIndex } from './source';
// The graph editor's pure parts: edit intents, canonical text and minimal edits, layout, templates, React Flow mapping.
export { filterQuickAdd, quickAddCandidates, suggestedCandidateIndex, suggestedNext, type QuickAddCandidate } from './quickAdd';
export { applyEdit, assertNever, freshNodeId, readEditableGraph, type EditIntent, type EditResult, type EditableRead, type NodeMove, type NodeSizeOf } from './edits';
export { applyTextEdits, computeTextEdits, formatGraphText, formatValue, jsonEqual, minimalLineEdit, nodeIdAtOffset, type JsonObject, type JsonValue, type TextEdit } from './format';
export { layoutPositions, NODE_HEIGHT, NODE_WIDTH, type LayoutEdge, type NodeSize } from './layout';
export { GRAPH_TEMPLATES, initialParams, type GraphTemplate } from './templates';
export {
  checkConnection, edgeId, fromFlowConnection, fromFlowEdge, toFlowEdges, toFlowNodes, FLOW_NODE_TYPE,
  type ConnectionVerdict, type FlowConnection, type FlowEdge, type FlowNode, type FlowNodeData, type NodeProblem,
} from './reactFlow';
// The semantic diff of two versions of a graph (the command line's `diff` and the extension's graph diff view).
export {
  diffGraphs, diffGraphTexts, formatDiffValue, formatValueChange,
  type ChangedNode, type DiffEdge, type DiffNode, type GraphDiff, type GraphDiffResult, type MovedNode, type NodePair, type ValueChange,
} from './diff';
// Own-key reads of records keyed by file text (ids), never the prototype's.
export { getOwn } from './reader';
// The names of the files beside a graph (its weights).
export { graphBaseName, weightsFileNameFor } from './files';
// Exports: a compiled graph as the text of a program for another framework.
export { exportPytorch, type PytorchExport } from './export/pytorch';
export { exportOnnx, ONNX_OPSET, type OnnxExport } from './export/onnx';
export { exportKeras } from './export/keras';
export { exportTfjs } from './export/tfjs';
export type { GraphExport } from './export/exportInput';
// Imports: a model from another framework as the layers a graph holds.
export { readKerasModel, type ShardLoader } from './import/kerasImport';
// What an export writes (shared by the command line and the editor): the targets, default names, the files and their bytes.
export { defaultExportFileName, exportTargetIds, exportTargets, isExportTarget, type ExportTarget, type ExportTargetInfo } from './export/exportTargets';
export { planExport, protectedFilesOf, type ExportPaths, type ExportPlan, type ExportRequest, type PlannedExportFile, type ProtectedExportFile } from './export/exportPlan';
export { csvCell, datasetCsv, featureColumnNames, outputColumnNames, predictionColumnNames } from './export/datasetCsv';
export { importOnnx, SUPPORTED_ONNX_OPS } from './import/onnxImport';
export { buildGraph, IMPORTED_INPUT_ID, IMPORTED_LOSS_ID, type BuildOptions, type BuiltGraph } from './import/buildGraph';
export { ModelImportError, type ImportedModel, type ImportedStep, type ImportedLayer, type ImportedNormalization } from './import/importedModel';
export { IMPORTABLE_EXTENSIONS, readModel, type ModelSource } from './import/modelReaders';
export { graphExportOf, type ExportSource } from './export/exportData';
export { pytorchEngineFiles, type PytorchEngineFiles } from './export/pytorchEngine';
