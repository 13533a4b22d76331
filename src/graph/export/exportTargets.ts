// The four things a graph can be exported as, in one table the command line (`--to`, default names, what runs the
// program) and the editor (the quick pick, the save dialog's filter) both read.
import { graphBaseName } from '../files';

export const exportTargetIds = ['pytorch', 'keras', 'tfjs', 'onnx'] as const;
export type ExportTarget = (typeof exportTargetIds)[number];

export interface ExportTargetInfo {
  /** In the editor's quick pick: "PyTorch script". */
  label: string;
  /** The quick pick's description: what the file is and what it needs. */
  detail: string;
  /** The default file's ending after the graph's base name: `tutorial` + `.keras.py`. */
  ending: string;
  /** In messages and refusals: "the exported script". */
  fileDescription: string;
  /** The save dialog's filter: its name and the file extensions it shows. */
  fileType: { name: string; extensions: readonly string[] };
  /** The program that runs a training program (`python3 tutorial.py --help`); none for a model file. */
  runner?: 'python3' | 'node';
}

export const exportTargets: Readonly<Record<ExportTarget, ExportTargetInfo>> = {
  pytorch: {
    label: 'PyTorch script',
    detail: 'A standalone Python script (torch, numpy): an nn.Module and a training loop that mean what the graph means',
    ending: '.py', fileDescription: 'the exported script', fileType: { name: 'Python script', extensions: ['py'] }, runner: 'python3',
  },
  keras: {
    label: 'Keras script',
    detail: 'A Python script in the tutorial\'s style (Sequential or functional API) that trains with TensorFlow',
    ending: '.keras.py', fileDescription: 'the exported script', fileType: { name: 'Python script', extensions: ['py'] }, runner: 'python3',
  },
  tfjs: {
    label: 'TensorFlow.js program',
    detail: 'A standalone Node program that builds and trains the model with @tensorflow/tfjs',
    ending: '.tfjs.cjs', fileDescription: 'the exported script', fileType: { name: 'Node program', extensions: ['cjs', 'js'] }, runner: 'node',
  },
  onnx: {
    label: 'ONNX model',
    detail: 'The trained model as an inference graph with its weights, taking raw feature rows (onnxruntime and other tools)',
    ending: '.onnx', fileDescription: 'the exported ONNX model', fileType: { name: 'ONNX model', extensions: ['onnx'] },
  },
};

export function isExportTarget(text: string): text is ExportTarget {
  return (exportTargetIds as readonly string[]).includes(text);
}

/** The file name an export gets by default, beside the graph: `tutorial.nngraph` → `tutorial.keras.py`. */
export function defaultExportFileName(graphFileName: string, target: ExportTarget): string {
  return `${graphBaseName(graphFileName)}${exportTargets[target].ending}`;
}
