import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random, RandomStream } from '../../../src/core/random';
import { range } from '../../../src/core/tensor';

describe('Random', () => {
  it('is reproducible from its seed, and different seeds differ', () => {
    const draw = (seed: number): number[] => { const r = new Random(seed); return Array.from({ length: 8 }, () => r.nextUint32()); };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    assert.notDeepEqual(Random.forStream(42, RandomStream.weights).nextUint32(), Random.forStream(42, RandomStream.data).nextUint32());
  });

  it('nextFloat lies in [0, 1) with mean ½; nextNormal has mean 0 and variance 1', () => {
    const random = new Random(7);
    const n = 50000;
    let sum = 0, normalSum = 0, normalSquares = 0;
    for (let i = 0; i < n; i++) {
      const u = random.nextFloat();
      assert.ok(u >= 0 && u < 1);
      sum += u;
      const z = random.nextNormal();
      normalSum += z;
      normalSquares += z * z;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.01);
    assert.ok(Math.abs(normalSum / n) < 0.02);
    assert.ok(Math.abs(normalSquares / n - 1) < 0.03);
  });

  it('nextInt covers [0, n) evenly', () => {
    const random = new Random(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[random.nextInt(6)]++;
    for (const count of counts) assert.ok(Math.abs(count - 10000) < 400, `count ${count}`);
    assert.throws(() => random.nextInt(0), /integer/);
  });

  it('shuffle permutes', () => {
    const indices = range(100);
    new Random(1).shuffle(indices);
    assert.notDeepEqual(Array.from(indices), Array.from(range(100)));
    assert.deepEqual(Array.from(indices).sort((a, b) => a - b), Array.from(range(100)));
  });
});
