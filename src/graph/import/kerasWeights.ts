// The weights of a TF.js layers model: the `weightsManifest` of model.json lists groups of weights, each stored in
// its group's shards (`paths`), concatenated in order, float32 little-endian, one weight after the other. Every size
// is checked against the manifest before a byte is read, so a short, long or missing shard gets a message naming it.
import { describe, field, importError, isRecord, quote } from './kerasJson';
import { ModelImportError } from './importedModel';

export interface WeightTensor { name: string; shape: number[]; data: Float32Array }

/** The weights by their manifest name, with a record of which ones a layer took. */
export class ModelWeights {
  private readonly taken = new Set<string>();

  constructor(private readonly byName: ReadonlyMap<string, WeightTensor>, private readonly optimizerNames: ReadonlySet<string>) {}

  /**
   * A layer's weight (`kernel`, `bias`) by the TF.js and Keras naming `<layer>/<weight>`, or a unique name that ends
   * in `/<layer>/<weight>` (converters may prefix the model's name).
   */
  take(layerName: string, weight: string): WeightTensor | undefined {
    const exact = this.byName.get(`${layerName}/${weight}`);
    const suffix = `/${layerName}/${weight}`;
    const found = exact ?? onlyOne([...this.byName.values()].filter((tensor) => tensor.name.endsWith(suffix) && !this.taken.has(tensor.name)));
    if (found !== undefined) this.taken.add(found.name);
    return found;
  }

  /** Weights no layer took (the optimizer's aside): an import that left them out would drop part of the model. */
  untaken(): string[] {
    return [...this.byName.keys()].filter((name) => !this.taken.has(name) && !this.optimizerNames.has(name));
  }
}

function onlyOne<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** Bytes one weight group may hold: far beyond any dense model an editor shows, and within what one array can be. */
export const MAX_GROUP_BYTES = 2 ** 31;
const MAX_RANK = 8;

interface WeightSpec { name: string; shape: number[]; bytes: number; optimizer: boolean }
interface WeightGroup { paths: string[]; specs: WeightSpec[]; bytes: number }

export type ShardLoader = (path: string) => Uint8Array | undefined;

export function readModelWeights(manifest: unknown, source: string, loadShard: ShardLoader): ModelWeights {
  const groups = readManifest(manifest, source);
  const byName = new Map<string, WeightTensor>();
  const optimizerNames = new Set<string>();
  for (const [index, group] of groups.entries()) {
    const bytes = loadGroup(group, index, source, loadShard);
    let offset = 0;
    for (const spec of group.specs) {
      if (byName.has(spec.name)) throw importError(source, `the weightsManifest lists the weight ${quote(spec.name)} twice`);
      byName.set(spec.name, { name: spec.name, shape: spec.shape, data: decodeFloats(bytes, offset, spec, source) });
      if (spec.optimizer) optimizerNames.add(spec.name);
      offset += spec.bytes;
    }
  }
  return new ModelWeights(byName, optimizerNames);
}

function readManifest(manifest: unknown, source: string): WeightGroup[] {
  const fail = (message: string): never => { throw importError(source, message); };
  if (!Array.isArray(manifest)) return fail(`its weightsManifest is ${describe(manifest)}, not a list of weight groups`);
  return manifest.map((group: unknown, index): WeightGroup => {
    const at = `weight group ${index + 1} of ${manifest.length} in the weightsManifest`;
    const paths = field(group, 'paths');
    const weights = field(group, 'weights');
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string' && path !== '')) return fail(`${at} has no list of shard paths`);
    if (!Array.isArray(weights)) return fail(`${at} has no list of weights`);
    let bytes = 0;
    const specs = weights.map((weight: unknown): WeightSpec => {
      const spec = readSpec(weight, at, source);
      bytes += spec.bytes;
      if (bytes > MAX_GROUP_BYTES) fail(`${at} lists more than ${MAX_GROUP_BYTES} bytes of weights`);
      return spec;
    });
    return { paths: paths as string[], specs, bytes };
  });
}

function readSpec(weight: unknown, at: string, source: string): WeightSpec {
  const fail = (message: string): never => { throw importError(source, message); };
  const name = field(weight, 'name');
  if (!isRecord(weight) || typeof name !== 'string' || name === '') return fail(`${at} lists a weight without a name`);
  const what = `the weight ${quote(name)} (${at})`;
  const dtype = field(weight, 'dtype');
  if (dtype === undefined) return fail(`${what} has no dtype`);
  if (dtype !== 'float32') return fail(`${what} is stored as ${describe(dtype)}; only float32 weights can be imported`);
  if (field(weight, 'quantization') !== undefined) return fail(`${what} is quantized; only plain float32 weights can be imported`);
  const shape = field(weight, 'shape');
  if (!Array.isArray(shape) || shape.length > MAX_RANK) return fail(`${what} has the shape ${describe(shape)}, not a list of at most ${MAX_RANK} sizes`);
  let count = 1;
  for (const size of shape as unknown[]) {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) return fail(`${what} has the shape ${describe(shape)}: sizes are whole numbers ≥ 0`);
    count *= size;
    // Checked as it grows, so that no product of absurd sizes is ever allocated (or even overflows).
    if (count * 4 > MAX_GROUP_BYTES) return fail(`${what} has the shape ${describe(shape)}, more than ${MAX_GROUP_BYTES} bytes`);
  }
  return { name, shape: shape as number[], bytes: count * 4, optimizer: field(weight, 'group') === 'optimizer' };
}

/** A group's shards, concatenated; refused unless their sizes add up to exactly what the group's weights take. */
function loadGroup(group: WeightGroup, index: number, source: string, loadShard: ShardLoader): Uint8Array {
  const shards: Uint8Array[] = [];
  let loaded = 0;
  for (const path of group.paths) {
    let shard: Uint8Array | undefined;
    try {
      shard = loadShard(path);
    } catch (error) {
      if (error instanceof ModelImportError) throw error;
      throw importError(source, `cannot read the weight shard ${quote(path)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (shard === undefined) throw importError(source, `the weight shard ${quote(path)} listed in the weightsManifest is missing`);
    loaded += shard.byteLength;
    if (loaded > group.bytes) break; // no need to read further shards: the sizes already disagree
    shards.push(shard);
  }
  if (loaded !== group.bytes) {
    const names = group.paths.map(quote).join(', ');
    const which = loaded < group.bytes ? 'too short' : 'too long';
    throw importError(source, `the weight shards ${names} (group ${index + 1}) are ${which}: the weightsManifest lists `
      + `${group.bytes} bytes of weights, the shards ${loaded < group.bytes ? 'hold' : 'hold at least'} ${loaded}`);
  }
  if (shards.length === 1) return shards[0];
  const bytes = new Uint8Array(group.bytes);
  let offset = 0;
  for (const shard of shards) {
    bytes.set(shard, offset);
    offset += shard.byteLength;
  }
  return bytes;
}

/** Little-endian float32 values at any byte offset (a weight need not start on a 4-byte boundary of its shard). */
function decodeFloats(bytes: Uint8Array, offset: number, spec: WeightSpec, source: string): Float32Array {
  const count = spec.bytes / 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, spec.bytes);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const value = view.getFloat32(i * 4, true);
    if (!Number.isFinite(value)) throw importError(source, `the weight ${quote(spec.name)} holds a non-finite value (${value}) at index ${i}`);
    data[i] = value;
  }
  return data;
}
