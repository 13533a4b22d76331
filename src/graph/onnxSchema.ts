// The part of ONNX's protobuf schema (onnx.proto, IR version 9) that the exporter writes and the importer reads,
// declared with protobufjs' reflection API instead of shipping onnx.proto: the field numbers below are the schema's
// own and must never change. Encoding and decoding are protobufjs'; this file only names the messages and their
// fields. Fields the exporter never sets (a Constant's tensor, int and float lists, other tensor encodings) are here
// for the importer; protobufjs skips any field a file holds that is not declared.
import { Root, type INamespace, type Type } from 'protobufjs/light';

/** TensorProto.DataType.FLOAT: every value and weight in an exported model is float32 (a features node's column indices aside). */
export const ONNX_FLOAT = 1;
/** TensorProto.DataType INT64: the indices Gather reads. */
export const ONNX_INT64 = 7;

/** AttributeProto.AttributeType values this exporter writes. */
export const ATTRIBUTE_FLOAT = 1;
export const ATTRIBUTE_INT = 2;

export interface OnnxAttribute { name: string; type: number; f?: number; i?: number }

export interface OnnxNode {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  attribute?: OnnxAttribute[];
  docString?: string;
}

/** A float32 weight: dims, and its values as little-endian bytes (raw_data). */
export interface OnnxTensor { name: string; dims: number[]; dataType: number; rawData: Uint8Array; docString?: string }

/** A [batch, width] float32 input or output; the batch is the symbolic dimension `batchName`. */
export interface OnnxValueInfo {
  name: string;
  docString?: string;
  type: { tensorType: { elemType: number; shape: { dim: Array<{ dimValue: number } | { dimParam: string }> } } };
}

export interface OnnxGraph {
  node: OnnxNode[];
  name: string;
  initializer: OnnxTensor[];
  docString?: string;
  input: OnnxValueInfo[];
  output: OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  opsetImport: Array<{ domain: string; version: number }>;
  producerName: string;
  producerVersion?: string;
  docString?: string;
  graph: OnnxGraph;
  metadataProps?: Array<{ key: string; value: string }>;
}

const field = (id: number, type: string, rule?: 'repeated'): { id: number; type: string; rule?: string } =>
  (rule === undefined ? { id, type } : { id, type, rule });

/** The messages, each field with onnx.proto's number and type (names in protobufjs' camelCase). */
const schema = (): INamespace => ({
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: field(1, 'string'), f: field(2, 'float'), i: field(3, 'int64'), s: field(4, 'bytes'), t: field(5, 'TensorProto'),
            floats: field(7, 'float', 'repeated'), ints: field(8, 'int64', 'repeated'), docString: field(13, 'string'), type: field(20, 'int32'),
          },
        },
        ValueInfoProto: { fields: { name: field(1, 'string'), type: field(2, 'TypeProto'), docString: field(3, 'string') } },
        NodeProto: {
          fields: {
            input: field(1, 'string', 'repeated'), output: field(2, 'string', 'repeated'), name: field(3, 'string'), opType: field(4, 'string'),
            attribute: field(5, 'AttributeProto', 'repeated'), docString: field(6, 'string'), domain: field(7, 'string'),
          },
        },
        ModelProto: {
          fields: {
            irVersion: field(1, 'int64'), producerName: field(2, 'string'), producerVersion: field(3, 'string'), domain: field(4, 'string'),
            modelVersion: field(5, 'int64'), docString: field(6, 'string'), graph: field(7, 'GraphProto'),
            opsetImport: field(8, 'OperatorSetIdProto', 'repeated'), metadataProps: field(14, 'StringStringEntryProto', 'repeated'),
          },
        },
        StringStringEntryProto: { fields: { key: field(1, 'string'), value: field(2, 'string') } },
        GraphProto: {
          fields: {
            node: field(1, 'NodeProto', 'repeated'), name: field(2, 'string'), initializer: field(5, 'TensorProto', 'repeated'),
            docString: field(10, 'string'), input: field(11, 'ValueInfoProto', 'repeated'), output: field(12, 'ValueInfoProto', 'repeated'),
          },
        },
        TensorProto: {
          fields: {
            dims: field(1, 'int64', 'repeated'), dataType: field(2, 'int32'), floatData: field(4, 'float', 'repeated'), int32Data: field(5, 'int32', 'repeated'),
            int64Data: field(7, 'int64', 'repeated'), name: field(8, 'string'), rawData: field(9, 'bytes'), doubleData: field(10, 'double', 'repeated'),
            docString: field(12, 'string'),
          },
        },
        TensorShapeProto: {
          fields: { dim: field(1, 'Dimension', 'repeated') },
          nested: { Dimension: { oneofs: { value: { oneof: ['dimValue', 'dimParam'] } }, fields: { dimValue: field(1, 'int64'), dimParam: field(2, 'string') } } },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensorType'] } },
          fields: { tensorType: field(1, 'Tensor') },
          nested: { Tensor: { fields: { elemType: field(1, 'int32'), shape: field(2, 'TensorShapeProto') } } },
        },
        OperatorSetIdProto: { fields: { domain: field(1, 'string'), version: field(2, 'int64') } },
      },
    },
  },
});

let modelTypeCache: Type | undefined;

/** Built on first use, so code that only loads this module (a webview bundle of the graph layer) pays nothing. */
function modelType(): Type {
  modelTypeCache ??= Root.fromJSON(schema()).lookupType('onnx.ModelProto');
  return modelTypeCache;
}

/** The model as the bytes of an .onnx file; throws when a field does not fit its declared type. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const type = modelType();
  const problem = type.verify(model);
  if (problem !== null) throw new Error(`export: the ONNX model does not fit the schema: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/**
 * An .onnx file's bytes read back (int64 fields as numbers, bytes as Uint8Array). Throws on bytes that are not a
 * ModelProto (truncated, a wrong wire type); the fields it returns are only what the file held, so a reader of a
 * file from elsewhere must treat every one as possibly missing (see import/onnxImport.ts).
 */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  const type = modelType();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false, arrays: true }) as OnnxModel;
}
