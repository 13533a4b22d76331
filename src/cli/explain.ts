// `nngraph explain FILE --sample N`: one row of the graph's dataset (file order, after the graph's normalization)
// through the model, forward and backward, with every node's output and gradient (src/core/explain/). It builds the
// same Run as `train` and `predict`, so the row and its scaling are exactly what training reads.
import { existsSync } from 'node:fs';
import { explainSample, explanationJson, type Explanation, type ExplanationContext, type Run } from '../core/index';
import type { ExplainOptions } from './args';
import { CliError } from './errors';
import { formatExplanation } from './explainText';
import { weightsBesideGraph } from './graphFile';
import type { Output } from './output';
import { prepareRun } from './trainSetup';

export function runExplain(file: string, options: ExplainOptions, output: Output): number {
  // Without --weights: the trained weights beside the graph when there are some, else the seed's initial ones.
  const beside = weightsBesideGraph(file);
  const weightsFile = options.weights ?? (existsSync(beside) ? beside : undefined);
  const prepared = prepareRun(file, { root: options.root, maxCsvMegabytes: options.maxCsvMegabytes, initWeights: weightsFile, backend: 'js' }, output, 'nothing was explained');
  try {
    const { run } = prepared;
    const { dataset } = run.data;
    const row = options.sample;
    if (row >= dataset.sampleCount) {
      const rows = dataset.sampleCount === 0 ? 'no rows' : `${dataset.sampleCount} rows (0 to ${dataset.sampleCount - 1})`;
      throw new CliError(`nngraph: --sample ${row} is past the end of ${file}'s dataset, which has ${rows}`);
    }
    const explanation = explainRow(file, run, prepared.inputNodeId, row);
    const context: ExplanationContext = {
      sampleIndex: row, sampleCount: dataset.sampleCount, label: labelOf(run, row),
      weights: weightsFile !== undefined ? { source: 'file', path: weightsFile } : { source: 'initial', seed: run.training.seed },
    };
    const json = explanationJson(explanation, context);
    output.out(options.json ? JSON.stringify(json) : formatExplanation(file, json, explanation, beside));
    return 0;
  } finally {
    prepared.run.dispose();
  }
}

function explainRow(file: string, run: Run, inputNodeId: string, row: number): Explanation {
  const { features, labels, featureCount, labelWidth } = run.data.dataset;
  try {
    return explainSample({
      spec: run.program.spec, weights: run.program.getWeights(), inputNodeId,
      features: features.subarray(row * featureCount, (row + 1) * featureCount),
      labels: labels.subarray(row * labelWidth, (row + 1) * labelWidth),
    });
  } catch (error) {
    throw new CliError(`${file}: cannot explain row ${row}: ${(error as Error).message}`);
  }
}

/** A class index as a number; any other label (binary columns, one-hot, regression targets) as its columns. */
function labelOf(run: Run, row: number): number | number[] {
  const { dataset } = run.data;
  const columns = Array.from(dataset.labels.subarray(row * dataset.labelWidth, (row + 1) * dataset.labelWidth));
  return dataset.labelKind === 'index' ? columns[0] : columns;
}
