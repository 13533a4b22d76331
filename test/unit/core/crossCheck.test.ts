import { describe, it } from 'node:test';
import { createJsBackend } from '../../../src/core/kernels/js';
import { runCrossCheck } from './crossCheck';

describe('cross-check against TensorFlow.js', () => {
  it('js backend: 50 Adam steps give the same loss at every step (within 1e-4 relative)', async () => {
    await runCrossCheck(createJsBackend());
  });
});
