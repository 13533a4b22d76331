// Reading a .nngraph file and checking it, shared by every command.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { analyzeGraph, hasErrors, type Analysis, weightsFileNameFor } from '../graph/index';
import { createDatasetScanner, type DataOptions, type DatasetReader } from './data';
import { CliError, describeFsError } from './errors';
import { formatDiagnostic, type Output } from './output';

export function readGraphText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`nngraph: cannot read '${file}': ${describeFsError(error)}`);
  }
}

/** The trained weights the editor and `train --save-weights` keep beside the graph: `<name>.safetensors`. */
export function weightsBesideGraph(file: string): string {
  return join(dirname(file), weightsFileNameFor(basename(file)));
}

export interface CheckedFile {
  text: string;
  analysis: Analysis;
  datasets: DatasetReader;
  errorCount: number;
  warningCount: number;
}

/** Reads and analyzes a file, prints its diagnostics (and any CSV problem), and counts them. */
export async function checkGraphFile(file: string, output: Output, dataOptions: DataOptions): Promise<CheckedFile> {
  const text = readGraphText(file);
  let first: Analysis | undefined;
  // As training sees the graph (trainable.ts): an unfinished graph's warnings that keep it from training are errors
  // here, so `nngraph check` exits 1 for a graph Train would refuse; a node that feeds nothing stays a warning.
  const datasets = await createDatasetScanner(file, dataOptions, (options) => {
    first = analyzeGraph(text, { ...options, forTraining: true });
    return first.dataset;
  });
  // With no CSV named, the scan read nothing the first analysis lacked, so it is the analysis (a 5 MB file is not
  // checked twice); a CSV's description and problems call for a second one.
  const analysis = first !== undefined && first.dataset?.kind !== 'csv' ? first : analyzeGraph(text, { ...datasets.analyzeOptions, forTraining: true });
  let errorCount = 0;
  let warningCount = 0;
  for (const diagnostic of analysis.diagnostics) {
    output.out(formatDiagnostic(file, diagnostic));
    if (diagnostic.severity === 'error') errorCount++;
    else if (diagnostic.severity === 'warning') warningCount++;
  }
  for (const problem of datasets.problems) output.out(problem);
  if (errorCount === 0 && hasErrors(analysis.diagnostics)) errorCount = 1;
  return { text, analysis, datasets, errorCount, warningCount };
}
