// What every export (PyTorch, Keras, TF.js) is generated from: the compiled graph, its training settings and where
// the program finds its rows. The command line fills it in; the generators only turn it into text.
import type { ProgramSpec, TrainingConfig } from '../../core/index';
import type { NormalizeMode } from '../nodeTypes';

export interface GraphExport {
  /** The graph's name, shown in the program's --help (as data). */
  graphName: string;
  spec: ProgramSpec;
  training: TrainingConfig;
  normalize: NormalizeMode;
  /** The rows: a CSV path relative to the program, its label column and feature columns (all but the label by default). */
  data: { csv: string; label: string; features?: readonly string[] };
  /** A safetensors file, relative to the program, to start from unless --init-weights says otherwise. */
  defaultInitWeights?: string;
}

/** Whether the run reports accuracy: asked for, and the loss classifies. */
export function reportsAccuracy(input: GraphExport): boolean {
  return input.training.metrics.includes('accuracy') && input.spec.loss.kind !== 'mse';
}
