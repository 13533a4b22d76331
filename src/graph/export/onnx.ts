// `nngraph export --to onnx`: a compiled graph and its weights → the bytes of an ONNX model (opset 20, IR version 9)
// that computes what `nngraph predict` prints, from raw feature rows. Pure: no files; the caller picks the weights
// (trained, or the seed's initial ones) and where the model goes. Text from the file (the graph's name, node ids,
// column and class names) goes only into ONNX string fields that nothing evaluates: names, doc strings, metadata.
import type { NamedTensor, NormalizationStats, ProgramSpec } from '../../core/index';
import { INPUT_NAME, onnxBody } from './onnxGraph';
import { encodeOnnxModel, ONNX_FLOAT, type OnnxValueInfo } from '../onnxSchema';

/** Opset 20 is the first with Gelu as an operator; onnxruntime runs it from version 1.17 on. */
export const ONNX_OPSET = 20;
/** The IR version that goes with opset 20 (ONNX 1.15). */
const ONNX_IR_VERSION = 9;
const BATCH = 'batch';

export interface OnnxExport {
  /** The graph's name: the ONNX graph's name (as data). */
  graphName: string;
  spec: ProgramSpec;
  /** `<nodeId>.kernel` [in, units] and `<nodeId>.bias` [units] for every dense node, as the core keeps them. */
  weights: readonly NamedTensor[];
  /** The scaling fitted on the training rows; folded into the model so it takes raw features. */
  normalization: NormalizationStats;
  /** The input's columns, in order, and the output's (`p(class)`…), as `nngraph predict` names them. */
  featureNames: readonly string[];
  outputColumns: readonly string[];
  /** Where the weights came from, for the model's description ("trained weights from model.safetensors"). */
  weightsSource: string;
}

function matrixInfo(name: string, width: number, docString: string): OnnxValueInfo {
  return { name, docString, type: { tensorType: { elemType: ONNX_FLOAT, shape: { dim: [{ dimParam: BATCH }, { dimValue: width }] } } } };
}

function outputName(spec: ProgramSpec): string {
  return spec.loss.kind === 'mse' ? 'predictions' : 'probabilities';
}

export function exportOnnx(input: OnnxExport): Uint8Array {
  const { spec, normalization } = input;
  const output = outputName(spec);
  const body = onnxBody(spec, input.weights, normalization, output);
  const scaling = normalization.method === 'none'
    ? 'used as they are (the graph does not normalize)'
    : `normalized inside the model (${normalization.method}, with the statistics of the training rows)`;
  return encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'nngraph',
    docString: `Exported by NN Graph (nngraph export --to onnx) with ${input.weightsSource}. `
      + `The input '${INPUT_NAME}' holds raw feature rows, ${scaling}; the output '${output}' is what nngraph predict prints.`,
    graph: {
      name: input.graphName,
      node: body.nodes,
      initializer: body.initializers,
      input: [matrixInfo(INPUT_NAME, spec.featureCount, `raw features, columns: ${JSON.stringify(input.featureNames)}`)],
      output: [matrixInfo(output, spec.valueWidths[spec.loss.predictions], `columns: ${JSON.stringify(input.outputColumns)}`)],
    },
    metadataProps: [
      { key: 'feature_names', value: JSON.stringify(input.featureNames) },
      { key: 'output_columns', value: JSON.stringify(input.outputColumns) },
    ],
  });
}
