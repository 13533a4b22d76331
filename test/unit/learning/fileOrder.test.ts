// Acceptance: with `shuffle: false` and `validationSplit: 0`, `nngraph train --init-weights F --json` trains on the
// CSV in file order, so a PyTorch loop over the same CSV, from the same weights, reports the same per-epoch losses
// (within 1e-4 relative; float32 against float64 gives about 1e-6). The reference is fileOrderReference.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../../src/core/random';
import { writeSafetensors } from '../../../src/core/weights';
import { runCli } from '../cli/helpers';
import { torchPython } from './torchPython';

const settings = {
  features: ['a', 'b', 'c', 'd'], label: 'kind', epochs: 5, batchSize: 16, learningRate: 0.05, momentum: 0.9,
};

/** 150 rows of three noisy blobs, classes in no particular order (as a CSV would hold them). */
function csvText(random: Random): string {
  const lines = [[...settings.features, settings.label].join(',')];
  for (let i = 0; i < 150; i++) {
    const kind = Math.floor(random.nextFloat() * 3);
    const values = settings.features.map((_, f) => (f === kind ? 2 : 0) + random.nextNormal());
    lines.push([...values.map((value) => value.toFixed(5)), kind].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function graphText(): string {
  const node = (id: string, type: string, params: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, params });
  return JSON.stringify({
    format: 'nngraph', version: 1,
    nodes: [
      node('data', 'input', { dataset: { csv: 'data.csv', label: settings.label }, normalize: 'none' }),
      node('hidden', 'dense', { units: 8 }), node('relu', 'activation', { fn: 'relu' }),
      node('out', 'dense', { units: 3 }), node('prob', 'activation', { fn: 'softmax' }),
      node('loss', 'cross-entropy', { mode: 'categorical' }),
    ],
    edges: [
      { from: 'data.features', to: 'hidden.in' }, { from: 'hidden.out', to: 'relu.in' }, { from: 'relu.out', to: 'out.in' },
      { from: 'out.out', to: 'prob.in' }, { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: {
      optimizer: { type: 'sgd', learningRate: settings.learningRate, momentum: settings.momentum },
      epochs: settings.epochs, batchSize: settings.batchSize, seed: 3, validationSplit: 0, shuffle: false, metrics: [],
    },
  });
}

function startingWeights(random: Random): Uint8Array {
  const tensor = (name: string, shape: number[]) => ({
    name, shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.nextNormal() * 0.4),
  });
  return writeSafetensors([tensor('hidden.kernel', [4, 8]), tensor('hidden.bias', [8]), tensor('out.kernel', [8, 3]), tensor('out.bias', [3])]);
}

test('shuffle off, no validation: the per-epoch losses of `nngraph train --json` match a PyTorch loop over the CSV in file order', () => {
  const python = torchPython();
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-file-order-'));
  try {
    const random = new Random(11);
    writeFileSync(join(folder, 'data.csv'), csvText(random));
    writeFileSync(join(folder, 'model.nngraph'), graphText());
    writeFileSync(join(folder, 'init.safetensors'), startingWeights(random));

    const ours = runCli(['train', 'model.nngraph', '--init-weights', 'init.safetensors', '--json'], folder);
    assert.equal(ours.status, 0, ours.stderr);
    const ourLosses = ours.stdout.trim().split('\n').map((line) => JSON.parse(line) as { epoch?: number; loss: number })
      .filter((line) => line.epoch !== undefined).map((line) => line.loss);

    const reference = spawnSync(python, [join(__dirname, 'fileOrderReference.py'), 'data.csv', 'init.safetensors', JSON.stringify(settings)], { cwd: folder, encoding: 'utf8' });
    assert.equal(reference.status, 0, reference.stderr);
    const torchLosses = reference.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { loss: number }).loss);

    assert.equal(ourLosses.length, settings.epochs);
    assert.equal(torchLosses.length, settings.epochs);
    const relative = ourLosses.map((loss, i) => Math.abs(loss - torchLosses[i]) / Math.abs(torchLosses[i]));
    console.log(`per-epoch loss, ours vs PyTorch (${python}): ${ourLosses.map((loss, i) => `${loss.toFixed(6)}/${torchLosses[i].toFixed(6)}`).join(' ')}; `
      + `largest relative difference ${Math.max(...relative).toExponential(2)}`);
    relative.forEach((difference, i) => assert.ok(difference <= 1e-4, `epoch ${i + 1}: ours ${ourLosses[i]}, PyTorch ${torchLosses[i]}`));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
