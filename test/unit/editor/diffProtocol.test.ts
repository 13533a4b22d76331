// The graph diff panel's messages: what each side accepts, and what it drops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffToHostSchema, hostToDiffSchema } from '../../../src/protocol/diffMessages';

test('the host accepts only ready from the diff panel', () => {
  assert.equal(diffToHostSchema.safeParse({ type: 'ready' }).success, true);
  for (const message of [{ type: 'edit' }, { type: 'runCommand', command: 'train' }, 'ready', null]) {
    assert.equal(diffToHostSchema.safeParse(message).success, false, JSON.stringify(message));
  }
});

test('the diff panel accepts two labelled versions and drops anything else', () => {
  const version = { label: 'digits.nngraph (Index)', text: '{}' };
  assert.equal(hostToDiffSchema.safeParse({ type: 'versions', before: version, after: version }).success, true);
  assert.equal(hostToDiffSchema.safeParse({ type: 'versions', before: version }).success, false);
  assert.equal(hostToDiffSchema.safeParse({ type: 'versions', before: version, after: { label: 'x', text: 3 } }).success, false);
  assert.equal(hostToDiffSchema.safeParse({ type: 'document', text: '{}' }).success, false);
});
