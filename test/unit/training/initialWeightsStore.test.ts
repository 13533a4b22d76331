// The store behind "Restart from the same initial weights": newest runs kept within the byte budget, oldest dropped
// first, and the run just kept is never the one dropped, even when it alone is over the budget.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { InitialWeightsStore } from '../../../src/extension/training/initialWeightsStore';

test('beyond the budget the oldest runs go first; the newest stays even when it alone is over', () => {
  const store = new InitialWeightsStore(100);
  store.keep(1, new Uint8Array(40));
  store.keep(2, new Uint8Array(40));
  assert.ok(store.has(1) && store.has(2), '80 of 100 bytes: both kept');
  store.keep(3, new Uint8Array(40));
  assert.deepEqual([1, 2, 3].map((run) => store.has(run)), [false, true, true], 'run 1 dropped to make room');
  store.keep(4, new Uint8Array(150));
  assert.deepEqual([2, 3, 4].map((run) => store.has(run)), [false, false, true], 'the newest is kept even over the budget');
  assert.equal(store.get(4)?.byteLength, 150);
  assert.equal(store.get(2), undefined);
});
