// The feature op (Playground's x, x², x₁x₂, sin x): float64 gradient checks for every choice of groups over batch size
// 1 and odd shapes, accumulation into an existing gradient, the column order, and the program's check of its width.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../src/core/random';
import { FEATURE_GROUPS, featuresBackward, featuresForward, featuresWidth, type FeatureGroup } from '../../../src/core/ops/features';
import { checkProgramSpec } from '../../../src/core/program/checkSpec';
import type { ProgramSpec } from '../../../src/core/types';
import { SHAPES, assertGradient, randomArray, weightedSum } from './gradientCheck';

/** Every non-empty subset of the groups, in FEATURE_GROUPS order. */
function everyChoice(): FeatureGroup[][] {
  const choices: FeatureGroup[][] = [];
  for (let mask = 1; mask < 1 << FEATURE_GROUPS.length; mask++) choices.push(FEATURE_GROUPS.filter((_, i) => (mask & (1 << i)) !== 0));
  return choices;
}

describe('features op', () => {
  it('widths: n per x, square and sin group, n(n−1)/2 for the products', () => {
    assert.equal(featuresWidth(['x'], 2), 2);
    assert.equal(featuresWidth(['x', 'square', 'product', 'sin'], 2), 7); // Playground's seven for two inputs
    assert.equal(featuresWidth(['product'], 1), 0);
    assert.equal(featuresWidth(['product'], 64), 2016);
    assert.equal(featuresWidth(['sin', 'x', 'sin'], 3), 6, 'a group named twice counts once');
  });

  it('hand-computed row: [x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂], whatever order the groups are listed in', () => {
    const y = new Float64Array(7);
    featuresForward(['sin', 'product', 'x', 'square'], Float64Array.of(2, -3), y, 1, 2);
    assert.deepEqual(Array.from(y), [2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]);
    const products = new Float64Array(3);
    featuresForward(['product'], Float64Array.of(1, 2, 3), products, 1, 3);
    assert.deepEqual(Array.from(products), [2, 3, 6], 'pairs (0,1), (0,2), (1,2)');
  });

  for (const groups of everyChoice()) {
    it(`[${groups.join(', ')}]: backward matches central differences in float64, and accumulates`, () => {
      const random = new Random(23);
      for (const [rows, width] of SHAPES) {
        const outWidth = featuresWidth(groups, width);
        if (outWidth === 0) continue; // products of a single column: no output to differentiate
        const x = randomArray(random, rows * width);
        const weights = randomArray(random, rows * outWidth);
        const y = new Float64Array(rows * outWidth);
        const f = (): number => { featuresForward(groups, x, y, rows, width); return weightedSum(weights, y); };
        f();
        const dx = new Float64Array(rows * width).fill(Number.NaN); // written, not added to: NaN must not survive
        featuresBackward(groups, x, weights, dx, rows, width, false);
        assertGradient(`features [${groups.join(',')}] [${rows}×${width}]`, x, f, dx);
        const existing = randomArray(random, rows * width);
        const accumulated = Float64Array.from(existing);
        featuresBackward(groups, x, weights, accumulated, rows, width, true);
        for (let i = 0; i < dx.length; i++) assert.ok(Math.abs(accumulated[i] - (existing[i] + dx[i])) <= 1e-12, `accumulated[${i}]`);
      }
    });
  }

  it('the program check names a width that does not follow from the groups, and unknown or repeated groups', () => {
    const spec = (groups: string[], width: number): ProgramSpec => ({
      featureCount: 2, valueWidths: [2, width], labelWidth: width, labelKind: 'regression', classCount: 0,
      ops: [{ kind: 'features', nodeId: 'f', input: 0, groups: groups as FeatureGroup[] }],
      loss: { kind: 'mse', nodeId: 'loss', predictions: 1 },
    });
    assert.doesNotThrow(() => checkProgramSpec(spec(['x', 'product'], 3)));
    assert.throws(() => checkProgramSpec(spec(['x', 'product'], 4)), /node "f" \(features\): output width 4 differs from the 3 columns/);
    assert.throws(() => checkProgramSpec(spec(['x', 'cube'], 4)), /unknown feature groups cube/);
    assert.throws(() => checkProgramSpec(spec(['x', 'x'], 4)), /groups name one twice/);
  });
});
