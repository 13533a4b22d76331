// Accuracy and the confusion matrix. Binary predictions count as class 1 above 0.5 (logits above 0), categorical
// ones by argmax, as Keras' binary_accuracy and categorical_accuracy.
import type { ProgramSpec } from './types';
import type { FloatArray } from './tensor';
import type { TrainingProgram } from './program/types';
import { argmaxRow } from './tensor';

/** Whether the program's loss is a cross-entropy, i.e. accuracy means something. */
export function hasAccuracy(spec: ProgramSpec): boolean {
  return spec.loss.kind !== 'mse';
}

/**
 * The number of correctly classified rows among the first `rows`. For multi-column binary labels each row counts the
 * fraction of its columns that are right, so correct / rows is Keras' binary accuracy. `predictions` are logits when
 * `fromLogits`, probabilities otherwise. Regression: 0.
 */
export function countCorrect(spec: ProgramSpec, predictions: FloatArray, labels: FloatArray, rows: number): number {
  const loss = spec.loss;
  const width = spec.valueWidths[loss.predictions];
  if (loss.kind === 'mse') return 0;
  if (loss.kind === 'binary-cross-entropy') {
    const threshold = loss.fromLogits ? 0 : 0.5;
    let correctCells = 0;
    const count = rows * width;
    for (let i = 0; i < count; i++) {
      const predicted = predictions[i] > threshold;
      const actual = labels[i] > 0.5;
      if (predicted === actual) correctCells++;
    }
    return correctCells / width;
  }
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    if (argmaxRow(predictions, r * width, width) === trueClass(spec, labels, r, width)) correct++;
  }
  return correct;
}

/**
 * The class row r of `probabilities` is predicted as, by the rule of the confusion matrix: one binary column is class 1
 * above 0.5, several categorical columns their argmax. −1 where no single class is predicted (regression, or binary
 * labels of several columns).
 */
export function predictedClass(spec: ProgramSpec, probabilities: FloatArray, row: number): number {
  const width = spec.valueWidths[spec.loss.predictions];
  if (spec.loss.kind === 'mse') return -1;
  if (spec.loss.kind === 'binary-cross-entropy') return width === 1 ? (probabilities[row] > 0.5 ? 1 : 0) : -1;
  return argmaxRow(probabilities, row * width, width);
}

/** The true class of row r: its index label, or the argmax of its one-hot row. */
function trueClass(spec: ProgramSpec, labels: FloatArray, row: number, width: number): number {
  return spec.labelKind === 'index' ? labels[row] : argmaxRow(labels, row * width, width);
}

/**
 * counts[actual][predicted] over n samples. Binary labels give a 2×2 matrix (with several label columns every
 * column adds its cells); regression programs give an empty matrix.
 */
export function confusionMatrix(
  program: TrainingProgram, features: Float32Array, labels: Float32Array, sampleCount: number,
): number[][] {
  const spec = program.spec;
  if (spec.loss.kind === 'mse') return [];
  const width = spec.valueWidths[spec.loss.predictions];
  const probabilities = program.predict(features, sampleCount);
  if (spec.loss.kind === 'binary-cross-entropy') {
    const counts = [[0, 0], [0, 0]];
    for (let i = 0; i < sampleCount * width; i++) counts[labels[i] > 0.5 ? 1 : 0][probabilities[i] > 0.5 ? 1 : 0]++;
    return counts;
  }
  const counts = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (let r = 0; r < sampleCount; r++) {
    const actual = trueClass(spec, labels, r, width);
    if (actual >= 0 && actual < width) counts[actual][predictedClass(spec, probabilities, r)]++;
  }
  return counts;
}
