// Acceptance (issue 12): the exported tutorial script runs under `torchrun --standalone --nproc_per_node 2` on the
// CPU with gloo and DistributedDataParallel; it learns, and `nngraph predict` on the weights rank 0 wrote gives the
// outputs the script printed for them within 1e-5.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuiltCli, root, runCli, scratchFolder } from '../cli/helpers';
import { torchPython } from '../../support/python';
import { TORCHRUN_LAUNCHER } from '../../../src/node/pytorchRunner';

after(removeBuiltCli);

// torchrun's own entry point through the Python that has torch, mended where Debian's 1.13 launcher cannot parse its
// own defaults under Python 3.11: the same launcher the PyTorch engine starts (src/node/pytorchRunner.ts).
const launcher = TORCHRUN_LAUNCHER;

test('torchrun --nproc_per_node 2 (gloo, DDP) trains the exported tutorial, and nngraph predict agrees with its outputs', () => {
  const folder = scratchFolder({ 'tutorial.nngraph': readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8') });
  try {
    const dir = folder.dir;
    const exported = runCli(['export', 'tutorial.nngraph', '--to', 'pytorch'], dir);
    assert.equal(exported.status, 0, exported.stderr);
    const run = spawnSync(torchPython(), [
      '-c', launcher, '--standalone', '--nproc_per_node', '2', 'tutorial.py', '--epochs', '6', '--device', 'cpu', '--json',
      '--save-weights', 'ddp.safetensors', '--predict',
    ], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 64 * 1024 * 1024,
      // A hang (a process group that never tears down) fails this test instead of stalling the whole suite.
      timeout: 600_000, killSignal: 'SIGKILL',
    });
    assert.equal(run.error, undefined, `torchrun did not finish: ${String(run.error)}\n${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    const epochs = lines.filter((line): line is { epoch: number; loss: number } => typeof line === 'object' && line !== null && 'epoch' in line);
    const outputs = lines.filter((line): line is number[] => Array.isArray(line));
    assert.deepEqual(epochs.map((line) => line.epoch), [1, 2, 3, 4, 5, 6], 'rank 0 alone prints the epoch lines');
    assert.ok(epochs[5].loss < epochs[0].loss * 0.97, `it learns: ${epochs.map((line) => line.loss.toFixed(4)).join(' → ')}`);

    const predicted = runCli(['predict', 'tutorial.nngraph', '--weights', 'ddp.safetensors', '--json'], dir);
    assert.equal(predicted.status, 0, predicted.stderr);
    const ours = predicted.stdout.trim().split('\n').map((line) => JSON.parse(line) as number[]);
    assert.equal(outputs.length, ours.length);
    let largest = 0;
    ours.forEach((row, r) => row.forEach((value, c) => { largest = Math.max(largest, Math.abs(value - outputs[r][c])); }));
    console.log(`torchrun, 2 processes: loss ${epochs[0].loss.toFixed(4)} → ${epochs[5].loss.toFixed(4)}; `
      + `largest difference from nngraph predict ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-5, `outputs differ by ${largest}`);
  } finally {
    folder.remove();
  }
});
