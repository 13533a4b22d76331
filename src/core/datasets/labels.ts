// Lays a data set's labels out the way a compiled program reads them (ProgramSpec.labelKind / labelWidth): a class
// index column, one-hot rows, 0/1 columns, or real values. The input node "provides what the loss needs"; this is that.
import type { Dataset, LabelKind } from '../types';
import { DatasetError } from './errors';

export interface LabelLayout { labelKind: LabelKind; labelWidth: number; classCount: number }

/**
 * Returns the data set with labels in the requested layout (the same object when nothing changes). Throws a
 * DatasetError that names the data set when the labels cannot be read that way (e.g. 10 classes for a binary loss).
 */
export function layOutLabels(dataset: Dataset, layout: LabelLayout): Dataset {
  const { labelKind, labelWidth } = layout;
  if (dataset.labelKind === labelKind && dataset.labelWidth === labelWidth) return dataset;
  const where = `dataset '${dataset.name}'`;
  if (labelKind === 'regression') {
    if (dataset.labelWidth !== labelWidth) {
      throw new DatasetError(`${where} has ${dataset.labelWidth} label column(s) but the model predicts ${labelWidth} value(s)`);
    }
    return { ...dataset, labelKind };
  }
  if (dataset.labelKind === 'regression') {
    throw new DatasetError(`${where} has real-valued labels, which a classification loss cannot use; use an mse loss, or whole-number class labels`);
  }
  const classIndices = readClassIndices(dataset);
  const classCount = Math.max(dataset.classCount, layout.classCount);
  switch (labelKind) {
    case 'index':
      return { ...dataset, labels: classIndices, labelKind, labelWidth: 1, classCount };
    case 'onehot': {
      if (dataset.classCount > labelWidth) {
        throw new DatasetError(`${where} has ${dataset.classCount} classes but the model's output has ${labelWidth} units; give the last dense layer ${dataset.classCount} units`);
      }
      const labels = new Float32Array(dataset.sampleCount * labelWidth);
      for (let i = 0; i < dataset.sampleCount; i++) labels[i * labelWidth + classIndices[i]] = 1;
      return { ...dataset, labels, labelKind, labelWidth, classCount: labelWidth };
    }
    case 'binary': {
      if (labelWidth !== 1 || dataset.classCount > 2) {
        throw new DatasetError(`${where} has ${dataset.classCount} classes; binary cross-entropy needs two (labels 0 and 1); use categorical cross-entropy with softmax`);
      }
      return { ...dataset, labels: classIndices, labelKind, labelWidth: 1, classCount: 2 };
    }
  }
}

/** One class index per sample, from an index column, a single 0/1 column, or one-hot rows. */
function readClassIndices(dataset: Dataset): Float32Array {
  const { sampleCount, labelWidth, labels } = dataset;
  if (labelWidth === 1) return labels;
  if (dataset.labelKind === 'binary') {
    throw new DatasetError(`dataset '${dataset.name}' has ${labelWidth} independent 0/1 label columns (multi-label); it needs a binary loss with ${labelWidth} output units`);
  }
  const indices = new Float32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) {
    let best = 0;
    for (let c = 1; c < labelWidth; c++) if (labels[i * labelWidth + c] > labels[i * labelWidth + best]) best = c;
    indices[i] = best;
  }
  return indices;
}
