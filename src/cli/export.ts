// `nngraph export FILE --to pytorch|keras|tfjs|onnx`: builds the same Run as train and predict, and writes what the
// graph layer plans (graph/export/exportPlan.ts, shared with the editor's Export command): the program and beside it
// a built-in dataset as CSV and, with --weights, the starting weights; or the ONNX model with the trained weights
// (`<name>.safetensors` beside the graph by default). Every file is checked before any is written, and written
// atomically, never onto the graph or its data and never over an existing file without --force (node/safeWrite.ts).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultExportFileName, exportTargets, ONNX_OPSET, planExport } from '../graph/index';
import type { ExportOptions } from './args';
import { CliError, describeFsError } from './errors';
import { writeAll } from './exportFiles';
import { weightsBesideGraph } from './graphFile';
import type { Output } from './output';
import { prepareRun } from './trainSetup';

export function runExport(file: string, options: ExportOptions, output: Output): number {
  // A model holds trained weights, so ONNX takes them from beside the graph unless told otherwise; a program starts
  // from its seed's initial weights unless --weights names a file.
  const beside = weightsBesideGraph(file);
  const weightsPath = options.weights ?? (options.to === 'onnx' && existsSync(beside) ? beside : undefined);
  const prepared = prepareRun(file, { root: options.root, maxCsvMegabytes: options.maxCsvMegabytes, initWeights: weightsPath }, output, 'nothing was exported');
  try {
    const { run } = prepared;
    if (options.to === 'onnx' && weightsPath === undefined) {
      output.err(`nngraph: export: ${beside} does not exist, so the model holds the untrained initial weights of seed `
        + `${run.training.seed}; pass --weights F, or train first (nngraph train ${file} --save-weights ${beside})`);
    }
    const target = options.output ?? path.join(path.dirname(file), defaultExportFileName(path.basename(file), options.to));
    const plan = planExport({
      target: options.to, graphFile: file, graphName: prepared.name, datasetRef: prepared.datasetRef, run, output: target,
      ...(weightsPath !== undefined ? { weights: { path: weightsPath, read: () => readWeights(weightsPath) } } : {}),
    }, path);
    writeAll(plan, options.force);
    const runner = exportTargets[options.to].runner;
    output.out(runner === undefined
      ? `Wrote ${target} (ONNX opset ${ONNX_OPSET}, ${plan.weightsSource}): input 'features' takes raw feature rows, normalized inside the model`
      : `Wrote ${plan.files.map((planned) => planned.path).join(', ')}; run: ${runner} ${target} --help`);
    return 0;
  } finally {
    prepared.run.dispose();
  }
}

function readWeights(weightsPath: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(weightsPath));
  } catch (error) {
    throw new CliError(`nngraph: cannot read the weights file '${weightsPath}': ${describeFsError(error)}`);
  }
}
