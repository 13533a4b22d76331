// Model-based property test: the document is text plus an undo stack, as VS Code keeps it. Random edits, undos and
// redos must leave the text's JSON equal to the model's graph, keep canonical text canonical, and undo exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdit, readEditableGraph, type EditIntent } from '../../../src/graph/edits';
import { applyTextEdits, computeTextEdits, formatGraphText, jsonEqual, type JsonObject, type JsonValue } from '../../../src/graph/format';
import { assertPrototypeUntouched, deepValueText, prototypeSnapshot, RESERVED_IDS, runFuzz, withDeepValue } from '../graph/fuzz';
import { GRAPH_TEMPLATES } from '../../../src/graph/templates';
import type { NodeType } from '../../../src/graph/types';

interface Document { text: string; undo: string[]; redo: string[] }
interface Model { graph: JsonObject; undo: JsonObject[]; redo: JsonObject[] }

type Step =
  | { op: 'edit'; pick: (graph: JsonObject) => EditIntent }
  | { op: 'undo' }
  | { op: 'redo' };

const NODE_TYPES: NodeType[] = ['input', 'dense', 'activation', 'dropout', 'add', 'concat', 'cross-entropy', 'mse'];
const ids = (graph: JsonObject): string[] => (graph.nodes as JsonObject[]).map((n) => n.id as string);
const choose = <T>(list: readonly T[], index: number, fallback: T): T => (list.length === 0 ? fallback : list[index % list.length]);

const coordinate = fc.integer({ min: -2000, max: 2000 });
const index = fc.nat(50);
const intentArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constantFrom(...NODE_TYPES), x: coordinate, y: coordinate }).map(({ t, x, y }) =>
    ({ op: 'edit', pick: () => ({ kind: 'addNode', nodeType: t, position: { x, y } }) }) as Step),
  fc.record({ i: index, x: coordinate, y: coordinate }).map(({ i, x, y }) =>
    ({ op: 'edit', pick: (g) => ({ kind: 'moveNodes', moves: [{ nodeId: choose(ids(g), i, 'none'), position: { x, y } }] }) }) as Step),
  fc.record({ i: index, j: index, p: fc.constantFrom('in', 'a', 'b', 'predictions', 'labels'), o: fc.constantFrom('out', 'features', 'labels') })
    .map(({ i, j, p, o }) => ({ op: 'edit', pick: (g) => ({ kind: 'connect', from: `${choose(ids(g), i, 'x')}.${o}`, to: `${choose(ids(g), j, 'y')}.${p}` }) }) as Step),
  fc.record({ i: index }).map(({ i }) =>
    ({ op: 'edit', pick: (g) => ({ kind: 'deleteElements', nodeIds: [choose(ids(g), i, 'none')], edges: [] }) }) as Step),
  fc.record({ i: index }).map(({ i }) => ({
    op: 'edit', pick: (g) => {
      const edges = g.edges as JsonObject[];
      const edge = choose(edges, i, { from: 'a.out', to: 'b.in' });
      return { kind: 'deleteElements', nodeIds: [], edges: [{ from: String(edge.from), to: String(edge.to) }] };
    },
  }) as Step),
  fc.record({ i: index, units: fc.integer({ min: 1, max: 512 }), name: fc.constantFrom('units', 'rate', 'note') }).map(({ i, units, name }) =>
    ({ op: 'edit', pick: (g) => ({ kind: 'setParam', nodeId: choose(ids(g), i, 'none'), path: [name], value: units }) }) as Step),
  fc.record({ i: index }).map(({ i }) =>
    ({ op: 'edit', pick: (g) => ({ kind: 'setParam', nodeId: choose(ids(g), i, 'none'), path: ['units'] }) }) as Step),
  fc.record({ i: index, j: index }).map(({ i, j }) =>
    ({ op: 'edit', pick: (g) => ({ kind: 'duplicate', nodeIds: [choose(ids(g), i, 'none'), choose(ids(g), j, 'none')] }) }) as Step),
  fc.record({ i: index, suffix: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), fc.constantFrom(...RESERVED_IDS)) }).map(({ i, suffix }) =>
    ({ op: 'edit', pick: (g) => ({ kind: 'renameNode', nodeId: choose(ids(g), i, 'none'), newId: suffix }) }) as Step),
  fc.record({ lr: fc.double({ min: 1e-5, max: 1, noNaN: true }) }).map(({ lr }) =>
    ({ op: 'edit', pick: () => ({ kind: 'setTraining', path: ['optimizer', 'learningRate'], value: lr }) }) as Step),
  fc.constant({ op: 'edit', pick: () => ({ kind: 'autoLayout' }) } as Step),
  fc.constant({ op: 'undo' } as Step),
  fc.constant({ op: 'redo' } as Step),
);

function run(steps: Step[], start: JsonObject): void {
  const doc: Document = { text: formatGraphText(start), undo: [], redo: [] };
  const model: Model = { graph: start, undo: [], redo: [] };
  for (const step of steps) {
    if (step.op === 'undo' || step.op === 'redo') {
      const [from, to] = step.op === 'undo' ? [doc.undo, doc.redo] : [doc.redo, doc.undo];
      const [modelFrom, modelTo] = step.op === 'undo' ? [model.undo, model.redo] : [model.redo, model.undo];
      const previous = from.pop();
      const previousGraph = modelFrom.pop();
      assert.equal(previous === undefined, previousGraph === undefined);
      if (previous !== undefined && previousGraph !== undefined) {
        to.push(doc.text);
        modelTo.push(model.graph);
        doc.text = previous;
        model.graph = previousGraph;
      }
    } else {
      const intent = step.pick(model.graph);
      const result = applyEdit(JSON.parse(doc.text) as JsonObject, intent);
      const modelResult = applyEdit(model.graph, intent);
      assert.equal(result.ok, modelResult.ok);
      if (!result.ok || !modelResult.ok) continue;
      const edits = computeTextEdits(doc.text, result.value);
      if (edits.length === 0) continue; // no change, no undo entry (as VS Code does)
      doc.undo.push(doc.text);
      doc.redo = [];
      doc.text = applyTextEdits(doc.text, edits);
      model.undo.push(model.graph);
      model.redo = [];
      model.graph = modelResult.value;
    }
    assert.deepEqual(JSON.parse(doc.text), model.graph);
    assert.equal(formatGraphText(model.graph), doc.text, 'canonical text stays canonical');
  }
  // Undoing everything gives the starting text back, byte for byte.
  while (doc.undo.length > 0) doc.text = doc.undo.pop() as string;
  assert.equal(doc.text, formatGraphText(start));
}

test('random edits, undos and redos keep the text and the graph equal', () => {
  runFuzz('edit applier, edit/undo/redo sequences', fc.property(fc.array(intentArb, { maxLength: 40 }), fc.constantFrom(...GRAPH_TEMPLATES), (steps, template) => {
    run(steps, template.build());
  }), 200);
});

/** Templates whose nodes are renamed to reserved names (ids and edge endpoints alike). */
const reservedTemplate: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...GRAPH_TEMPLATES), fc.shuffledSubarray([...RESERVED_IDS], { minLength: 1 }))
  .map(([template, names]) => {
    let text = formatGraphText(template.build());
    const found = [...text.matchAll(/"id": "([A-Za-z_][A-Za-z0-9_-]*)"/g)].map((m) => m[1]);
    names.forEach((name, i) => {
      const id = found[i % found.length];
      text = text.split(`"id": "${id}"`).join(`"id": "${name}"`).split(`"${id}.`).join(`"${name}.`);
    });
    return text;
  });

const hostileText: fc.Arbitrary<string> = fc.oneof(
  reservedTemplate,
  fc.tuple(reservedTemplate, deepValueText, fc.nat()).map(([base, deep, where]) => withDeepValue(base, deep, where)),
  fc.tuple(reservedTemplate, fc.nat(), fc.string({ maxLength: 3 })).map(([base, at, junk]) => base.slice(0, at % base.length) + junk + base.slice(at % base.length)),
);

const hostileName = fc.oneof(fc.constantFrom<string>(...RESERVED_IDS, 'data', 'hidden', 'loss', 'a.b', ''), fc.string({ maxLength: 6 }));
const hostilePort = fc.constantFrom('in', 'out', 'a', 'b', 'features', 'labels', 'predictions', '__proto__', 'constructor');
const hostileEndpoint = fc.tuple(hostileName, hostilePort).map(([node, port]) => `${node}.${port}`);
const hostileValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>,
  fc.integer({ min: 100, max: 1000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as JsonValue),
);
const hostilePath = fc.array(fc.oneof(fc.constantFrom<string>(...RESERVED_IDS, 'units', 'dataset', 'optimizer'), fc.string({ maxLength: 4 })), { maxLength: 4 });
const hostileNodeCopy = fc.record({ id: hostileName, type: fc.constantFrom('dense', 'input', 'weird'), position: fc.record({ x: fc.integer(), y: fc.integer() }) });

const hostileIntent: fc.Arbitrary<EditIntent> = fc.oneof(
  fc.record({ kind: fc.constant('addNode' as const), nodeType: fc.constantFrom(...NODE_TYPES), position: fc.record({ x: coordinate, y: coordinate }) }),
  fc.record({ kind: fc.constant('connect' as const), from: hostileEndpoint, to: hostileEndpoint }),
  fc.record({ kind: fc.constant('disconnect' as const), from: hostileEndpoint, to: hostileEndpoint }),
  fc.record({ kind: fc.constant('deleteElements' as const), nodeIds: fc.array(hostileName, { maxLength: 3 }), edges: fc.array(fc.record({ from: hostileEndpoint, to: hostileEndpoint }), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('setParam' as const), nodeId: hostileName, path: hostilePath, value: hostileValue }),
  fc.record({ kind: fc.constant('setParam' as const), nodeId: hostileName, path: hostilePath }),
  fc.record({ kind: fc.constant('renameNode' as const), nodeId: hostileName, newId: hostileName }),
  fc.record({ kind: fc.constant('moveNodes' as const), moves: fc.array(fc.record({ nodeId: hostileName, position: fc.record({ x: coordinate, y: coordinate }) }), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('setTraining' as const), path: hostilePath, value: hostileValue }),
  fc.record({ kind: fc.constant('setName' as const), name: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('paste' as const), nodes: fc.array(hostileNodeCopy, { maxLength: 3 }) as fc.Arbitrary<JsonObject[]>,
    edges: fc.array(fc.record({ from: hostileEndpoint, to: hostileEndpoint }), { maxLength: 3 }), offset: fc.record({ x: coordinate, y: coordinate }) }),
  fc.record({ kind: fc.constant('duplicate' as const), nodeIds: fc.array(hostileName, { maxLength: 3 }) }),
  fc.constant({ kind: 'autoLayout' as const }),
);

/** What the host does with an intent from the editor (documentSync.ts without VS Code): it must never throw. */
function hostApply(text: string, intent: EditIntent): void {
  const read = readEditableGraph(text);
  if (!read.ok) {
    assert.ok(read.reason.length > 10);
    return;
  }
  const result = applyEdit(read.value, intent);
  if (!result.ok) {
    assert.ok(result.message.length > 5);
    return;
  }
  const after = applyTextEdits(text, computeTextEdits(text, result.value));
  assert.ok(jsonEqual(JSON.parse(after) as JsonValue, result.value), 'the new text holds the edited value');
}

test('the edit applier never throws on hostile text or hostile intents, and leaves Object.prototype alone', () => {
  const before = prototypeSnapshot();
  runFuzz('edit applier, hostile texts and intents', fc.property(hostileText, fc.array(hostileIntent, { minLength: 1, maxLength: 3 }), (text, intents) => {
    let current = text;
    for (const intent of intents) {
      hostApply(current, intent);
      const read = readEditableGraph(current);
      const result = read.ok ? applyEdit(read.value, intent) : undefined;
      if (result?.ok) current = applyTextEdits(current, computeTextEdits(current, result.value));
    }
    assertPrototypeUntouched(before);
  }), 4300);
});
