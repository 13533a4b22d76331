import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/weights';
import { removeBuiltCli, root, runCli, runCliInterrupted, scratchFolder, smallGraph } from './helpers';

after(removeBuiltCli);

const tutorial = join('examples', 'tutorial.nngraph');
const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('--help, --version and usage errors', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: nngraph <command>/);
  assert.match(runCli(['train', '--help']).stdout, /--save-weights F/);
  assert.equal(runCli(['--version']).stdout.trim(), packageVersion);
  const unknown = runCli(['frobnicate']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  const badOption = runCli(['train', tutorial, '--epochs', 'many']);
  assert.equal(badOption.status, 2);
  assert.match(badOption.stderr, /--epochs must be an integer ≥ 0, got 'many'/);
  assert.equal(runCli(['check']).status, 2);
  assert.equal(runCli(['train', tutorial, '--frob']).status, 2);
  assert.match(runCli(['train', tutorial, '--backend', 'gpu']).stderr, /--backend must be auto, wasm or js, got 'gpu'/);
  assert.match(runCli(['train', tutorial, '--json', '--quiet']).stderr, /--json and --quiet cannot be combined/);
});

test('check: the examples are clean', () => {
  const result = runCli(['check', ...['tutorial', 'xor', 'spiral', 'iris', 'digits'].map((n) => join('examples', `${n}.nngraph`))]);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /Checked 5 files: 0 errors, 0 warnings\./);
});

test('check sees a graph as training does: unfinished (no loss) exits 1; a dead branch is a warning and exits 0', () => {
  const graph = JSON.parse(readFileSync(join(root, tutorial), 'utf8')) as { nodes: Array<{ id: string }>; edges: Array<{ from: string; to: string }> };
  const withoutLoss = { ...graph, nodes: graph.nodes.filter((n) => n.id !== 'loss'), edges: graph.edges.filter((e) => !e.to.startsWith('loss.')) };
  const deadBranch = {
    ...graph, nodes: [...graph.nodes, { id: 'unused', type: 'dense', position: { x: 0, y: 300 }, params: { units: 3 } }],
    edges: [...graph.edges, { from: 'relu.out', to: 'unused.in' }],
  };
  const folder = scratchFolder({ 'unfinished.nngraph': JSON.stringify(withoutLoss, null, 2), 'dead.nngraph': JSON.stringify(deadBranch, null, 2) });
  try {
    const unfinished = runCli(['check', join(folder.dir, 'unfinished.nngraph')]);
    assert.equal(unfinished.status, 1, unfinished.stdout + unfinished.stderr);
    assert.match(unfinished.stdout, /error NG023: The graph has no loss node/);
    const dead = runCli(['check', join(folder.dir, 'dead.nngraph')]);
    assert.equal(dead.status, 0, dead.stdout + dead.stderr);
    assert.match(dead.stdout, /warning NG024: dense node "unused" does not lead to "loss\.predictions"/);
    assert.match(dead.stderr, /Checked 1 file: 0 errors, 1 warning\./);
    const trained = runCli(['train', join(folder.dir, 'dead.nngraph'), '--epochs', '1', '--quiet']);
    assert.equal(trained.status, 0, trained.stderr);
  } finally {
    folder.remove();
  }
});

test('check: an invalid file prints file:line:col - error NGxxx (1-based) and exits 1', () => {
  const text = smallGraph({ builtin: 'moons' }, 1).replace('"units": 8', '"units": 0');
  const unitsLine = text.split('\n').findIndex((line) => line.includes('"units": 0')) + 1;
  const folder = scratchFolder({ 'bad.nngraph': text });
  try {
    const file = join(folder.dir, 'bad.nngraph');
    const result = runCli(['check', file]);
    assert.equal(result.status, 1);
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.match(line, /^.+bad\.nngraph:\d+:\d+ - (error|warning|info) NG\d{3}: .+/);
    const units = lines.find((line) => line.includes('units'));
    assert.ok(units, result.stdout);
    assert.ok(units.startsWith(`${file}:${unitsLine}:`), `${units} should point at line ${unitsLine}`);
    assert.match(result.stderr, /Checked 1 file: \d+ errors?/);
  } finally {
    folder.remove();
  }
});

test('a missing or unreadable file is a clear message naming it, exit 1', () => {
  const missing = runCli(['check', 'nowhere/missing.nngraph']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read 'nowhere\/missing\.nngraph': no such file/);
  const train = runCli(['train', 'missing.nngraph']);
  assert.equal(train.status, 1);
  assert.match(train.stderr, /cannot read 'missing\.nngraph': no such file/);
  const folder = runCli(['summary', 'examples']);
  assert.equal(folder.status, 1);
  assert.match(folder.stderr, /cannot read 'examples': it is a folder, not a file/);
});

test('summary: the Keras-like table', () => {
  const result = runCli(['summary', join('examples', 'iris.nngraph')]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Model: "Iris flowers"/);
  // 4 → 32: 2·4·32 + 32 FLOPs; 32 → 3: 2·32·3 + 3; one per element for each activation.
  assert.match(result.stdout, /hidden \(Dense\)\s+\(batch, 32\)\s+160\s+288\n/);
  assert.match(result.stdout, /Total params: 259/);
  assert.match(result.stdout, /Forward FLOPs per sample: 518\n?$/);
});

test('train --json: one object per epoch with the documented keys, then the summary', () => {
  const result = runCli(['train', tutorial, '--json', '--epochs', '3']);
  assert.equal(result.status, 0, result.stderr);
  const lines = jsonLines(result.stdout);
  assert.equal(lines.length, 4);
  lines.slice(0, 3).forEach((line, index) => {
    assert.deepEqual(Object.keys(line), ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'samples_per_s', 'elapsed_ms']);
    assert.equal(line.epoch, index + 1);
  });
  const summary = lines[3];
  assert.equal(summary.done, true);
  assert.equal(summary.stop, 'completed');
  assert.equal(summary.epochs, 3);
  assert.equal(summary.steps, 75);
  assert.equal(summary.loss, lines[2].loss);
});

test('train: metrics the run does not have are left out of the JSON', () => {
  const result = runCli(['train', join('examples', 'xor.nngraph'), '--json', '--epochs', '1']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(Object.keys(jsonLines(result.stdout)[0]), ['epoch', 'loss', 'accuracy', 'samples_per_s', 'elapsed_ms']);
});

test('train: human output has one line per epoch; --quiet only the result', () => {
  const result = runCli(['train', tutorial, '--epochs', '2', '--seed', '3', '--batch-size', '50', '--learning-rate', '0.01']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /adam learning rate 0\.01, batch 50, 2 epochs, seed 3/);
  assert.match(result.stdout, /^Epoch 1\/2 - .* - loss: \d\.\d{4} - accuracy: .* - val_loss: .* - val_accuracy: .* samples\/s$/m);
  assert.match(result.stdout, /^Epoch 2\/2 /m);
  assert.match(result.stdout, /Trained 2 epochs \(32 steps\)/);
  assert.match(result.stdout, /; (js|wasm) kernels$/m);
  const quiet = runCli(['train', tutorial, '--epochs', '2', '--quiet', '--backend', 'js']);
  assert.equal(quiet.stdout.trim().split('\n').length, 1);
  assert.match(quiet.stdout, /^Trained 2 epochs/);
});

test('--epochs 0 --save-weights writes the initial weights; --init-weights starts from them', () => {
  const folder = scratchFolder({});
  try {
    const weights = join(folder.dir, 'initial.safetensors');
    const initial = runCli(['train', tutorial, '--epochs', '0', '--save-weights', weights, '--seed', '5']);
    assert.equal(initial.status, 0, initial.stderr);
    assert.match(initial.stdout, /Weights saved to/);
    const { tensors, metadata } = readSafetensors(new Uint8Array(readFileSync(weights)));
    assert.deepEqual(tensors.map((t) => [t.name, t.shape]), [['hidden.kernel', [2, 10]], ['hidden.bias', [10]], ['out.kernel', [10, 1]], ['out.bias', [1]]]);
    assert.equal(metadata.producer, `nngraph ${packageVersion}`);
    // Seed 5's initial weights, loaded into a run with seed 5: the same run as without them.
    const fromFile = runCli(['train', tutorial, '--json', '--epochs', '2', '--seed', '5', '--init-weights', weights]);
    const fresh = runCli(['train', tutorial, '--json', '--epochs', '2', '--seed', '5']);
    assert.equal(fromFile.status, 0, fromFile.stderr);
    assert.deepEqual(jsonLines(fromFile.stdout).map((l) => l.loss), jsonLines(fresh.stdout).map((l) => l.loss));
    // Seed 6 with seed 5's weights differs from seed 6 alone in its first loss.
    const otherSeed = runCli(['train', tutorial, '--json', '--epochs', '1', '--seed', '6', '--init-weights', weights]);
    const otherFresh = runCli(['train', tutorial, '--json', '--epochs', '1', '--seed', '6']);
    assert.notEqual(jsonLines(otherSeed.stdout)[0].loss, jsonLines(otherFresh.stdout)[0].loss);
  } finally {
    folder.remove();
  }
});

test('--init-weights that do not fit the model, or are not safetensors, exit 1 with the reason', () => {
  const folder = scratchFolder({ 'junk.safetensors': 'not a weights file' });
  try {
    const weights = join(folder.dir, 'iris.safetensors');
    assert.equal(runCli(['train', join('examples', 'iris.nngraph'), '--epochs', '0', '--save-weights', weights]).status, 0);
    const misfit = runCli(['train', tutorial, '--init-weights', weights]);
    assert.equal(misfit.status, 1);
    assert.match(misfit.stderr, /iris\.safetensors does not fit the model: 'hidden\.kernel' has shape \[4, 32\], the model needs \[2, 10\]/);
    const junk = runCli(['train', tutorial, '--init-weights', join(folder.dir, 'junk.safetensors')]);
    assert.equal(junk.status, 1);
    assert.match(junk.stderr, /junk\.safetensors is not a valid safetensors file/);
    assert.match(runCli(['train', tutorial, '--init-weights', join(folder.dir, 'none.safetensors')]).stderr, /cannot read the weights file .*: no such file/);
  } finally {
    folder.remove();
  }
});

test('a non-finite loss stops with the core\'s message (epoch, step, node), keeps the last finite weights and exits 1', () => {
  const folder = scratchFolder({});
  try {
    const weights = join(folder.dir, 'last-finite.safetensors');
    const result = runCli(['train', tutorial, '--learning-rate', '1e30', '--save-weights', weights]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /training stopped: Loss became (NaN|Infinity|-Infinity) at epoch \d+, step \d+; first non-finite output: node "\w+"/);
    assert.match(result.stderr, /the last finite weights \(from before epoch \d+, step \d+\) were kept and saved to /);
    assert.doesNotMatch(result.stderr, /no longer finite/);
    const { tensors } = readSafetensors(new Uint8Array(readFileSync(weights)));
    assert.ok(tensors.length > 0 && tensors.every((t) => t.data.every(Number.isFinite)), 'the saved weights are finite');
  } finally {
    folder.remove();
  }
});

test('Ctrl-C stops after the current batch, saves the weights and exits 130', async () => {
  const folder = scratchFolder({});
  try {
    const weights = join(folder.dir, 'stopped.safetensors');
    const result = await runCliInterrupted(
      ['train', join('examples', 'digits.nngraph'), '--epochs', '1000', '--json', '--save-weights', weights],
      (stdout) => stdout.includes('"epoch":1,'),
    );
    assert.equal(result.status, 130, result.stderr);
    assert.match(result.stderr, /Stopping after the current batch/);
    const lines = jsonLines(result.stdout);
    const summary = lines[lines.length - 1];
    assert.equal(summary.done, true);
    assert.equal(summary.stop, 'cancelled');
    assert.equal(summary.weights, weights);
    assert.ok((summary.epochs as number) < 1000);
    const { tensors } = readSafetensors(new Uint8Array(readFileSync(weights)));
    assert.deepEqual(tensors.map((t) => t.name), ['hidden.kernel', 'hidden.bias', 'logits.kernel', 'logits.bias']);
    assert.ok(tensors.every((t) => t.data.every(Number.isFinite)));
  } finally {
    folder.remove();
  }
});
