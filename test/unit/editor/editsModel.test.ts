// Model-based property test: the document is text plus an undo stack, as VS Code keeps it. Random edits, undos and
// redos must leave the text's JSON equal to the model's graph, keep canonical text canonical, and undo exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdit, type EditIntent } from '../../../src/graph/edits';
import { applyTextEdits, computeTextEdits, formatGraphText, type JsonObject } from '../../../src/graph/format';
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
  fc.record({ i: index, suffix: fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/) }).map(({ i, suffix }) =>
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
  fc.assert(fc.property(fc.array(intentArb, { maxLength: 40 }), fc.constantFrom(...GRAPH_TEMPLATES), (steps, template) => {
    run(steps, template.build());
  }), { numRuns: 150, seed: 20261124 });
});
