import { describe, it } from 'node:test';
import { createJsBackend } from '../../../src/core/kernels/js';
import { createBackend } from '../../../src/core/kernels/index';
import { kernelModule } from '../kernels/kernelModule';
import { runCrossCheck } from './crossCheck';

describe('cross-check against TensorFlow.js', () => {
  it('js backend: 50 Adam steps give the same loss at every step (within 1e-4 relative)', async () => {
    await runCrossCheck(createJsBackend());
  });

  it('wasm backend: the same check', async () => {
    // Assembled from the WAT source in the tree, so the check needs no build.
    const backend = createBackend('wasm', { module: await kernelModule(), threads: 1 });
    try {
      await runCrossCheck(backend);
    } finally {
      backend.dispose();
    }
  });
});
