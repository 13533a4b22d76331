import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorToHostSchema, hostToEditorSchema } from '../../../src/protocol/messages';

test('the host accepts well-formed editor messages and drops malformed or unknown ones', () => {
  const valid = [
    { type: 'ready' },
    { type: 'edit', intent: { kind: 'addNode', nodeType: 'dense', position: { x: 1, y: 2 } } },
    { type: 'edit', intent: { kind: 'setParam', nodeId: 'hidden', path: ['units'], value: 3 } },
    { type: 'edit', intent: { kind: 'setParam', nodeId: 'hidden', path: ['units'] } },
    { type: 'edit', intent: { kind: 'paste', nodes: [{ id: 'a', extra: [1, { b: null }] }], edges: [], offset: { x: 0, y: 0 } } },
    { type: 'runCommand', command: 'train' },
    { type: 'pickCsv', nodeId: 'data' },
  ];
  for (const message of valid) assert.equal(editorToHostSchema.safeParse(message).success, true, JSON.stringify(message));
  const invalid = [
    { type: 'nope' },
    { type: 'edit', intent: { kind: 'addNode', nodeType: 'conv2d', position: { x: 1, y: 2 } } },
    { type: 'edit', intent: { kind: 'moveNodes', moves: [{ nodeId: 'a', position: { x: Number.NaN, y: 0 } }] } },
    { type: 'edit', intent: { kind: 'setParam', nodeId: 'a', path: [], value: 1 } },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    'ready',
    null,
  ];
  for (const message of invalid) assert.equal(editorToHostSchema.safeParse(message).success, false, JSON.stringify(message));
});

test('the webview accepts the host messages it knows', () => {
  assert.equal(hostToEditorSchema.safeParse({ type: 'document', text: '{}' }).success, true);
  assert.equal(hostToEditorSchema.safeParse({ type: 'training', overlay: { running: true, loss: 0.5, nodeStats: { h: { mean: 0, std: 1, zeroFraction: 0.5, gradNorm: 2 } } } }).success, true);
  assert.equal(hostToEditorSchema.safeParse({ type: 'training', overlay: { running: 'yes' } }).success, false);
  assert.equal(hostToEditorSchema.safeParse({ type: 'select', nodeIds: ['a'] }).success, true);
  assert.equal(hostToEditorSchema.safeParse({ type: 'document' }).success, false);
});
