// `nngraph export FILE --to onnx`: the trained model as one ONNX file that takes raw feature rows and gives what
// `nngraph predict` prints. It builds the same Run as predict (the same weights, the normalization fitted on the same
// training rows), so the two agree; the graph layer turns that into bytes (graph/export/onnx.ts).
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportOnnx, graphBaseName, ONNX_OPSET } from '../graph/index';
import { newFileKind } from '../node/safeWrite';
import type { ExportOptions } from './args';
import { protectedFilesOf, writeAll } from './exportFiles';
import { weightsBesideGraph } from './graphFile';
import type { Output } from './output';
import { featureColumnNames, outputColumnNames } from './predict';
import { prepareRun } from './trainSetup';

export function runOnnxExport(file: string, options: ExportOptions, output: Output): number {
  const beside = weightsBesideGraph(file);
  const weightsPath = options.weights ?? (existsSync(beside) ? beside : undefined);
  const prepared = prepareRun(file, { root: options.root, maxCsvMegabytes: options.maxCsvMegabytes, initWeights: weightsPath }, output, 'nothing was exported');
  try {
    const { run } = prepared;
    const { spec } = run.program;
    const weightsSource = weightsPath === undefined
      ? `the initial weights of seed ${run.training.seed} (untrained)`
      : `the weights in ${basename(weightsPath)}`;
    if (weightsPath === undefined) {
      output.err(`nngraph: export: ${beside} does not exist, so the model holds the untrained initial weights of seed `
        + `${run.training.seed}; pass --weights F, or train first (nngraph train ${file} --save-weights ${beside})`);
    }
    const bytes = exportOnnx({
      graphName: prepared.name, spec, weights: run.program.getWeights(), normalization: run.data.normalization,
      featureNames: featureColumnNames(run.data.raw), outputColumns: outputColumnNames(run, spec.valueWidths[spec.loss.predictions]),
      weightsSource,
    });
    const path = options.output ?? join(dirname(file), `${graphBaseName(basename(file))}.onnx`);
    const target = { path, kind: newFileKind('the exported ONNX model'), protectedFiles: protectedFilesOf(file, prepared.datasetRef, weightsPath), overwriteOtherKind: options.force };
    writeAll([{ target, bytes: () => bytes }]);
    output.out(`Wrote ${path} (ONNX opset ${ONNX_OPSET}, ${weightsSource}): input 'features' takes raw feature rows, normalized inside the model`);
    return 0;
  } finally {
    prepared.run.dispose();
  }
}
