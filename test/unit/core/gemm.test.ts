// The plain-TypeScript gemm against a naive triple loop (all transpose combinations, odd sizes, accumulation).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../../src/core/kernels/types';
import { createJsBackend } from '../../../src/core/kernels/js';
import { checkBackendGemm } from '../../../src/core/kernels/checkBackend';

describe('js backend', () => {
  it('gemm agrees with a naive triple loop', () => {
    checkBackendGemm(createJsBackend());
  });

  it('the check catches a wrong gemm', () => {
    const good = createJsBackend();
    const transposedWrong: Backend = { ...good, gemm: (ta, tb, m, n, k, a, b, c, acc) => good.gemm(!ta && m === k ? true : ta, tb, m, n, k, a, b, c, acc) };
    assert.throws(() => checkBackendGemm(transposedWrong), /gemm\(transA=false/);
    const noAccumulate: Backend = { ...good, gemm: (ta, tb, m, n, k, a, b, c) => good.gemm(ta, tb, m, n, k, a, b, c, false) };
    assert.throws(() => checkBackendGemm(noAccumulate), /accumulate=true/);
  });

  it('allocate returns zeroed buffers of the asked lengths', () => {
    const buffers = createJsBackend().allocate([3, 0, 5]);
    assert.deepEqual(buffers.map((b) => b.length), [3, 0, 5]);
    assert.ok(buffers.every((b) => b.every((v) => v === 0)));
    buffers[0].fill(1);
    assert.ok(buffers[2].every((v) => v === 0), 'buffers do not overlap');
  });
});
