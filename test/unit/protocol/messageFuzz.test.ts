// Fuzzing the message validators on arrival (all six channels): whatever arrives, they never throw, never pollute
// Object.prototype, accept exactly what is within the channel's limits and matches its schema (or check), and give
// a short reason when they drop. Seeded: set FUZZ_SEED to replay a run; the seed and the case count are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  editorToHostSchema, hostToEditorSchema, hostToTrainingPanelSchema, receiveEditorToHost, receiveHostToEditor,
  receiveHostToTrainingPanel, receiveTrainingPanelToHost, trainingPanelToHostSchema, type Received, type z,
} from '../../../src/protocol/messages';
import {
  boundsViolation, EDITOR_TO_HOST_LIMITS, HOST_TO_WEBVIEW_LIMITS, PANEL_TO_HOST_LIMITS, type MessageLimits,
} from '../../../src/protocol/messageBounds';
import { receiveHostToWorker, receiveWorkerToHost } from '../../../src/protocol/workerMessages';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
let casesRun = 0;

const reservedKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const key = fc.oneof(fc.constantFrom(...reservedKeys, 'type', 'kind', 'intent', 'nodeId', 'runId'), fc.string({ maxLength: 8 }));

/** JSON text nested `depth` levels (built as text, so the generator itself cannot overflow the stack). */
const deepJson = fc.record({ depth: fc.integer({ min: 1, max: 6000 }), arrays: fc.boolean() }).map(({ depth, arrays }) =>
  (arrays ? '['.repeat(depth) : '{"a":'.repeat(depth)) + '1' + (arrays ? ']' : '}').repeat(depth));

/** Values as a webview delivers them: parsed from JSON text, so `__proto__` arrives as an own key. */
const shallowJson = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
const objectWithKeys = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }).map((o) =>
  `{${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
const bigArray = fc.integer({ min: 1, max: 150_000 }).map((n) => `[${'0,'.repeat(n - 1)}0]`);
const anyJsonText = fc.oneof(
  { arbitrary: shallowJson, weight: 4 }, { arbitrary: objectWithKeys, weight: 3 },
  { arbitrary: deepJson, weight: 2 }, { arbitrary: bigArray, weight: 1 },
);

/** Valid messages of each channel, then with one field replaced by arbitrary (possibly deep or huge) JSON. */
const editorSamples: unknown[] = [
  { type: 'ready' },
  { type: 'edit', intent: { kind: 'addNode', nodeType: 'dense', position: { x: 1, y: 2 }, params: { units: 4 } } },
  { type: 'edit', intent: { kind: 'setParam', nodeId: 'h', path: ['units'], value: 3 } },
  { type: 'edit', intent: { kind: 'setDataset', nodeId: 'data', dataset: { kind: 'builtin', name: 'moons' } } },
  { type: 'edit', intent: { kind: 'paste', nodes: [{ id: 'a', type: 'dense' }], edges: [{ from: 'a.out', to: 'b.in' }], offset: { x: 0, y: 0 } } },
  { type: 'edit', intent: { kind: 'moveNodes', moves: [{ nodeId: 'a', position: { x: 3, y: 4 } }] } },
  { type: 'runCommand', command: 'train' },
  { type: 'pickCsv', nodeId: 'data' },
  { type: 'explain', requestId: 1, sample: { kind: 'values', features: [0.5, -1], label: [2] }, overrides: [{ nodeId: 'd', tensor: 'kernel', index: 3, value: 0.25 }] },
];
const panelSamples: unknown[] = [{ type: 'ready' }, { type: 'ack' }, { type: 'stop', runId: 2 }, { type: 'clearHistory' }];
const hostToEditorSamples: unknown[] = [
  { type: 'document', text: '{}', csvColumns: ['a', 'b'] },
  { type: 'training', overlay: { running: true, loss: 0.5, nodeStats: { h: { mean: 0, std: 1, zeroFraction: 0, gradNorm: 1 } } } },
  { type: 'select', nodeIds: ['a'], reveal: true },
  { type: 'refused', message: 'no' },
  { type: 'explanation', requestId: 1, result: { ok: false, message: 'Row 9 is past the end' } },
];
const hostToPanelSamples: unknown[] = [{ type: 'snapshot', runs: [] }, { type: 'update', updates: [{ runId: 1 }] }];

/** Replaces the value at one path of a sample (deepest first) with the parsed arbitrary text. */
function mutated(samples: unknown[]): fc.Arbitrary<unknown> {
  return fc.record({ sample: fc.constantFrom(...samples), text: anyJsonText, pick: fc.nat() }).map(({ sample, text, pick }) => {
    const copy = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
    const holders: Array<Record<string, unknown>> = [];
    const pending: unknown[] = [copy];
    while (pending.length > 0) {
      const current = pending.pop();
      if (typeof current !== 'object' || current === null) continue;
      holders.push(current as Record<string, unknown>);
      pending.push(...Object.values(current));
    }
    const holder = holders[pick % holders.length];
    const keys = Object.keys(holder);
    if (keys.length > 0) holder[keys[pick % keys.length]] = JSON.parse(text);
    return copy;
  });
}

interface Channel { name: string; receive(raw: unknown): Received<unknown>; schema?: z.ZodType; limits?: MessageLimits; samples: unknown[] }
const channels: Channel[] = [
  { name: 'editor → host', receive: receiveEditorToHost, schema: editorToHostSchema, limits: EDITOR_TO_HOST_LIMITS, samples: editorSamples },
  { name: 'panel → host', receive: receiveTrainingPanelToHost, schema: trainingPanelToHostSchema, limits: PANEL_TO_HOST_LIMITS, samples: panelSamples },
  { name: 'host → editor', receive: receiveHostToEditor, schema: hostToEditorSchema, limits: HOST_TO_WEBVIEW_LIMITS, samples: hostToEditorSamples },
  { name: 'host → panel', receive: receiveHostToTrainingPanel, schema: hostToTrainingPanelSchema, limits: HOST_TO_WEBVIEW_LIMITS, samples: hostToPanelSamples },
  { name: 'host → worker', receive: receiveHostToWorker, samples: [{ type: 'stop' }, { type: 'step' }, { type: 'setLearningRate', learningRate: 0.01 }] },
  { name: 'worker → host', receive: receiveWorkerToHost, samples: [{ type: 'failed', runId: 1, message: 'x' }] },
];

const casesPerChannel = 500;

for (const channel of channels) {
  test(`the ${channel.name} validator drops without throwing, and accepts exactly what fits the limits and the schema`, () => {
    for (const sample of channel.samples) assert.equal(channel.receive(sample).ok, true, `a valid sample was dropped: ${JSON.stringify(sample)}`);
    const arrivals = fc.oneof(mutated(channel.samples), anyJsonText.map((text) => JSON.parse(text) as unknown));
    fc.assert(fc.property(arrivals, (raw) => {
      casesRun += 1;
      const received = channel.receive(raw);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      if (!received.ok) {
        assert.ok(received.reason.length > 0 && received.reason.length <= 301, `reason: ${received.reason}`);
        return;
      }
      if (channel.schema && channel.limits) {
        assert.equal(boundsViolation(raw, channel.limits), undefined, 'accepted a message over the limits');
        assert.equal(channel.schema.safeParse(raw).success, true, 'accepted a message the schema refuses');
      }
    }), { seed, numRuns: casesPerChannel });
  });
}

test('the fuzzing figures', () => {
  console.log(`message validators: ${casesRun} fast-check cases over ${channels.length} channels, seed ${seed} (FUZZ_SEED=${seed} replays)`);
  assert.equal(casesRun, channels.length * casesPerChannel);
});
