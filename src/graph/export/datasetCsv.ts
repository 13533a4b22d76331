// The CSV text an export writes and `nngraph predict` prints: a built-in set as the rows the program trains on, and
// the column names both use for feature rows and outputs.
import type { Dataset, LossSpec, Run } from '../../core/index';

/** One CSV cell as text: quoted (quotes doubled) when it holds a comma, a quote or a line break; names come from files. */
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

/** The feature columns an input CSV names: the dataset's feature names, or x0, x1… for a built-in set without. */
export function featureColumnNames(dataset: Pick<Dataset, 'featureCount' | 'featureNames'>): string[] {
  return dataset.featureNames ?? Array.from({ length: dataset.featureCount }, (_, f) => `x${f}`);
}

/** The names of a model's outputs: one probability per class, else one column per output unit. */
export function outputColumnNames(run: Run, width: number): string[] {
  return predictionColumnNames(run.program.spec.loss.kind, width, run.data.dataset.classNames);
}

/** The same names from the loss alone (a graph without a dataset: classes are then named by their index). */
export function predictionColumnNames(loss: LossSpec['kind'], width: number, classNames?: readonly string[]): string[] {
  if (loss === 'categorical-cross-entropy') {
    return Array.from({ length: width }, (_, c) => `p(${classNames?.[c] ?? String(c)})`);
  }
  if (loss === 'binary-cross-entropy' && width === 1) return [`p(${classNames?.[1] ?? '1'})`];
  return Array.from({ length: width }, (_, c) => (width === 1 ? 'prediction' : `prediction_${c}`));
}

/**
 * A built-in set as the CSV the program reads: the feature columns, then the label (a class index). Each float32
 * value is printed as the shortest decimal of its exact double, which reads back as the same float32: our exact rows.
 */
export function datasetCsv(dataset: Dataset): string {
  const { featureCount, sampleCount, features, labels } = dataset;
  const lines = [[...featureColumnNames(dataset), labelColumnName(dataset)].map(csvCell).join(',')];
  for (let r = 0; r < sampleCount; r++) {
    const row: string[] = [];
    for (let f = 0; f < featureCount; f++) row.push(String(features[r * featureCount + f]));
    row.push(String(labels[r]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
