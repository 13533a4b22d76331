// `nngraph predict FILE`: the trained model's outputs for each row of its dataset, or of a CSV of raw feature rows.
// It builds the same Run as `train` (the same split, normalization fitted on the same training rows, the same program),
// so its numbers are the reference the exported scripts are compared against.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_MAX_CSV_MEGABYTES, formatCsvError, isCsvError, parseCsvFeatureRows, type Dataset, type Run } from '../core/index';
import { csvCell, featureColumnNames, outputColumnNames } from '../graph/index';
import type { PredictOptions } from './args';
import { CliError, describeFsError } from './errors';
import { weightsBesideGraph } from './graphFile';
import type { Output } from './output';
import { prepareRun } from './trainSetup';

export function runPredict(file: string, options: PredictOptions, output: Output): number {
  const weights = options.weights ?? defaultWeightsFile(file);
  const prepared = prepareRun(file, { root: options.root, maxCsvMegabytes: options.maxCsvMegabytes, initWeights: weights }, output, 'nothing was predicted');
  try {
    const { run } = prepared;
    const rows = options.input === undefined ? datasetRows(run) : inputRows(run, options.input, options.maxCsvMegabytes);
    const outputs = run.predict(rows.features, rows.sampleCount);
    const width = rows.sampleCount > 0 ? outputs.length / rows.sampleCount : 0;
    if (!options.json) output.out(outputColumnNames(run, width).map(csvCell).join(','));
    for (let r = 0; r < rows.sampleCount; r++) {
      const values = Array.from(outputs.subarray(r * width, (r + 1) * width));
      output.out(options.json ? JSON.stringify(values) : values.join(','));
    }
    return 0;
  } finally {
    prepared.run.dispose();
  }
}

/** Without --weights: the file the editor and `train --save-weights` keep beside the graph. */
function defaultWeightsFile(file: string): string {
  const path = weightsBesideGraph(file);
  if (!existsSync(path)) {
    throw new CliError(`nngraph: no trained weights for ${file}: ${path} does not exist; pass --weights F, `
      + `or train first (nngraph train ${file} --save-weights ${path})`);
  }
  return path;
}

interface FeatureRows { features: Float32Array; sampleCount: number }

/** The graph's own dataset, in file order, scaled as training scaled it. */
function datasetRows(run: Run): FeatureRows {
  return { features: run.data.dataset.features, sampleCount: run.data.dataset.sampleCount };
}

/** Raw feature rows from a CSV, found by the dataset's feature names and scaled with the training rows' statistics. */
function inputRows(run: Run, path: string, maxCsvMegabytes = DEFAULT_MAX_CSV_MEGABYTES): FeatureRows {
  const { dataset } = run.data;
  const featureNames = featureColumnNames(dataset);
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > maxCsvMegabytes * 1e6) {
      throw new CliError(`nngraph: --input ${path} is ${(size / 1e6).toFixed(1)} MB, over the ${maxCsvMegabytes} MB cap (raise it with --max-csv-mb)`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`nngraph: cannot read the input '${path}': ${describeFsError(error)}`);
  }
  const parsed = parseCsvFeatureRows(text, featureNames, path);
  if (isCsvError(parsed)) throw new CliError(formatCsvError({ ...parsed, message: `error: ${parsed.message}` }));
  return { features: run.scaleFeatures(parsed.features), sampleCount: parsed.sampleCount };
}
