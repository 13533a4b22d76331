// What an export writes, decided once for the command line and the editor: the files (the program or model, and
// beside a program the built-in set as CSV and the starting weights), their bytes, and the files it must never write
// (the graph, its CSV, the weights being read). Pure: the caller passes its path functions (node:path) and does the
// checks and atomic writes (src/node/safeWrite.ts), so both refuse and write alike.
import type { Run } from '../../core/index';
import type { DatasetRef } from '../types';
import { datasetCsv, featureColumnNames, outputColumnNames } from './datasetCsv';
import { graphExportOf } from './exportData';
import type { GraphExport } from './exportInput';
import { exportTargets, type ExportTarget } from './exportTargets';
import { exportKeras } from './keras';
import { exportOnnx } from './onnx';
import { exportPytorch } from './pytorch';
import { exportTfjs } from './tfjs';

/** The path functions a plan needs; node:path's module is one. */
export interface ExportPaths {
  join(...paths: string[]): string;
  dirname(path: string): string;
  basename(path: string): string;
  extname(path: string): string;
  relative(from: string, to: string): string;
  resolve(...paths: string[]): string;
  readonly sep: string;
}

export interface ExportRequest {
  target: ExportTarget;
  /** The graph file, as the person named it. */
  graphFile: string;
  /** The graph's `name`, or its file name: shown in the program's --help and the model's name (as data). */
  graphName: string;
  datasetRef: DatasetRef;
  /** The run built from the graph: its data loaded, the starting weights (if any) already in its program. */
  run: Run;
  /** The program or model file. */
  output: string;
  /** The weights the export starts from: a program gets a copy beside it; a model holds them (they are in `run`). */
  weights?: { path: string; read: () => Uint8Array };
}

export type PlannedFileRole = 'main' | 'data' | 'weights';

export interface PlannedExportFile {
  path: string;
  role: PlannedFileRole;
  /** In messages: "the exported script", "the exported dataset". */
  description: string;
  /** Produced only when the file is written, after every file was checked. */
  bytes: () => Uint8Array;
}

/** A file an export must leave alone, and what it is to the person (node/safeWrite.ts's ProtectedFile). */
export interface ProtectedExportFile { path: string; role: string }

export interface ExportPlan {
  /** Every file to write; the main file last, so a program never exists without what it reads. */
  files: readonly PlannedExportFile[];
  main: PlannedExportFile;
  protectedFiles: readonly ProtectedExportFile[];
  /** Which weights the export holds or starts from: "the weights in tutorial.safetensors", or the seed's initial ones. */
  weightsSource: string;
}

const programGenerators: Record<Exclude<ExportTarget, 'onnx'>, (input: GraphExport) => string> = {
  pytorch: exportPytorch,
  keras: exportKeras,
  tfjs: exportTfjs,
};

/** The graph, its CSV and the weights being read: an export writes none of them. */
export function protectedFilesOf(graphFile: string, datasetRef: DatasetRef, weightsPath: string | undefined, paths: ExportPaths): ProtectedExportFile[] {
  const kept: ProtectedExportFile[] = [{ path: paths.resolve(graphFile), role: 'the graph file itself' }];
  if (datasetRef.kind === 'csv') kept.push({ path: csvFileOf(graphFile, datasetRef.path, paths), role: "the graph's CSV data file" });
  if (weightsPath !== undefined) kept.push({ path: paths.resolve(weightsPath), role: 'the weights file being exported' });
  return kept;
}

export function planExport(request: ExportRequest, paths: ExportPaths): ExportPlan {
  const { run, weights } = request;
  const weightsSource = weights === undefined
    ? `the initial weights of seed ${run.training.seed} (untrained)`
    : `the weights in ${paths.basename(weights.path)}`;
  const protectedFiles = protectedFilesOf(request.graphFile, request.datasetRef, weights?.path, paths);
  const files = request.target === 'onnx'
    ? [onnxFile(request, weightsSource)]
    : programFiles(request, request.target, paths);
  return { files, main: files[files.length - 1], protectedFiles, weightsSource };
}

function onnxFile(request: ExportRequest, weightsSource: string): PlannedExportFile {
  const { run } = request;
  const { spec } = run.program;
  return {
    path: request.output, role: 'main', description: exportTargets.onnx.fileDescription,
    bytes: () => exportOnnx({
      graphName: request.graphName, spec, weights: run.program.getWeights(), normalization: run.data.normalization,
      featureNames: featureColumnNames(run.data.raw), outputColumns: outputColumnNames(run, spec.valueWidths[spec.loss.predictions]),
      weightsSource,
    }),
  };
}

function programFiles(request: ExportRequest, target: Exclude<ExportTarget, 'onnx'>, paths: ExportPaths): PlannedExportFile[] {
  const { run, datasetRef, output: script, weights } = request;
  const stem = script.slice(0, script.length - paths.extname(script).length);
  /** A path as the program finds it from its own folder, with '/' (the program resolves it beside itself). */
  const fromScript = (path: string): string => paths.relative(paths.dirname(paths.resolve(script)), paths.resolve(path)).split(paths.sep).join('/');
  const files: PlannedExportFile[] = [];
  let csvPath: string;
  if (datasetRef.kind === 'builtin') {
    csvPath = `${stem}.data.csv`;
    files.push({ path: csvPath, role: 'data', description: 'the exported dataset', bytes: () => encode(datasetCsv(run.data.raw)) });
  } else {
    csvPath = csvFileOf(request.graphFile, datasetRef.path, paths);
  }
  let initPath: string | undefined;
  if (weights !== undefined) {
    initPath = `${stem}.init.safetensors`;
    files.push({ path: initPath, role: 'weights', description: 'the exported starting weights', bytes: weights.read });
  }
  const input = graphExportOf({
    graphName: request.graphName, spec: run.program.spec, training: run.training, normalize: run.data.normalization.method,
    datasetRef, builtinRows: run.data.raw,
  }, fromScript(csvPath), initPath !== undefined ? fromScript(initPath) : undefined);
  const generate = programGenerators[target];
  files.push({ path: script, role: 'main', description: exportTargets[target].fileDescription, bytes: () => encode(generate(input)) });
  return files;
}

function csvFileOf(graphFile: string, csvPath: string, paths: ExportPaths): string {
  return paths.resolve(paths.dirname(paths.resolve(graphFile)), csvPath);
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
