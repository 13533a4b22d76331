// Where an exported training program finds its rows: a graph's CSV by its path, or a built-in set written out as a
// CSV of our exact rows. Shared by `nngraph export` and the PyTorch engine (command line and editor), which both
// build the program's input here; neither the file paths nor the writing are decided here.
import type { Dataset, ProgramSpec, TrainingConfig } from '../../core/index';
import type { NormalizeMode } from '../nodeTypes';
import type { DatasetRef } from '../types';
import { labelColumnName } from './datasetCsv';
import type { GraphExport } from './exportInput';

/** The compiled graph an export describes, and its data set (the loaded rows are needed for a built-in set only). */
export interface ExportSource {
  graphName: string;
  spec: ProgramSpec;
  training: TrainingConfig;
  normalize: NormalizeMode;
  datasetRef: DatasetRef;
  /** The built-in set's rows, for its label column's name. */
  builtinRows?: Dataset;
}

/**
 * The generators' input. `csv` is the path the program opens (relative to it, or absolute): the graph's CSV, or
 * where the caller writes `datasetCsv(builtinRows)`.
 */
export function graphExportOf(source: ExportSource, csv: string, defaultInitWeights?: string): GraphExport {
  const { datasetRef } = source;
  let data: GraphExport['data'];
  if (datasetRef.kind === 'csv') {
    data = { csv, label: datasetRef.label, ...(datasetRef.features ? { features: datasetRef.features } : {}) };
  } else {
    if (source.builtinRows === undefined) throw new Error(`the built-in data set '${datasetRef.name}' was not loaded`);
    data = { csv, label: labelColumnName(source.builtinRows) };
  }
  return {
    graphName: source.graphName, spec: source.spec, training: source.training, normalize: source.normalize, data,
    ...(defaultInitWeights !== undefined ? { defaultInitWeights } : {}),
  };
}
