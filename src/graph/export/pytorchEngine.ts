// What the PyTorch engine runs (the command line's `train --engine pytorch` and the editor's Train with PyTorch): the
// exported script and, for a built-in set, its rows as a CSV beside it. Pure: the runner (src/node/pytorchRunner.ts)
// writes them into its private folder; a graph's own CSV is read where it is, by its absolute path.
import { datasetCsv } from './datasetCsv';
import { graphExportOf, type ExportSource } from './exportData';
import { exportPytorch } from './pytorch';

export interface PytorchEngineFiles {
  script: string;
  /** Files the script opens from its own folder. */
  files: Array<{ name: string; text: string }>;
}

const builtinCsvName = 'data.csv';

/** `csvPath`: the graph's CSV file as an absolute path (for a CSV data set). */
export function pytorchEngineFiles(source: ExportSource, csvPath?: string): PytorchEngineFiles {
  if (source.datasetRef.kind === 'csv') {
    if (csvPath === undefined) throw new Error(`the CSV data set '${source.datasetRef.path}' was not resolved to a file`);
    return { script: exportPytorch(graphExportOf(source, csvPath)), files: [] };
  }
  if (source.builtinRows === undefined) throw new Error(`the built-in data set '${source.datasetRef.name}' was not loaded`);
  return {
    script: exportPytorch(graphExportOf(source, builtinCsvName)),
    files: [{ name: builtinCsvName, text: datasetCsv(source.builtinRows) }],
  };
}
