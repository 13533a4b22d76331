// Where an exported training program finds its rows: a graph's CSV by its path, or a built-in set written out as a
// CSV of our exact rows. Shared by `nngraph export` and the PyTorch engine (command line and editor), which both
// build the program's input here; neither the file paths nor the writing are decided here.
import type { Dataset, ProgramSpec, TrainingConfig } from '../../core/index';
import type { NormalizeMode } from '../nodeTypes';
import type { DatasetRef } from '../types';
import type { GraphExport } from './exportInput';

/** Quoted (quotes doubled) when it holds a comma, a quote or a line break: names come from data files. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 'label', or 'label_', 'label__'… when a feature already has that name. */
export function labelColumnName(dataset: Dataset): string {
  const features = new Set(dataset.featureNames ?? []);
  let name = 'label';
  while (features.has(name)) name += '_';
  return name;
}

/**
 * A built-in set as the CSV the program reads: the feature columns, then the label (a class index). Each float32
 * value is printed as the shortest decimal of its exact double, which reads back as the same float32: our exact rows.
 */
export function datasetCsv(dataset: Dataset): string {
  const { featureCount, sampleCount, features, labels } = dataset;
  const names = dataset.featureNames ?? Array.from({ length: featureCount }, (_, f) => `x${f}`);
  const lines = [[...names, labelColumnName(dataset)].map(csvCell).join(',')];
  for (let r = 0; r < sampleCount; r++) {
    const row: string[] = [];
    for (let f = 0; f < featureCount; f++) row.push(String(features[r * featureCount + f]));
    row.push(String(labels[r]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

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
