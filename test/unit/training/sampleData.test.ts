// The panel's side of the per-sample losses: decoding a report, the worst-N list, histogram binning, a binary model's
// two probabilities, moving between points, and the panel protocol accepting (and refusing) the new parts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { receiveHostToTrainingPanel, type SampleLossesView, type SampleSetView } from '../../../src/protocol/messages';
import {
  classProbabilities, decodeSamples, formatProbability, lossHistogram, medianLoss, worstSamples,
} from '../../../webview/training/sampleData';
import { nearestPoint, nextPoint, pointPixels } from '../../../webview/training/pointNavigation';

const base64 = (array: Float32Array | Float64Array): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

const set: SampleSetView = { row: [0, 3, 6, 9], label: [1, 0, 1, 0], validation: [false, false, true, false] };
const report: SampleLossesView = {
  globalStep: 12, epochsDone: 2, width: 1,
  outputs: base64(Float32Array.of(0.9, 0.2, 0.3, 0.6)),
  losses: base64(Float64Array.of(0.105, 0.223, 1.204, 0.916)),
  predicted: [1, 0, 0, 1],
};

describe('per-sample losses in the panel', () => {
  it('decodes a report, and refuses one whose lengths do not fit the set', () => {
    const samples = decodeSamples(set, report);
    assert.ok(samples !== undefined);
    assert.deepEqual([...samples.losses], [0.105, 0.223, 1.204, 0.916]);
    assert.equal(samples.epochsDone, 2);
    assert.equal(decodeSamples(set, { ...report, predicted: [1, 0, 0] }), undefined);
    assert.equal(decodeSamples(set, { ...report, width: 2 }), undefined);
    assert.equal(decodeSamples(set, { ...report, losses: base64(Float64Array.of(1, 2, 3)) }), undefined);
    assert.equal(decodeSamples(set, { ...report, losses: 'AAAA' }), undefined, '3 bytes are no float64');
    assert.equal(decodeSamples(undefined, report), undefined);
  });

  it('a one-column binary output p reads as p(0) = 1 − p, p(1) = p; several columns as they are', () => {
    const samples = decodeSamples(set, report)!;
    const [p0, p1] = classProbabilities(samples, 0);
    assert.ok(Math.abs(p1 - 0.9) < 1e-7 && Math.abs(p0 - 0.1) < 1e-7);
    const three = decodeSamples(
      { row: [4], label: [2], validation: [false] },
      { ...report, width: 3, outputs: base64(Float32Array.of(0.2, 0.3, 0.5)), losses: base64(Float64Array.of(0.693)), predicted: [2] },
    )!;
    assert.deepEqual(classProbabilities(three, 0).map((p) => Math.round(p * 10) / 10), [0.2, 0.3, 0.5]);
  });

  it('worst-N: the largest finite losses, largest first, ties in row order, never more than there are', () => {
    const losses = Float64Array.of(0.5, 2, Number.NaN, 2, 0.1, Infinity, 3);
    assert.deepEqual(worstSamples(losses, 3), [6, 1, 3]);
    assert.deepEqual(worstSamples(losses, 10), [6, 1, 3, 0, 4]);
    assert.deepEqual(worstSamples(losses, 0), []);
    assert.deepEqual(worstSamples(new Float64Array(0), 5), []);
  });

  it('histogram: equal bins from 0 to the largest loss, the largest in the last bin, every finite loss counted once', () => {
    const losses = Float64Array.of(0, 0.24, 0.25, 0.5, 0.99, 1, Number.NaN);
    const histogram = lossHistogram(losses, 4);
    assert.equal(histogram.upper, 1);
    assert.equal(histogram.binWidth, 0.25);
    assert.deepEqual(histogram.counts, [2, 1, 1, 2]);
    assert.deepEqual(lossHistogram(Float64Array.of(0, 0), 3).counts, [2, 0, 0], 'all zero: everything in the first bin');
    const many = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000 / 100);
    assert.equal(lossHistogram(many, 20).counts.reduce((a, b) => a + b, 0), 1000);
    assert.equal(medianLoss(Float64Array.of(3, 1, 2, Number.NaN)), 2);
    assert.equal(medianLoss(Float64Array.of(4, 1, 2, 3)), 2.5);
  });

  it('formats a tiny probability so that it is not shown as 0', () => {
    assert.equal(formatProbability(0.87654), '0.8765');
    assert.equal(formatProbability(0.0000123), '1.23e-5');
  });

  it('finds the point under the mouse and walks the visible points with the keys', () => {
    const boundary = { gridSize: 2, xMin: 0, xMax: 10, yMin: 0, yMax: 10, cellClass: '', cellConfidence: '', globalStep: 0 };
    // Points at x = 1, 5, 9 (y = 5) and one above the middle (5, 9), which is a validation row.
    const points = { x: [5, 1, 9, 5], y: [5, 5, 5, 9], label: [0, 1, 0, 1] };
    const pixels = pointPixels(points, boundary, 100);
    assert.deepEqual([...pixels.x], [50, 10, 90, 50]);
    assert.deepEqual([...pixels.y], [50, 50, 50, 10]);
    const all = (): boolean => true;
    const trainingOnly = (index: number): boolean => index !== 3;
    assert.equal(nearestPoint(pixels, all, 52, 48, 8), 0);
    assert.equal(nearestPoint(pixels, all, 30, 30, 8), -1, 'nothing within the radius');
    assert.equal(nearestPoint(pixels, trainingOnly, 50, 12, 8), -1, 'a hidden point is not picked');
    assert.equal(nextPoint(pixels, all, -1, 'ArrowRight'), 1, 'the walk starts at the leftmost point');
    assert.equal(nextPoint(pixels, all, 1, 'ArrowRight'), 3, 'at one x, the upper point first');
    assert.equal(nextPoint(pixels, all, 3, 'ArrowRight'), 0);
    assert.equal(nextPoint(pixels, trainingOnly, 1, 'ArrowRight'), 0, 'hidden points are skipped');
    assert.equal(nextPoint(pixels, all, 2, 'ArrowRight'), 2, 'stays at the end');
    assert.equal(nextPoint(pixels, all, 0, 'ArrowUp'), 3);
    assert.equal(nextPoint(pixels, trainingOnly, 0, 'ArrowUp'), 0, 'no visible point above');
    assert.equal(nextPoint(pixels, all, 3, 'ArrowDown'), 0);
    assert.equal(nextPoint(pixels, all, 0, 'End'), 2);
    assert.equal(nextPoint(pixels, () => false, 0, 'Home'), -1);
  });

  it('the panel protocol carries the sample set and report, and refuses a set whose arrays differ in length', () => {
    const update = { type: 'update', updates: [{ runId: 1, samples: set, sampleLosses: report }] };
    assert.ok(receiveHostToTrainingPanel(update).ok);
    const uneven = { type: 'update', updates: [{ runId: 1, samples: { ...set, validation: [true] } }] };
    assert.equal(receiveHostToTrainingPanel(uneven).ok, false);
    const notBase64 = { type: 'update', updates: [{ runId: 1, sampleLosses: { ...report, outputs: 'not base64!' } }] };
    assert.equal(receiveHostToTrainingPanel(notBase64).ok, false);
    const badPredicted = { type: 'update', updates: [{ runId: 1, sampleLosses: { ...report, predicted: [0.5, 1, 1, 1] } }] };
    assert.equal(receiveHostToTrainingPanel(badPredicted).ok, false);
  });
});
