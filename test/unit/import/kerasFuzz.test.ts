// Fuzzing the Keras / TF.js importer (issue 13): real model.json files saved by TF.js (and Keras configs from
// toJSON) are mutated, as text (cut, doubled, a character changed) and as JSON (a value replaced by another from the
// same file, by an absurd one or by random JSON; a field dropped; a list item doubled), and their weight shards are
// cut, lengthened, dropped or given NaNs. Every case must end in an imported model whose steps are consistent, or in a
// ModelImportError that starts with the file's name; never another exception, never a touched Object.prototype.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ModelImportError, readKerasModel, type ImportedModel } from '../../../src/graph/index';
import { assertPrototypeUntouched, prototypeSnapshot, RESERVED_IDS, runFuzz } from '../graph/fuzz';
import { functionalModel, saveLayersModel, sequentialMlp, tf, type SavedModel } from './tfjsModels';

tf.setBackend('cpu');

const SOURCE = 'model.json';
const saved: SavedModel[] = [];
const configs: string[] = [];

before(async () => {
  for (const build of [sequentialMlp, functionalModel]) {
    const model = build();
    saved.push(await saveLayersModel(model, 2));
    configs.push(JSON.stringify(model.toJSON(null, false)));
    model.dispose();
  }
});
after(() => { for (const model of saved) model.remove(); });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON tree a value sits, as its parent and key, walked without recursion. */
function places(root: Json): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const found: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const value = stack.pop() as Json;
    if (Array.isArray(value)) value.forEach((item, index) => { found.push({ parent: value, key: index }); stack.push(item); });
    else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) { found.push({ parent: value, key }); stack.push(value[key]); }
    }
  }
  return found;
}

function stringsOf(root: Json): string[] {
  return places(root).map(({ parent, key }) => (parent as Record<string, Json>)[key]).filter((value): value is string => typeof value === 'string');
}

const ABSURD: Json[] = [
  null, -1, 0, 1, 2, 0.5, 1e9, 1e308, -1e308, 2 ** 53, '', 'x', 'float16', 'linear', 'Conv2D', 'InputLayer', [], {},
  [null, 1e9], [null, 0], [1e9, 1e9], [[]], [['x', 0, 0]], true, false, ...RESERVED_IDS,
];

type JsonEdit = (root: Json) => void;
const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  // A value replaced by another string of the same file: layer names end up where others were (cycles, self-reads).
  fc.tuple(fc.nat(), fc.nat()).map(([at, pick]) => (root: Json) => {
    const all = places(root);
    const strings = stringsOf(root);
    if (all.length === 0 || strings.length === 0) return;
    const { parent, key } = all[at % all.length];
    (parent as Record<string, Json>)[key] = strings[pick % strings.length];
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...ABSURD)).map(([at, value]) => (root: Json) => {
    const all = places(root);
    if (all.length === 0) return;
    const { parent, key } = all[at % all.length];
    (parent as Record<string, Json>)[key] = structuredClone(value);
  }),
  fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([at, value]) => (root: Json) => {
    const all = places(root);
    if (all.length === 0) return;
    const { parent, key } = all[at % all.length];
    (parent as Record<string, Json>)[key] = value as Json;
  }),
  // A number nudged (a width, a rate, an index, a shape): the edits that keep a file plausible but inconsistent.
  { weight: 3, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(-1, 1, 2, -2)).map(([at, step]) => (root: Json) => {
    const numbers = places(root).filter(({ parent, key }) => typeof (parent as Record<string, Json>)[key] === 'number');
    if (numbers.length === 0) return;
    const { parent, key } = numbers[at % numbers.length];
    const value = (parent as Record<string, number>)[key];
    (parent as Record<string, number>)[key] = Math.abs(step) === 2 ? value * step : value + step;
  }) },
  fc.nat().map((at) => (root: Json) => {
    const all = places(root);
    if (all.length === 0) return;
    const { parent, key } = all[at % all.length];
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }),
  fc.nat().map((at) => (root: Json) => {
    const lists = places(root).filter(({ parent }) => Array.isArray(parent));
    if (lists.length === 0) return;
    const { parent, key } = lists[at % lists.length];
    (parent as Json[]).splice(key as number, 0, structuredClone((parent as Json[])[key as number]));
  }),
);

type TextEdit = (text: string) => string;
const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, length]) => (t: string) => {
    const start = at % (t.length + 1);
    return t.slice(0, start) + t.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 80 })).map(([at, length]) => (t: string) => {
    const start = at % (t.length + 1);
    return t.slice(0, start + length) + t.slice(start, start + length) + t.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...'{}[]":,.0123456789-eE/\\ntfu'.split(''), '\u2028')).map(([at, ch]) => (t: string) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + ch + t.slice(i + 1);
  }),
);

type ShardEdit = (shards: Map<string, Uint8Array | undefined>) => void;
const shardEdit: fc.Arbitrary<ShardEdit> = fc.tuple(fc.nat(), fc.constantFrom('cut', 'grow', 'drop', 'nan'), fc.nat()).map(([which, how, at]) => (shards) => {
  const names = [...shards.keys()];
  const name = names[which % names.length];
  const bytes = shards.get(name);
  if (bytes === undefined) return;
  switch (how) {
    case 'cut': shards.set(name, bytes.slice(0, at % (bytes.length + 1))); return;
    case 'grow': shards.set(name, new Uint8Array([...bytes, ...new Uint8Array(1 + (at % 9))])); return;
    case 'drop': shards.set(name, undefined); return;
    case 'nan': {
      const copy = bytes.slice();
      copy.set([0xff, 0xff, 0xc0, 0x7f].slice(0, copy.length - (at % Math.max(1, copy.length))), at % Math.max(1, copy.length));
      shards.set(name, copy);
    }
  }
});

/** An imported model's steps read earlier values, with the arity and the weight sizes their kind needs. */
function assertConsistent(model: ImportedModel): void {
  assert.ok(Number.isInteger(model.featureWidth) && model.featureWidth >= 1, 'feature width');
  const widths = [model.featureWidth];
  model.steps.forEach((step, index) => {
    for (const input of step.inputs) assert.ok(Number.isInteger(input) && input >= 0 && input <= index, `step ${index} reads value ${input}`);
    const { layer } = step;
    const arity = layer.kind === 'add' || layer.kind === 'concat' ? 2 : 1;
    assert.equal(step.inputs.length, arity, `step ${index} (${layer.kind}) reads ${step.inputs.length} values`);
    const [a, b] = step.inputs.map((input) => widths[input]);
    switch (layer.kind) {
      case 'dense':
        if (layer.kernel !== undefined) assert.equal(layer.kernel.length, a * layer.units, 'kernel size');
        if (layer.bias) assert.equal(layer.bias.length, layer.units, 'bias size');
        if (layer.bias) assert.ok(layer.kernel !== undefined, 'a bias read without its kernel');
        widths.push(layer.units);
        return;
      case 'add': assert.equal(a, b, 'add of two widths'); widths.push(a); return;
      case 'concat': widths.push(a + b); return;
      case 'dropout': assert.ok(layer.rate >= 0 && layer.rate < 1, 'dropout rate'); widths.push(a); return;
      case 'activation': assert.ok(Number.isFinite(layer.alpha), 'alpha'); widths.push(a); return;
    }
  });
  assert.ok(Number.isInteger(model.output) && model.output >= 1 && model.output <= model.steps.length, `output ${model.output}`);
}

function importOrMessage(text: string, shards: ReadonlyMap<string, Uint8Array | undefined>): 'model' | 'message' {
  try {
    assertConsistent(readKerasModel(text, SOURCE, (path) => shards.get(path)));
    return 'model';
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    assert.ok(error instanceof ModelImportError, `not a ModelImportError: ${error instanceof Error ? error.stack : String(error)}`);
    assert.ok(error.message.startsWith(`${SOURCE}: `) && error.message.length > SOURCE.length + 10, `message: ${error.message}`);
    return 'message';
  }
}

test('fuzz: 1,500 mutated TF.js model.json files and Keras configs, with mutated shards, import or get a message', () => {
  const outcomes = { model: 0, message: 0 };
  const before = prototypeSnapshot();
  const base = fc.integer({ min: 0, max: saved.length + configs.length - 1 });
  const edits = fc.tuple(fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), fc.array(textEdit, { maxLength: 1 }), fc.array(shardEdit, { maxLength: 2 }));
  runFuzz('keras import', fc.property(base, edits, (which, [jsonEdits, textEdits, shardEdits]) => {
    const fromFiles = which < saved.length;
    const root = JSON.parse(fromFiles ? saved[which].modelJson : configs[which - saved.length]) as Json;
    for (const edit of jsonEdits) edit(root);
    let text = JSON.stringify(root);
    for (const edit of textEdits) text = edit(text);
    const shards = new Map<string, Uint8Array | undefined>(fromFiles ? saved[which].shards : []);
    for (const edit of shardEdits) if (shards.size > 0) edit(shards);
    outcomes[importOrMessage(text, shards)]++;
  }), 1500);
  assertPrototypeUntouched(before);
  console.log(`fuzz: keras import: ${outcomes.model} imported, ${outcomes.message} refused with a message`);
  // A fuzzer whose every case fails at the JSON parse tests nothing past it: both outcomes must occur often.
  assert.ok(outcomes.model >= 100 && outcomes.message >= 500, JSON.stringify(outcomes));
});
