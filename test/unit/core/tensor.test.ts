import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allFinite, argmaxRow, gatherRows, l2Norm, range, shapeSize } from '../../../src/core/tensor';

describe('tensor helpers', () => {
  for (const width of [3, 16, 40]) {
    it(`gatherRows copies the indexed rows (width ${width})`, () => {
      const rows = 6;
      const source = Float32Array.from({ length: rows * width }, (_, i) => i);
      const target = new Float32Array(4 * width).fill(-1);
      gatherRows(source, width, Uint32Array.of(9, 5, 0, 3, 2), 1, 3, target);
      for (const [r, from] of [5, 0, 3].entries()) {
        assert.deepEqual(Array.from(target.subarray(r * width, (r + 1) * width)), Array.from(source.subarray(from * width, (from + 1) * width)));
      }
      assert.ok(target.subarray(3 * width).every((v) => v === -1), 'rows past count untouched');
    });
  }

  it('allFinite, l2Norm, argmaxRow, range, shapeSize', () => {
    assert.equal(allFinite(Float32Array.of(1, -2, 3e38), 3), true);
    assert.equal(allFinite(Float32Array.of(1, NaN), 2), false);
    assert.equal(allFinite(Float32Array.of(1, Infinity), 1), true, 'only the first count are checked');
    assert.equal(allFinite(Float64Array.of(-Infinity), 1), false);
    assert.equal(l2Norm(Float32Array.of(3, 4, 100), 2), 5);
    assert.equal(argmaxRow(Float32Array.of(0, 5, 1, 9, 9, 2), 3, 3), 0);
    assert.equal(argmaxRow(Float32Array.of(0, 5, 1), 0, 3), 1);
    assert.deepEqual(Array.from(range(4)), [0, 1, 2, 3]);
    assert.equal(shapeSize([3, 4]), 12);
    assert.equal(shapeSize([]), 1);
  });
});
