import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../src/core/index';
import { kernelsWasmCandidates, loadKernelModule, wasmSimdSupported } from '../../../src/core/kernels/wasm/load';
import { kernelWorkerCandidates } from '../../../src/core/kernels/parallel';
import { assembleKernels } from '../../../src/core/kernels/wasm/assemble.mjs';
import type { WasmBackend } from '../../../src/core/kernels/wasm/backend';
import { kernelModule } from './kernelModule';

describe('createBackend', () => {
  it("'js' is the plain TypeScript backend", () => {
    const backend = createBackend('js');
    assert.equal(backend.name, 'js');
    backend.dispose();
  });

  it("'auto' and 'wasm' give the wasm backend when the kernels load; threads: 1 keeps it on one thread", async () => {
    const module = await kernelModule();
    for (const preference of ['auto', 'wasm'] as const) {
      const backend = createBackend(preference, { module, threads: 1 }) as WasmBackend;
      assert.equal(backend.name, 'wasm');
      assert.equal(backend.parallel, false);
      backend.dispose();
    }
  });

  it('this Node has WebAssembly SIMD over shared memory', () => {
    assert.equal(wasmSimdSupported(), true);
  });

  it('looks for kernels.wasm beside the bundle first, then in the repository build', () => {
    const [beside, build] = kernelsWasmCandidates();
    assert.match(beside, /kernels[\\/]wasm[\\/]kernels\.wasm$/);
    assert.match(build, /dist[\\/]kernels\.wasm$/);
    assert.ok(kernelWorkerCandidates().some((path) => existsSync(path)), 'the kernel worker script is found from source');
  });

  it('says why when kernels.wasm is missing or broken, and compiles a good one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'nngraph-kernels-'));
    try {
      const missing = loadKernelModule([join(folder, 'kernels.wasm')]);
      assert.equal(missing.ok, false);
      assert.match(missing.ok ? '' : missing.reason, /kernels\.wasm not found \(looked in .*nngraph-kernels-.*\); run `npm run build`/);
      writeFileSync(join(folder, 'broken.wasm'), 'not wasm');
      const broken = loadKernelModule([join(folder, 'broken.wasm')]);
      assert.match(broken.ok ? '' : broken.reason, /broken\.wasm does not compile/);
      writeFileSync(join(folder, 'kernels.wasm'), await assembleKernels());
      const good = loadKernelModule([join(folder, 'broken.missing'), join(folder, 'kernels.wasm')]);
      assert.equal(good.ok, true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
