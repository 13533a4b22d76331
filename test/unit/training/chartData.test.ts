import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignSeries, forLogScale, formatDuration, remainingMs, smooth } from '../../../webview/training/chartData';

test('smoothing is a debiased moving average: a constant stays constant, nulls stay gaps', () => {
  assert.deepEqual(smooth([2, 2, null, 2], 0.9), [2, 2, null, 2]);
  const smoothed = smooth([0, 10], 0.5);
  assert.equal(smoothed[0], 0);
  assert.ok(Math.abs((smoothed[1] ?? 0) - 10 / 1.5) < 1e-12);
  assert.deepEqual(smooth([1, 5], 0), [1, 5]);
});

test('series with different steps share one x axis with gaps where a series has no point', () => {
  const { x, ys } = alignSeries([
    { label: 'batch', x: [1, 2, 3, 4], y: [4, 3, 2, 1], points: false, color: '#000' },
    { label: 'epoch', x: [2, 4], y: [3.5, 1.5], points: true, color: '#111' },
    { label: 'other run', x: [5], y: [9], points: false, color: '#222' },
  ]);
  assert.deepEqual(x, [1, 2, 3, 4, 5]);
  assert.deepEqual(ys, [[4, 3, 2, 1, null], [null, 3.5, null, 1.5, null], [null, null, null, null, 9]]);
});

test('a log axis gets gaps instead of zero or negative values', () => {
  assert.deepEqual(forLogScale([1, 0, -1, null, 0.5]), [1, null, null, null, 0.5]);
});

test('remaining time follows the pace so far; durations read m:ss or h:mm:ss', () => {
  assert.equal(remainingMs(1000, 10, 30), 2000);
  assert.equal(remainingMs(1000, 0, 30), undefined);
  assert.equal(remainingMs(1000, 30, 30), 0);
  assert.equal(formatDuration(65_000), '1:05');
  assert.equal(formatDuration(3_725_000), '1:02:05');
});
