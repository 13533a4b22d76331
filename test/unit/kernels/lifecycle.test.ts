import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createWasmBackend } from '../../../src/core/kernels/wasm/backend';
import { kernelModule, until } from './kernelModule';

describe('kernel thread lifecycle', () => {
  it('never keeps a process alive: a command-line run that forgets dispose() still exits', () => {
    const fixture = join(__dirname, 'fixtures', 'exitWithoutDispose.ts');
    // The timeout only keeps a regression from hanging the suite; nothing here asserts a duration.
    const result = spawnSync(process.execPath, ['--import', 'tsx', fixture], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.error, undefined, `the child did not exit by itself: ${result.error?.message ?? ''}`);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'computed 256');
  });

  it('after dispose() the backend runs on, single-threaded', async () => {
    const backend = createWasmBackend(await kernelModule(), { threads: 2 });
    await until(() => backend.parallel);
    backend.dispose();
    assert.equal(backend.parallel, false);
    const [m, n, k] = [128, 128, 128];
    const [a, b, c] = backend.allocate([m * k, k * n, m * n]);
    a.fill(0.5);
    b.fill(2);
    backend.gemm(false, false, m, n, k, a, b, c, false);
    assert.ok(c.every((value) => value === 128));
  });
});
