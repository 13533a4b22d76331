// The two backends run the same formulas: with the same seed, a run on the TypeScript kernels and one on the wasm
// SIMD kernels agree to float32 rounding, epoch after epoch (measured: 3e-7 at most). The wasm Adam update once
// formed 1 − β2 in float32 (0.00099998713 instead of 0.001) and did its arithmetic in float32: the runs drifted 3e-3
// apart over these 50 epochs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJsBackend, createRun, trainRun, type Backend, type EpochReport } from '../../../src/core/index';
import { loadBuiltinDataset } from '../../../src/core/datasets/index';
import { createDataFileReader } from '../../../src/core/datasets/node';
import { createWasmBackend } from '../../../src/core/kernels/wasm/backend';
import { compileText } from '../../../src/graph/index';
import { kernelModule } from './kernelModule';

const epochs = 50;

async function digitsEpochs(backend: Backend): Promise<readonly EpochReport[]> {
  const compiled = compileText(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'digits.nngraph'), 'utf8'));
  assert.ok(compiled.ok && compiled.dataset.kind === 'builtin' && compiled.training.optimizer.type === 'adam');
  const training = { ...compiled.training, epochs };
  const dataset = loadBuiltinDataset(compiled.dataset.name, compiled.dataset.options, training.seed, createDataFileReader());
  const run = createRun({ dataset, spec: compiled.spec, training, normalize: compiled.normalize, backend });
  const result = await trainRun(run, { yieldEveryMs: 1000 });
  run.dispose();
  assert.equal(result.stop.kind, 'completed');
  return result.epochs;
}

test(`js and wasm kernels give the same losses within 1e-5 relative over ${epochs} epochs of digits (Adam)`, async () => {
  const onJs = await digitsEpochs(createJsBackend());
  const onWasm = await digitsEpochs(createWasmBackend(await kernelModule(), { threads: 1 }));
  assert.equal(onWasm.length, epochs);
  let worst = 0;
  for (let i = 0; i < epochs; i++) {
    for (const key of ['loss', 'valLoss'] as const) {
      const js = onJs[i][key];
      const wasm = onWasm[i][key];
      assert.ok(js !== undefined && wasm !== undefined);
      const relative = Math.abs(wasm - js) / Math.abs(js);
      worst = Math.max(worst, relative);
      assert.ok(relative <= 1e-5, `epoch ${i + 1} ${key}: js ${js}, wasm ${wasm} (${relative.toExponential(2)} relative)`);
    }
  }
  console.log(`largest relative difference in loss or val_loss over ${epochs} epochs: ${worst.toExponential(2)}`);
});
