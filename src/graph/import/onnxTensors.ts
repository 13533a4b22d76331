// The constants of an ONNX file (initializers, Constant nodes) read into float32 arrays, and the words the importer's
// messages use to say where a node sits. Every size a file claims is checked against the bytes it holds before
// anything is allocated, so a 40-byte file that claims a [1e9, 1e9] tensor gets a message, not an out-of-memory.
import { ModelImportError } from './importedModel';

/** TensorProto.DataType values the importer converts to float32; any other type gets a message naming it. */
const FLOAT = 1;
const INT32 = 6;
const INT64 = 7;
const DOUBLE = 11;
const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16',
  11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};

/** 2^28 values (1 GB of float32): a larger constant is refused before it is read. */
export const MAX_TENSOR_VALUES = 2 ** 28;

/** A constant of the model: its dims (empty for a scalar) and its values in row-major order. */
export interface ConstTensor { dims: number[]; values: Float32Array }

/** A TensorProto as protobufjs decodes it from a file: every field may be missing. */
export interface ReadTensor {
  name?: string; dims?: number[]; dataType?: number; rawData?: Uint8Array;
  floatData?: number[]; doubleData?: number[]; int32Data?: number[]; int64Data?: number[];
}

function typeName(dataType: number | undefined): string {
  return dataType !== undefined && Object.hasOwn(TYPE_NAMES, dataType) ? TYPE_NAMES[dataType] : `data type ${String(dataType)}`;
}

/** The number of values `dims` holds, refusing negative, fractional or absurd dimensions before anything is allocated. */
export function valueCount(dims: readonly number[], what: string): number {
  let count = 1;
  for (const dim of dims) {
    if (!Number.isSafeInteger(dim) || dim < 0) throw new ModelImportError(`${what} has the dimension ${dim}, which is not a size`);
    count *= dim;
    if (count > MAX_TENSOR_VALUES) {
      throw new ModelImportError(`${what} has dims [${dims.join(', ')}], more than the ${MAX_TENSOR_VALUES.toLocaleString('en-US')} values NN Graph reads into one tensor`);
    }
  }
  return count;
}

function fromRaw(raw: Uint8Array, count: number, bytesPerValue: 4 | 8, what: string): Float32Array {
  if (raw.length !== count * bytesPerValue) {
    throw new ModelImportError(`${what} claims ${count} values but its raw_data holds ${raw.length} bytes (${count * bytesPerValue} expected)`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = bytesPerValue === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  return values;
}

function fromList(list: readonly number[], count: number, field: string, what: string): Float32Array {
  if (list.length !== count) throw new ModelImportError(`${what} claims ${count} values but its ${field} holds ${list.length}`);
  return Float32Array.from(list);
}

/** A tensor's values as float32 (float64 and integer constants are converted; other types are refused). */
export function readTensor(tensor: ReadTensor, what: string): ConstTensor {
  const dims = tensor.dims ?? [];
  const count = valueCount(dims, what);
  const raw = tensor.rawData !== undefined && tensor.rawData.length > 0 ? tensor.rawData : undefined;
  switch (tensor.dataType) {
    case FLOAT:
      return { dims, values: raw ? fromRaw(raw, count, 4, what) : fromList(tensor.floatData ?? [], count, 'float_data', what) };
    case DOUBLE:
      return { dims, values: raw ? fromRaw(raw, count, 8, what) : fromList(tensor.doubleData ?? [], count, 'double_data', what) };
    case INT32:
      if (!raw) return { dims, values: fromList(tensor.int32Data ?? [], count, 'int32_data', what) };
      break;
    case INT64:
      if (!raw) return { dims, values: fromList(tensor.int64Data ?? [], count, 'int64_data', what) };
      break;
    default:
      break;
  }
  throw new ModelImportError(`${what} holds ${typeName(tensor.dataType)} values${raw ? ' in raw_data' : ''}; NN Graph imports float32 (and float64) weights`);
}

/** A name from the file, quoted for a message and cut short: it is data, and may be anything. */
export function quoteName(name: string): string {
  const shown = name.length > 80 ? `${name.slice(0, 77)}…` : name;
  return JSON.stringify(shown);
}
