// Property tests: whatever text arrives (random, or a valid file mutated), parsing and analysis never throw, every
// diagnostic is well formed, and a file without errors always compiles to a consistent program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findTooDeep } from '../../../src/graph/reader';
import { assertPrototypeUntouched, deepValueText, prototypeSnapshot, RESERVED_IDS, runFuzz, withDeepValue } from './fuzz';
import {
  TRAINING_BLOCKER_CODES, analyzeGraph, compileText, DIAGNOSTIC_CODES, LineIndex, NODE_TYPE_NAMES, parseGraph, type DatasetRef, type Diagnostic,
} from '../../../src/graph/index';

const graphDir = join(__dirname, '../../fixtures/graphs');
const validFiles = readdirSync(graphDir).filter((n) => n.endsWith('.nngraph')).map((n) => readFileSync(join(graphDir, n), 'utf8'));
const severityByCode = new Map(DIAGNOSTIC_CODES.map((c) => [c.code, c.severity]));
const csvInfo = (ref: DatasetRef) => (ref.kind === 'csv' ? { featureCount: 3, classCount: 2 } : undefined);

/** `forTraining`: as the compiler sees them, where a warning of an unfinished graph may be an error (trainable.ts). */
function assertWellFormed(text: string, diagnostics: readonly Diagnostic[], forTraining = false): void {
  const lines = new LineIndex(text);
  for (const d of diagnostics) {
    const raised = forTraining && d.severity === 'error' && severityByCode.get(d.code) === 'warning' && TRAINING_BLOCKER_CODES.has(d.code);
    if (!raised) assert.equal(severityByCode.get(d.code), d.severity, `unknown code or wrong severity: ${JSON.stringify(d)}`);
    assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, 'empty message');
    const { startOffset, endOffset, start, end } = d.range;
    assert.ok(Number.isInteger(startOffset) && Number.isInteger(endOffset), 'offsets are integers');
    assert.ok(startOffset >= 0 && startOffset <= endOffset && endOffset <= text.length, `range outside the text: ${JSON.stringify(d.range)}`);
    assert.deepEqual(start, lines.position(startOffset));
    assert.deepEqual(end, lines.position(endOffset));
  }
}

/** The checks every text must pass, plus: no errors means it compiles, into a program whose refs point backwards. */
function checkText(text: string): void {
  const parsed = parseGraph(text);
  assertWellFormed(text, parsed.diagnostics);
  const analysis = analyzeGraph(text, { datasetInfo: csvInfo });
  assertWellFormed(text, analysis.diagnostics);
  for (const [key, shape] of Object.entries(analysis.shapes)) {
    assert.match(key, /\.[a-z]+$/);
    assert.equal(shape[0], 'batch');
  }
  // Training sees an unfinished graph's blocking warnings as errors (trainable.ts); the compiler agrees with that view.
  const asTraining = analyzeGraph(text, { datasetInfo: csvInfo, forTraining: true });
  assertWellFormed(text, asTraining.diagnostics, true);
  assert.deepEqual(asTraining.diagnostics.map((d) => d.code), analysis.diagnostics.map((d) => d.code), 'training sees the same problems');
  assert.ok(!analysis.diagnostics.some((d) => d.severity === 'error') || asTraining.diagnostics.some((d) => d.severity === 'error'));
  const hasError = asTraining.diagnostics.some((d) => d.severity === 'error');
  const compiled = compileText(text, csvInfo);
  if (!compiled.ok) {
    assert.ok(hasError || compiled.diagnostics.some((d) => d.severity === 'error'), 'a failed compile says why');
    assertWellFormed(text, compiled.diagnostics, true);
    assert.ok(hasError, `analysis found no error but compiling failed: ${JSON.stringify(compiled.diagnostics)}`);
    return;
  }
  assert.ok(!hasError, 'a file with errors compiled');
  const { spec } = compiled;
  assert.equal(spec.valueWidths.length, spec.ops.length + 1);
  assert.equal(spec.valueWidths[0], spec.featureCount);
  spec.ops.forEach((op, index) => {
    const inputs = 'inputs' in op ? op.inputs : [op.input];
    for (const ref of inputs) assert.ok(ref >= 0 && ref <= index, `op ${index} reads a later value ${ref}`);
    assert.ok(spec.valueWidths[index + 1] >= 1);
  });
  assert.ok(spec.loss.predictions >= 0 && spec.loss.predictions < spec.valueWidths.length);
}

const jsonishChar = fc.constantFrom(...'{}[]":,. \n\t0123456789-+eE/\\*truefalsn'.split(''), 'é', '\u2028', '\r');

type Mutation = (text: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, length]) => (t: string) => {
    const start = at % (t.length + 1);
    return t.slice(0, start) + t.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 80 })).map(([at, length]) => (t: string) => {
    const start = at % (t.length + 1);
    return t.slice(0, start + length) + t.slice(start, start + length) + t.slice(start + length);
  }),
  fc.tuple(fc.nat(), jsonishChar).map(([at, ch]) => (t: string) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + ch + t.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.json({ maxDepth: 2 })).map(([nth, json]) => (t: string) => replaceNthValue(t, nth, json)),
  fc.nat().map((nth) => (t: string) => dropNthField(t, nth)),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => swapNthValues(t, a, b)),
);

const valuePattern = /(?<=:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/g;

function replaceNthValue(text: string, nth: number, json: string): string {
  const matches = [...text.matchAll(valuePattern)];
  if (matches.length === 0) return text;
  const m = matches[nth % matches.length];
  return text.slice(0, m.index) + json + text.slice((m.index ?? 0) + m[0].length);
}

function swapNthValues(text: string, a: number, b: number): string {
  const matches = [...text.matchAll(valuePattern)];
  if (matches.length < 2) return text;
  const first = matches[a % matches.length];
  const second = matches[b % matches.length];
  if (first.index === second.index) return text;
  const [x, y] = (first.index ?? 0) < (second.index ?? 0) ? [first, second] : [second, first];
  const xi = x.index ?? 0;
  const yi = y.index ?? 0;
  return text.slice(0, xi) + y[0] + text.slice(xi + x[0].length, yi) + x[0] + text.slice(yi + y[0].length);
}

function dropNthField(text: string, nth: number): string {
  const fields = [...text.matchAll(/"[A-Za-z]+"\s*:\s*("(?:[^"\\]|\\.)*"|-?[\d.eE+-]+|true|false|null|\{[^{}]*\}|\[[^[\]]*\])\s*,?\s*/g)];
  if (fields.length === 0) return text;
  const m = fields[nth % fields.length];
  return text.slice(0, m.index) + text.slice((m.index ?? 0) + m[0].length);
}

test('mutated valid files never make parse or analyze throw, and every diagnostic is well formed (1,200 runs)', () => {
  runFuzz('loader, mutated valid files', 
    fc.property(fc.constantFrom(...validFiles), fc.array(mutation, { minLength: 1, maxLength: 5 }), (base, mutations) => {
      checkText(mutations.reduce((text, mutate) => mutate(text), base));
    }),
    1200,
  );
});

test('random text and random JSON never make parse or analyze throw (600 runs)', () => {
  runFuzz('loader, random text and JSON',
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 50 })), (text) => {
      checkText(text);
    }),
    600,
  );
});

/** Random graphs built from plausible parts, so that the deeper checks and the compiler are reached often. */
const ids = ['data', 'h', 'a', 'b', 'out', 'loss', 'x-1', 'bad id', ...RESERVED_IDS];
const ports = ['features', 'labels', 'in', 'out', 'a', 'b', 'predictions'];
const paramsArb = fc.dictionary(
  fc.constantFrom('units', 'fn', 'rate', 'mode', 'fromLogits', 'alpha', 'useBias', 'init', 'normalize', 'dataset', 'extra', 'constructor', 'toString'),
  fc.oneof(
    fc.integer({ min: -1, max: 12 }), fc.double({ min: -1, max: 2, noNaN: true }), fc.boolean(),
    fc.constantFrom('relu', 'sigmoid', 'softmax', 'leaky_relu', 'binary', 'categorical', 'standard', 'he_normal', 'nope'),
    fc.constantFrom<unknown>({ builtin: 'moons' }, { builtin: 'iris' }, { builtin: 'spiral', classes: 4 }, { builtin: 'blobs', features: 3 },
      { csv: 'd.csv', label: 'y' }, { csv: '../x.csv', label: 'y' }, { builtin: 'zzz' }, {}),
  ),
  { maxKeys: 4 },
);
const graphArb = fc.record({
  format: fc.constantFrom('nngraph', 'nngraph', 'other'),
  version: fc.constantFrom(1, 1, 1, 2, 0),
  nodes: fc.array(fc.record({
    id: fc.constantFrom(...ids),
    type: fc.constantFrom(...NODE_TYPE_NAMES, 'conv'),
    params: paramsArb,
  }), { maxLength: 8 }),
  edges: fc.array(fc.record({
    from: fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ports)).map(([n, p]) => `${n}.${p}`),
    to: fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ports)).map(([n, p]) => `${n}.${p}`),
  }), { maxLength: 10 }),
  training: fc.dictionary(fc.constantFrom('epochs', 'batchSize', 'seed', 'optimizer', 'metrics', 'shuffle'),
    fc.oneof(fc.integer({ min: -2, max: 100 }), fc.constantFrom<unknown>({ type: 'sgd' }, { type: 'adam', beta1: 2 }, ['accuracy'], ['f1'], true)),
    { maxKeys: 3 }),
}, { requiredKeys: ['format', 'version', 'nodes', 'edges'] });

test('random plausible graphs never throw, and those without errors compile (400 runs)', () => {
  runFuzz('loader, random plausible graphs',
    fc.property(graphArb, (graph) => checkText(JSON.stringify(graph, null, 2))),
    400,
  );
});

type GraphObject = { nodes: { id: string; type: string; params?: Record<string, unknown> }[]; edges: { from: string; to: string }[] } & Record<string, unknown>;
type GraphMutation = (graph: GraphObject) => void;
const paramValues = fc.oneof(
  fc.integer({ min: -1, max: 6 }), fc.constantFrom<unknown>(0.5, 1, 2, 3, true, false, 'softmax', 'sigmoid', 'relu', 'binary', 'categorical', null),
);
const graphMutation: fc.Arbitrary<GraphMutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom('units', 'fn', 'rate', 'mode', 'fromLogits', 'alpha', 'useBias'), paramValues)
    .map(([n, key, value]) => (g: GraphObject) => {
      const node = g.nodes[n % Math.max(1, g.nodes.length)];
      if (node) node.params = { ...(node.params ?? {}), [key]: value };
    }),
  fc.nat().map((n) => (g: GraphObject) => { g.nodes.splice(n % Math.max(1, g.nodes.length), 1); }),
  fc.nat().map((n) => (g: GraphObject) => { g.edges.splice(n % Math.max(1, g.edges.length), 1); }),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...ports), fc.constantFrom(...ports)).map(([a, b, pa, pb]) => (g: GraphObject) => {
    const from = g.nodes[a % Math.max(1, g.nodes.length)];
    const to = g.nodes[b % Math.max(1, g.nodes.length)];
    if (from && to) g.edges.push({ from: `${from.id}.${pa}`, to: `${to.id}.${pb}` });
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...NODE_TYPE_NAMES)).map(([n, type]) => (g: GraphObject) => {
    const node = g.nodes[n % Math.max(1, g.nodes.length)];
    if (node) node.type = type;
  }),
  fc.tuple(fc.nat(), fc.constantFrom<unknown>({ builtin: 'iris' }, { builtin: 'digits' }, { builtin: 'spiral', classes: 2 },
    { builtin: 'blobs', classes: 2, features: 7 }, { csv: 'data.csv', label: 'y' })).map(([n, dataset]) => (g: GraphObject) => {
    const input = g.nodes.find((node) => node.type === 'input') ?? g.nodes[n % Math.max(1, g.nodes.length)];
    if (input) input.params = { ...(input.params ?? {}), dataset };
  }),
);

test('valid graphs changed node by node, edge by edge, never throw, and those without errors compile (1,000 runs)', () => {
  runFuzz('loader, valid graphs changed node by node',
    fc.property(fc.constantFrom(...validFiles), fc.array(graphMutation, { minLength: 1, maxLength: 3 }), (base, mutations) => {
      const graph = JSON.parse(base) as GraphObject;
      for (const mutate of mutations) mutate(graph);
      checkText(JSON.stringify(graph, null, 2));
    }),
    1000,
  );
});

/** Renames node `id` everywhere it appears (its own id and the edges' endpoints). */
function renameEverywhere(text: string, id: string, newId: string): string {
  return text.split(`"id": "${id}"`).join(`"id": "${newId}"`).split(`"${id}.`).join(`"${newId}.`);
}

const hostileFile: fc.Arbitrary<string> = fc.oneof(
  // Valid files whose nodes are called __proto__, constructor, …: they must check exactly as with plain names.
  fc.tuple(fc.constantFrom(...validFiles), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...RESERVED_IDS)), { minLength: 1, maxLength: 4 }))
    .map(([base, renames]) => renames.reduce((text, [n, reserved]) => {
      const found = [...text.matchAll(/"id": "([A-Za-z_][A-Za-z0-9_-]*)"/g)].map((m) => m[1]);
      return found.length === 0 ? text : renameEverywhere(text, found[n % found.length], reserved);
    }, base)),
  // Reserved keys inside params, datasets, training and at the top.
  fc.tuple(fc.constantFrom(...validFiles), fc.constantFrom(...RESERVED_IDS), fc.constantFrom('"params": {', '"dataset": {', '"training": {', '"nodes"'),
    fc.json({ maxDepth: 2 })).map(([base, key, anchor, json]) => (anchor === '"nodes"'
    ? base.replace(anchor, `"${key}": ${json},\n  "nodes"`)
    : base.replace(anchor, `${anchor} "${key}": ${json},`))),
  // Nesting from just under the limit to thousands of levels, closed or cut off.
  fc.tuple(fc.constantFrom(...validFiles), deepValueText, fc.nat()).map(([base, deep, where]) => withDeepValue(base, deep, where)),
);

test('hostile files (reserved ids and keys, deep nesting) check like any other and leave Object.prototype alone', () => {
  const before = prototypeSnapshot();
  runFuzz('loader, hostile files', fc.property(hostileFile, (text) => {
    checkText(text);
    if (findTooDeep(text)) assert.deepEqual(analyzeGraph(text).diagnostics.map((d) => d.code), ['NG050']);
    assertPrototypeUntouched(before);
  }), 2500);
});

test('a valid file with its nodes renamed to reserved names has no diagnostics and compiles', () => {
  const before = prototypeSnapshot();
  for (const text of validFiles) {
    const found = [...text.matchAll(/"id": "([A-Za-z_][A-Za-z0-9_-]*)"/g)].map((m) => m[1]);
    const renamed = found.slice(0, RESERVED_IDS.length).reduce((t, id, i) => renameEverywhere(t, id, RESERVED_IDS[i]), text);
    assert.deepEqual(analyzeGraph(renamed, { datasetInfo: csvInfo }).diagnostics, [], renamed);
    assert.equal(compileText(renamed, csvInfo).ok, true);
  }
  assertPrototypeUntouched(before);
});

test('the valid example graphs have no diagnostics at all', () => {
  for (const text of validFiles) {
    const analysis = analyzeGraph(text, { datasetInfo: csvInfo });
    assert.deepEqual(analysis.diagnostics, []);
    checkText(text);
  }
});
