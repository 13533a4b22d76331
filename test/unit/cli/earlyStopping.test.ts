// `nngraph train` with training.earlyStopping: the lines say when it stopped, which epoch was best and whose weights
// were kept; a graph without validation rows is refused with NG045 before training.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuiltCli, root, runCli, scratchFolder } from './helpers';

after(removeBuiltCli);

function graph(training: Record<string, unknown>): string {
  const tutorial = JSON.parse(readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8')) as {
    nodes: Array<{ type: string; params: Record<string, unknown> }>; training: Record<string, unknown>;
  };
  for (const node of tutorial.nodes) if (node.type === 'input') node.params.dataset = { builtin: 'moons', samples: 200, noise: 0.3 };
  Object.assign(tutorial.training, { epochs: 200, validationSplit: 0.3, optimizer: { type: 'adam', learningRate: 0.05 } }, training);
  return JSON.stringify(tutorial);
}

test('train says when early stopping stopped the run and whose weights it kept', () => {
  const folder = scratchFolder({
    'restore.nngraph': graph({ earlyStopping: { patience: 2, restoreBestWeights: true } }),
    'last.nngraph': graph({ earlyStopping: { patience: 2 } }),
  });
  try {
    const restored = runCli(['train', 'restore.nngraph', '--save-weights', 'w.safetensors'], folder.dir);
    assert.equal(restored.status, 0, restored.stderr);
    const stopped = /Stopped early after epoch (\d+) of 200 \(\d+ steps\) in/.exec(restored.stdout);
    assert.ok(stopped, restored.stdout);
    const best = /Early stopping: the best val_loss was (\d\.\d{4}) at epoch (\d+); its weights were restored and are the ones kept/.exec(restored.stdout);
    assert.ok(best, restored.stdout);
    assert.equal(Number(stopped[1]) - Number(best[2]), 2, 'patience 2 without minDelta stops two epochs after the best');
    // The best epoch's line shows the loss the summary names.
    assert.match(restored.stdout, new RegExp(`Epoch ${best[2]}/200 - .* val_loss: ${best[1].replace('.', '\\.')} `));
    assert.match(restored.stdout, /Weights saved to w\.safetensors/);
    const last = runCli(['train', 'last.nngraph', '--json'], folder.dir);
    assert.equal(last.status, 0, last.stderr);
    const summary = JSON.parse(last.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    assert.equal(summary.stop, 'early-stopped');
    assert.equal(summary.restored_best_weights, false);
    assert.equal(summary.weights_epoch, summary.stopped_epoch);
    assert.equal(summary.epochs, summary.stopped_epoch);
  } finally {
    folder.remove();
  }
});

test('train refuses early stopping without validation rows (NG045), naming what to change', () => {
  const folder = scratchFolder({ 'g.nngraph': graph({ validationSplit: 0, earlyStopping: { patience: 2 } }) });
  try {
    const result = runCli(['train', 'g.nngraph'], folder.dir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /NG045/);
    assert.match(result.stderr, /Set "validationSplit" \(for example 0\.2\) or remove "earlyStopping"/);
  } finally {
    folder.remove();
  }
});
