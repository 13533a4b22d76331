// Trained weights as safetensors (https://github.com/huggingface/safetensors): an 8-byte little-endian header length
// N, N bytes of JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__"?: { string: string } }`,
// then the raw little-endian tensor bytes, offsets counted from the end of the header. We write F32 only; we read F32,
// and also F64, F16 and BF16 (converted to float32) so that files saved by PyTorch or NumPy in another precision load.
import type { NamedTensor } from './types';

export class WeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsError';
  }
}

export interface SafetensorsContents {
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

/** As the reference implementation: headers beyond 100 MB are refused before they are parsed. */
const maxHeaderBytes = 100_000_000;
const bytesPerElement: Readonly<Record<string, number>> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

/**
 * Serializes tensors to safetensors bytes. The header is padded with spaces to a multiple of 8 bytes, as the
 * reference writer does, so the data stays aligned for readers that map it in place.
 */
export function writeSafetensors(tensors: readonly NamedTensor[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = { ...metadata };
  let offset = 0;
  const seen = new Set<string>();
  for (const tensor of tensors) {
    if (tensor.name === '__metadata__' || seen.has(tensor.name)) throw new WeightsError(`tensor name '${tensor.name}' is reserved or repeated`);
    seen.add(tensor.name);
    const elementCount = tensor.shape.reduce((product, dim) => product * dim, 1);
    if (elementCount !== tensor.data.length) {
      throw new WeightsError(`tensor '${tensor.name}' has shape [${tensor.shape.join(', ')}] but ${tensor.data.length} values`);
    }
    header[tensor.name] = { dtype: 'F32', shape: [...tensor.shape], data_offsets: [offset, offset + tensor.data.length * 4] };
    offset += tensor.data.length * 4;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const paddedLength = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + paddedLength + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(paddedLength), true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + paddedLength);
  let position = 8 + paddedLength;
  for (const tensor of tensors) {
    for (let i = 0; i < tensor.data.length; i++, position += 4) view.setFloat32(position, tensor.data[i], true);
  }
  return bytes;
}

/** Parses safetensors bytes; every problem becomes a WeightsError saying what is wrong (prefixed by `source`). */
export function readSafetensors(bytes: Uint8Array, source = 'weights file'): SafetensorsContents {
  const fail = (what: string): WeightsError => new WeightsError(`${source} is not a valid safetensors file: ${what}`);
  if (bytes.length < 8) throw fail(`it has ${bytes.length} bytes, fewer than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(maxHeaderBytes, bytes.length - 8))) {
    throw fail(`the header length ${headerLength} runs past the end of the file (${bytes.length} bytes)`);
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    throw fail(`the header is not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail('the header is not a JSON object');
  const dataLength = bytes.length - dataStart;
  const tensors: NamedTensor[] = [];
  const spans: Array<{ name: string; begin: number; end: number }> = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = readMetadata(entry, fail);
      continue;
    }
    const { dtype, shape, begin, end } = readEntry(name, entry, fail);
    const elementCount = shape.reduce((product, dim) => product * dim, 1);
    if (end - begin !== elementCount * bytesPerElement[dtype]) {
      throw fail(`tensor '${name}' of shape [${shape.join(', ')}] and dtype ${dtype} needs ${elementCount * bytesPerElement[dtype]} bytes, its offsets give ${end - begin}`);
    }
    if (end > dataLength) throw fail(`tensor '${name}' ends at byte ${end} of the data, which has ${dataLength} bytes`);
    spans.push({ name, begin, end });
    tensors.push({ name, shape, data: decode(view, dataStart + begin, elementCount, dtype) });
  }
  checkSpans(spans, dataLength, fail);
  return { tensors, metadata };
}

function readMetadata(entry: unknown, fail: (what: string) => WeightsError): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw fail('__metadata__ is not an object');
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'string') throw fail(`__metadata__.${key} is not a string`);
    metadata[key] = value;
  }
  return metadata;
}

interface HeaderEntry { dtype: string; shape: number[]; begin: number; end: number }

function readEntry(name: string, entry: unknown, fail: (what: string) => WeightsError): HeaderEntry {
  if (typeof entry !== 'object' || entry === null) throw fail(`the entry for '${name}' is not an object`);
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(dtype in bytesPerElement)) {
    throw fail(`tensor '${name}' has dtype ${JSON.stringify(dtype)}; NN Graph reads F32, F64, F16 and BF16`);
  }
  const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (!Array.isArray(shape) || !shape.every(isCount)) throw fail(`tensor '${name}' has a shape that is not a list of sizes`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw fail(`tensor '${name}' has data_offsets that are not [begin, end]`);
  }
  return { dtype, shape: shape as number[], begin: offsets[0] as number, end: offsets[1] as number };
}

/** The tensors must tile the data exactly, as the reference reader demands: no overlap, no gap, nothing after. */
function checkSpans(spans: Array<{ name: string; begin: number; end: number }>, dataLength: number, fail: (what: string) => WeightsError): void {
  const ordered = [...spans].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const span of ordered) {
    if (span.begin !== expected) {
      throw fail(span.begin < expected ? `tensor '${span.name}' overlaps another tensor` : `there is a gap before tensor '${span.name}'`);
    }
    expected = span.end;
  }
  if (expected !== dataLength) throw fail(`${dataLength - expected} bytes after the last tensor belong to none`);
}

function decode(view: DataView, start: number, count: number, dtype: string): Float32Array {
  const data = new Float32Array(count);
  switch (dtype) {
    case 'F32':
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(start + i * 4, true);
      break;
    case 'F64':
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(start + i * 8, true);
      break;
    case 'BF16':
      // bfloat16 is the top half of a float32.
      for (let i = 0; i < count; i++) data[i] = float32FromBits(view.getUint16(start + i * 2, true) << 16);
      break;
    case 'F16':
      for (let i = 0; i < count; i++) data[i] = float16ToNumber(view.getUint16(start + i * 2, true));
      break;
  }
  return data;
}

const bitsView = new DataView(new ArrayBuffer(4));
function float32FromBits(bits: number): number {
  bitsView.setUint32(0, bits >>> 0);
  return bitsView.getFloat32(0);
}

function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * Checks loaded tensors against what a program expects (names and shapes from `getWeights()`), and returns them in
 * the expected order. Throws a WeightsError listing every missing, unexpected or mis-shaped tensor.
 */
export function matchWeights(
  expected: ReadonlyArray<{ name: string; shape: readonly number[] }>, loaded: readonly NamedTensor[], source = 'weights file',
): NamedTensor[] {
  const byName = new Map(loaded.map((tensor) => [tensor.name, tensor]));
  const problems: string[] = [];
  const matched: NamedTensor[] = [];
  for (const want of expected) {
    const have = byName.get(want.name);
    if (!have) problems.push(`'${want.name}' [${want.shape.join(', ')}] is missing`);
    else if (have.shape.length !== want.shape.length || have.shape.some((dim, i) => dim !== want.shape[i])) {
      problems.push(`'${want.name}' has shape [${have.shape.join(', ')}], the model needs [${want.shape.join(', ')}]`);
    } else matched.push(have);
    byName.delete(want.name);
  }
  for (const name of byName.keys()) problems.push(`'${name}' is not a weight of this model`);
  if (problems.length > 0) throw new WeightsError(`${source} does not fit the model: ${problems.join('; ')}`);
  return matched;
}
