import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTorchScript } from '../../support/python';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchWeights, readSafetensors, WeightsError, writeSafetensors } from '../../../src/core/weights';
import type { NamedTensor } from '../../../src/core/types';

const tensors: NamedTensor[] = [
  { name: 'hidden.kernel', shape: [2, 3], data: Float32Array.from([0.5, -1.25, 3, 1e-8, -0, 65504.5]) },
  { name: 'hidden.bias', shape: [3], data: Float32Array.from([0.1, 0.2, 0.3]) },
  { name: 'out.kernel', shape: [3, 1], data: Float32Array.from([Math.PI, -Math.E, 1 / 3]) },
];

/** Builds a file by hand: header length, header text, data, with no help from the writer under test. */
function handBuilt(header: string, data: number[] = [], lengthOverride?: number): Uint8Array {
  const json = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(lengthOverride ?? json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

test('a written file reads back bit for bit, metadata included', () => {
  const bytes = writeSafetensors(tensors, { format: 'pt', graph: 'tutorial' });
  const { tensors: back, metadata } = readSafetensors(bytes);
  assert.deepEqual(metadata, { format: 'pt', graph: 'tutorial' });
  assert.deepEqual(back.map((t) => t.name), tensors.map((t) => t.name));
  for (let i = 0; i < tensors.length; i++) {
    assert.deepEqual(back[i].shape, tensors[i].shape);
    assert.deepEqual(new Uint8Array(back[i].data.buffer), new Uint8Array(tensors[i].data.buffer));
  }
});

test('the writer lays out the bytes as the format says', () => {
  const bytes = writeSafetensors([{ name: 'b', shape: [2], data: Float32Array.from([1, -2]) }]);
  const view = Buffer.from(bytes);
  const headerLength = Number(view.readBigUInt64LE(0));
  assert.equal(headerLength % 8, 0, 'header padded to 8 bytes');
  const header = view.subarray(8, 8 + headerLength).toString('utf8');
  assert.equal(header.trimEnd(), '{"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}');
  assert.match(header, /^\{.*\} *$/);
  assert.deepEqual([...view.subarray(8 + headerLength)], [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
});

test('a hand-built file reads, in any tensor order and other dtypes', () => {
  const header = '{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"z":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},'
    + '"__metadata__":{"k":"v"}}';
  // z = F16 [1.5, -2], w = F32 [0.25]
  const { tensors: read, metadata } = readSafetensors(handBuilt(header, [0x00, 0x3e, 0x00, 0xc0, 0x00, 0x00, 0x80, 0x3e]));
  assert.deepEqual(metadata, { k: 'v' });
  assert.deepEqual(read.map((t) => [t.name, Array.from(t.data)]), [['w', [0.25]], ['z', [1.5, -2]]]);
  const f64 = readSafetensors(handBuilt('{"d":{"dtype":"F64","shape":[],"data_offsets":[0,8]}}', [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]));
  assert.deepEqual(Array.from(f64.tensors[0].data), [1]);
  assert.deepEqual(f64.tensors[0].shape, []);
  const bf16 = readSafetensors(handBuilt('{"h":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}', [0xc0, 0x3f]));
  assert.deepEqual(Array.from(bf16.tensors[0].data), [1.5]);
});

test('bad files are WeightsErrors that say what is wrong', () => {
  const cases: Array<[Uint8Array, RegExp]> = [
    [new Uint8Array(3), /fewer than the 8-byte header length/],
    [handBuilt('{}', [], 1000), /header length 1000 runs past the end/],
    [handBuilt('{"a":'), /header is not UTF-8 JSON/],
    [handBuilt('[1]'), /header is not a JSON object/],
    [handBuilt('{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}', [0, 0, 0, 0, 0, 0, 0, 0]), /dtype "I64"; NN Graph reads F32/],
    [handBuilt('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /needs 8 bytes, its offsets give 4/],
    [handBuilt('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0]), /ends at byte 4 of the data, which has 2/],
    [handBuilt('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', [0, 0, 0, 0, 0, 0, 0, 0]), /gap before tensor 'a'/],
    [handBuilt('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /overlaps/],
    [handBuilt('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0, 9]), /1 bytes after the last tensor/],
    [handBuilt('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /shape that is not a list of sizes/],
    [handBuilt('{"a":{"dtype":"F32","shape":[1]}}', [0, 0, 0, 0]), /data_offsets that are not \[begin, end\]/],
    [handBuilt('{"__metadata__":{"n":1}}'), /__metadata__\.n is not a string/],
  ];
  for (const [bytes, pattern] of cases) {
    assert.throws(() => readSafetensors(bytes, 'model.safetensors'), (error: unknown) => {
      assert.ok(error instanceof WeightsError, String(error));
      assert.match(error.message, /^model\.safetensors is not a valid safetensors file: /);
      assert.match(error.message, pattern);
      return true;
    });
  }
  assert.throws(() => writeSafetensors([{ name: 'a', shape: [2], data: new Float32Array(3) }]), /shape \[2\] but 3 values/);
});

test('matchWeights lists every missing, unexpected and mis-shaped tensor', () => {
  const expected = [{ name: 'hidden.kernel', shape: [2, 3] }, { name: 'hidden.bias', shape: [3] }, { name: 'out.bias', shape: [1] }];
  const loaded = [tensors[1], tensors[0]];
  assert.throws(() => matchWeights(expected, [...loaded, tensors[2]], 'tutorial.safetensors'), (error: unknown) => {
    assert.ok(error instanceof WeightsError);
    assert.equal(error.message, "tutorial.safetensors does not fit the model: 'out.bias' [1] is missing; 'out.kernel' is not a weight of this model");
    return true;
  });
  assert.throws(() => matchWeights([{ name: 'hidden.bias', shape: [4] }], [tensors[1]]), /'hidden.bias' has shape \[3\], the model needs \[4\]/);
  assert.deepEqual(matchWeights(expected.slice(0, 2), loaded).map((t) => t.name), ['hidden.kernel', 'hidden.bias']);
});

test('PyTorch reads our file and we read the file it writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nngraph-st-'));
  try {
    writeFileSync(join(dir, 'ours.safetensors'), writeSafetensors(tensors));
    const run = runTorchScript([
      'import torch, json',
      'from safetensors_torch import load_file, save_file',
      't = load_file("ours.safetensors")',
      'print(json.dumps({k: [list(v.shape), v.flatten().tolist()] for k, v in t.items()}))',
      'save_file({"x.kernel": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4}, "theirs.safetensors")',
    ].join('\n'), dir);
    assert.ok(run.ok, run.stderr);
    const seen = JSON.parse(run.stdout) as Record<string, [number[], number[]]>;
    for (const t of tensors) assert.deepEqual(seen[t.name], [t.shape, Array.from(t.data)]);
    const theirs = readSafetensors(new Uint8Array(readFileSync(join(dir, 'theirs.safetensors'))));
    assert.deepEqual(theirs.tensors[0].shape, [2, 3]);
    assert.deepEqual(Array.from(theirs.tensors[0].data), [0, 0.25, 0.5, 0.75, 1, 1.25]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an independent NumPy reader and writer agree with ours', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nngraph-st-'));
  try {
    writeFileSync(join(dir, 'ours.safetensors'), writeSafetensors(tensors, { by: 'nngraph' }));
    const run = runTorchScript([
      'import json, struct, numpy as np',
      'raw = open("ours.safetensors", "rb").read()',
      'n = struct.unpack("<Q", raw[:8])[0]',
      'header = json.loads(raw[8:8 + n])',
      'data = raw[8 + n:]',
      'out = {k: [v["shape"], np.frombuffer(data[v["data_offsets"][0]:v["data_offsets"][1]], dtype="<f4").astype(float).tolist()]',
      '       for k, v in header.items() if k != "__metadata__"}',
      'out["__metadata__"] = header["__metadata__"]',
      'print(json.dumps(out))',
      'a = (np.arange(6, dtype="<f8").reshape(3, 2) - 2.5)',
      'b = np.array([7.5], dtype="<f4")',
      'h = {"b": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "a": {"dtype": "F64", "shape": [3, 2], "data_offsets": [4, 52]}}',
      'hj = json.dumps(h).encode()',
      'open("theirs.safetensors", "wb").write(struct.pack("<Q", len(hj)) + hj + b.tobytes() + a.tobytes())',
    ].join('\n'), dir);
    assert.ok(run.ok, run.stderr);
    const seen = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(seen.__metadata__, { by: 'nngraph' });
    for (const t of tensors) assert.deepEqual(seen[t.name], [t.shape, Array.from(t.data)]);
    const theirs = readSafetensors(new Uint8Array(readFileSync(join(dir, 'theirs.safetensors'))));
    const byName = new Map(theirs.tensors.map((t) => [t.name, t]));
    assert.deepEqual(Array.from(byName.get('a')?.data ?? []), [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]);
    assert.deepEqual(byName.get('a')?.shape, [3, 2]);
    assert.deepEqual(Array.from(byName.get('b')?.data ?? []), [7.5]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
