import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCells, featureExtent, gridFeatures, labelClass, samplePoints } from '../../../src/extension/worker/boundaryGrid';

test('the extent covers every point with a margin', () => {
  const extent = featureExtent(new Float32Array([0, 0, 10, 5, -2, 1]), 3);
  assert.ok(extent.xMin < -2 && extent.xMax > 10 && extent.yMin < 0 && extent.yMax > 5);
});

test('grid cells are centred and row 0 is at the bottom (yMin)', () => {
  const grid = gridFeatures({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2);
  assert.deepEqual([...grid], [1, 0.5, 3, 0.5, 1, 1.5, 3, 1.5]);
});

test('one output column is binary: class 1 from p ≥ 0.5, confidence max(p, 1 − p)', () => {
  const { cellClass, cellConfidence } = classifyCells(new Float32Array([0.9, 0.2, 0.5]), 3, 1);
  assert.deepEqual([...cellClass], [1, 0, 1]);
  assert.deepEqual([...cellConfidence].map((c) => Math.round(c * 10) / 10), [0.9, 0.8, 0.5]);
});

test('several output columns are class probabilities: argmax and its probability', () => {
  const { cellClass, cellConfidence } = classifyCells(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.3, 0.2]), 2, 3);
  assert.deepEqual([...cellClass], [1, 0]);
  assert.deepEqual([...cellConfidence].map((c) => Math.round(c * 10) / 10), [0.7, 0.5]);
});

test('labels read as class indices from index, binary and one-hot layouts', () => {
  assert.equal(labelClass(new Float32Array([0, 2, 1]), 1, 1), 2);
  assert.equal(labelClass(new Float32Array([0, 0, 1, 0, 1, 0]), 3, 0), 2);
  assert.equal(labelClass(new Float32Array([0, 0, 1, 0, 1, 0]), 3, 1), 1);
});

test('at most maxPoints points are sampled, evenly', () => {
  const features = new Float32Array(2000);
  const labels = new Float32Array(1000);
  for (let i = 0; i < 1000; i++) { features[2 * i] = i; labels[i] = i % 2; }
  const points = samplePoints(features, labels, 1, 1000, 300);
  assert.ok(points.x.length <= 300 && points.x.length >= 200);
  assert.equal(points.x[1] - points.x[0], 4);
});
