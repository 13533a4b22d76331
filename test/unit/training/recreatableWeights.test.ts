// Which weights files Reset deletes without asking: those this window trained from the seed (directly, or through a
// chain of runs that began at the seed), recognized by their bytes; a file from elsewhere, or changed since, is asked
// about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecreatableWeights } from '../../../src/extension/training/recreatableWeights';

const doc = 'file:///w/spiral.nngraph';
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

test('weights trained from the seed in this window are recreatable; a chain of runs from them too', () => {
  const weights = new RecreatableWeights();
  weights.runStarted(1, doc, { kind: 'fresh' }, undefined);
  weights.saved(1, doc, bytes(1, 2, 3));
  assert.equal(weights.matches(doc, bytes(1, 2, 3)), true);
  assert.equal(weights.matches(doc, bytes(1, 2, 4)), false, 'a file changed since is not the one we wrote');
  assert.equal(weights.matches('file:///w/other.nngraph', bytes(1, 2, 3)), false, 'per document');
  weights.runStarted(2, doc, { kind: 'restored', tensorCount: 2 }, bytes(1, 2, 3));
  weights.saved(2, doc, bytes(9, 9));
  assert.equal(weights.matches(doc, bytes(9, 9)), true, 'continued from recreatable weights: still recreatable');
});

test('weights that came from elsewhere are not, nor anything continued from them', () => {
  const weights = new RecreatableWeights();
  assert.equal(weights.matches(doc, bytes(5)), false, 'a file from an earlier window');
  weights.runStarted(3, doc, { kind: 'restored', tensorCount: 2 }, bytes(5));
  weights.saved(3, doc, bytes(6));
  assert.equal(weights.matches(doc, bytes(6)), false);
  weights.runStarted(4, doc, { kind: 'mismatch', reason: 'shapes differ' }, bytes(6));
  weights.saved(4, doc, bytes(7));
  assert.equal(weights.matches(doc, bytes(7)), true, 'a run that could not use the file started from the seed');
});
