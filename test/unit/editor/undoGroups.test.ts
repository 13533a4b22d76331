// One operation, one undo step: the host turns each intent of the graph editor (paste, delete, duplicate, auto layout
// of several nodes) into exactly one WorkspaceEdit, which VS Code records as one undo step. Runs the real
// documentSync against a document that keeps VS Code's undo stack: one entry per applied WorkspaceEdit.
import '../protocol/fakeVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { FakeUri, type FakeWorkspaceEdit, recorded } from '../protocol/fakeVscode';
import { applyIntentToDocument } from '../../../src/extension/editor/documentSync';
import type { EditIntent, JsonObject } from '../../../src/graph/index';
import { parseClipboard, selectionToClipboard, serializeClipboard } from '../../../webview/editor/clipboard';

const tutorialText = readFileSync(join(__dirname, '../../../examples/tutorial.nngraph'), 'utf8');

/** A TextDocument whose positions are plain offsets, with an undo stack of whole texts. */
class UndoableDocument {
  readonly uri = FakeUri.file(`/work/${Math.random().toString(36).slice(2)}.nngraph`);
  readonly undoStack: string[] = [];
  constructor(public text: string) {}
  getText(): string { return this.text; }
  positionAt(offset: number): number { return offset; }
  /** Applies a WorkspaceEdit's replacements (from the end, so earlier offsets stay valid) as ONE undo entry. */
  apply(edit: FakeWorkspaceEdit): void {
    this.undoStack.push(this.text);
    const replacements = [...edit.replacements].sort((a, b) => (b.range.start as number) - (a.range.start as number));
    for (const { range, content } of replacements) {
      this.text = this.text.slice(0, range.start as number) + content + this.text.slice(range.end as number);
    }
  }
  undo(): void {
    const previous = this.undoStack.pop();
    assert.ok(previous !== undefined, 'nothing to undo');
    this.text = previous;
  }
  get asVsCode(): vscode.TextDocument { return this as unknown as vscode.TextDocument; }
  get graph(): JsonObject { return JSON.parse(this.text) as JsonObject; }
}

function nodeIds(doc: UndoableDocument): string[] {
  return (doc.graph.nodes as JsonObject[]).map((node) => node.id as string);
}

function edgeCount(doc: UndoableDocument): number {
  return (doc.graph.edges as JsonObject[]).length;
}

/** Applies one intent and returns how many WorkspaceEdits reached VS Code for it. */
async function editsFor(doc: UndoableDocument, intent: EditIntent): Promise<number> {
  recorded.appliedEdits = 0;
  recorded.onApplyEdit = (edit) => { doc.apply(edit); return true; };
  const result = await applyIntentToDocument(doc.asVsCode, intent);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return recorded.appliedEdits;
}

/** What the webview's Ctrl+C then Ctrl+V sends: the clipboard text read back into a paste intent. */
function pasteOf(doc: UndoableDocument, ids: string[]): EditIntent {
  const content = parseClipboard(serializeClipboard(selectionToClipboard(doc.graph, new Set(ids))));
  assert.ok(content);
  return { kind: 'paste', nodes: content.nodes, edges: content.edges, offset: { x: 40, y: 40 } };
}

test('pasting three copied nodes is one WorkspaceEdit, and one undo removes all three and their wires', async () => {
  const doc = new UndoableDocument(tutorialText);
  assert.equal(await editsFor(doc, pasteOf(doc, ['hidden', 'relu', 'out'])), 1);
  assert.deepEqual(nodeIds(doc), ['data', 'hidden', 'relu', 'out', 'prob', 'loss', 'dense_1', 'activation_1', 'dense_2']);
  assert.equal(edgeCount(doc), 6 + 2, 'the two wires between the copies come along');
  doc.undo();
  assert.equal(doc.text, tutorialText);
});

test('deleting several nodes (and the wires they touch) is one undo step', async () => {
  const doc = new UndoableDocument(tutorialText);
  assert.equal(await editsFor(doc, { kind: 'deleteElements', nodeIds: ['hidden', 'relu', 'prob'], edges: [] }), 1);
  assert.deepEqual(nodeIds(doc), ['data', 'out', 'loss']);
  assert.equal(edgeCount(doc), 1);
  doc.undo();
  assert.equal(doc.text, tutorialText);
});

test('duplicate and auto layout of the whole graph are one undo step each', async () => {
  const doc = new UndoableDocument(tutorialText);
  assert.equal(await editsFor(doc, { kind: 'duplicate', nodeIds: ['data', 'hidden', 'relu', 'out', 'prob', 'loss'] }), 1);
  assert.equal(nodeIds(doc).length, 12);
  const afterDuplicate = doc.text;
  assert.equal(await editsFor(doc, { kind: 'autoLayout' }), 1);
  const moved = (doc.graph.nodes as JsonObject[]).filter((node, index) =>
    JSON.stringify(node.position) !== JSON.stringify((JSON.parse(afterDuplicate) as { nodes: JsonObject[] }).nodes[index]?.position));
  assert.ok(moved.length >= 2, `auto layout moved ${moved.length} nodes`);
  doc.undo();
  assert.equal(doc.text, afterDuplicate);
  doc.undo();
  assert.equal(doc.text, tutorialText);
});

test('two pastes sent at once are applied one after the other: both land, as two undo steps', async () => {
  const doc = new UndoableDocument(tutorialText);
  recorded.appliedEdits = 0;
  // VS Code applies an edit later, on its own turn; an intent computed from the text before it would be stale.
  recorded.onApplyEdit = async (edit) => {
    await new Promise((resolve) => setImmediate(resolve));
    doc.apply(edit);
    return true;
  };
  const paste = pasteOf(doc, ['hidden', 'relu']);
  const results = await Promise.all([applyIntentToDocument(doc.asVsCode, paste), applyIntentToDocument(doc.asVsCode, paste)]);
  assert.ok(results.every((result) => result.ok));
  assert.equal(recorded.appliedEdits, 2);
  assert.deepEqual(nodeIds(doc).slice(6), ['dense_1', 'activation_1', 'dense_2', 'activation_2']);
  assert.equal(edgeCount(doc), 6 + 2);
  doc.undo();
  assert.equal(nodeIds(doc).length, 8);
  doc.undo();
  assert.equal(doc.text, tutorialText);
});

test('quick-add (a node added and wired from an output) is one WorkspaceEdit, and one undo removes node and wire', async () => {
  const doc = new UndoableDocument(tutorialText);
  const intent: EditIntent = { kind: 'addConnected', nodeType: 'activation', params: { fn: 'tanh' }, position: { x: 440, y: 200 }, from: 'relu.out', toPort: 'in' };
  assert.equal(await editsFor(doc, intent), 1);
  assert.deepEqual(nodeIds(doc).at(-1), 'activation_1');
  assert.deepEqual((doc.graph.edges as JsonObject[]).at(-1), { from: 'relu.out', to: 'activation_1.in' });
  doc.undo();
  assert.equal(doc.text, tutorialText);
});
