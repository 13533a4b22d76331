import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendBatchPoint, appendBatchSeries, createThinnedSeries, emptyBatchSeries, finiteOrNull } from '../../../src/protocol/trainingSeries';

test('a long run keeps at most the cap of batch points, thinned evenly by doubling the stride', () => {
  const thinned = createThinnedSeries();
  for (let step = 1; step <= 1000; step++) appendBatchPoint(thinned, step, 1 / step, null, 100);
  assert.ok(thinned.series.step.length <= 100);
  assert.ok(thinned.series.step.length > 50, 'halving keeps at least half the cap');
  assert.equal(thinned.stride, 16);
  assert.ok(thinned.series.step.every((step) => step % thinned.stride === 0));
  assert.equal(thinned.series.loss[0], 1 / thinned.series.step[0]);
});

test('the panel, fed only the points the host kept, ends with exactly the host series', () => {
  const host = createThinnedSeries();
  const panel = createThinnedSeries();
  let pending = emptyBatchSeries();
  for (let step = 1; step <= 5000; step++) {
    if (appendBatchPoint(host, step, step * 2, step % 3 === 0 ? null : step, 64)) {
      pending.step.push(step);
      pending.loss.push(step * 2);
      pending.accuracy.push(step % 3 === 0 ? null : step);
    }
    if (step % 37 === 0) {
      appendBatchSeries(panel, pending, 64);
      pending = emptyBatchSeries();
    }
  }
  appendBatchSeries(panel, pending, 64);
  assert.deepEqual(panel, host);
});

test('NaN and infinities become null so they survive JSON as gaps', () => {
  assert.equal(finiteOrNull(Number.NaN), null);
  assert.equal(finiteOrNull(Number.POSITIVE_INFINITY), null);
  assert.equal(finiteOrNull(undefined), null);
  assert.equal(finiteOrNull(0.5), 0.5);
});
