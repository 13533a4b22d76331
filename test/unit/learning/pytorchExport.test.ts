// Acceptance of `nngraph export --to pytorch` (issue 12): for every example and for a DAG with add and concat, the
// exported script, run with PyTorch from the same starting weights with shuffle off, reports per-epoch losses within
// 1e-4 relative of `nngraph train --init-weights F --json`, and its outputs on the weights it trained match
// `nngraph predict` within 1e-5. Epochs are cut to a few so each graph costs about one PyTorch start-up.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuiltCli, root, runCli, scratchFolder } from '../cli/helpers';
import { torchPython } from '../../support/python';
import { dagGraph, denseActivationGraph, EXAMPLES, exampleText, featuresGraph, regularizedGraph } from './exportGraphs';

after(removeBuiltCli);

interface EpochLine { epoch: number; loss: number; val_loss?: number }

function jsonLines(stdout: string): unknown[] {
  return stdout.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
}

const epochLines = (lines: unknown[]): EpochLine[] =>
  lines.filter((line): line is EpochLine => typeof line === 'object' && line !== null && 'epoch' in line);
const outputRows = (lines: unknown[]): number[][] => lines.filter((line): line is number[] => Array.isArray(line));

function relativeDifference(ours: number, theirs: number): number {
  return Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-12);
}

/** Runs a command in the folder and returns its stdout; a failure fails the test with its stderr. */
function mustRun(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

function cli(args: readonly string[], cwd: string): string {
  const result = runCli(args, cwd);
  assert.equal(result.status, 0, `nngraph ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

/** The largest differences between our run and the script's: per-epoch losses (relative) and outputs (absolute). */
function compareWithScript(graphText: string, epochs: number, fromSeed = false): { loss: number; output: number } {
  const folder = scratchFolder({ 'g.nngraph': graphText });
  try {
    const dir = folder.dir;
    const start = fromSeed ? [] : ['--init-weights', 'init.safetensors'];
    if (!fromSeed) cli(['train', 'g.nngraph', '--epochs', '0', '--seed', '7', '--save-weights', 'init.safetensors'], dir);
    const ours = epochLines(jsonLines(cli(['train', 'g.nngraph', ...start, '--epochs', String(epochs), '--json'], dir)));
    cli(['export', 'g.nngraph', '--to', 'pytorch', '-o', 'g.py'], dir);
    const script = jsonLines(mustRun(torchPython(), ['g.py', ...start, '--epochs', String(epochs), '--json', '--save-weights', 'torch.safetensors', '--predict'], dir));
    const theirs = epochLines(script);
    assert.equal(ours.length, epochs);
    assert.equal(theirs.length, epochs);
    let loss = 0;
    ours.forEach((line, i) => {
      loss = Math.max(loss, relativeDifference(line.loss, theirs[i].loss));
      if (line.val_loss !== undefined) loss = Math.max(loss, relativeDifference(line.val_loss, theirs[i].val_loss ?? Number.NaN));
    });
    const predicted = outputRows(jsonLines(cli(['predict', 'g.nngraph', '--weights', 'torch.safetensors', '--json'], dir)));
    const scriptOutputs = outputRows(script);
    assert.equal(scriptOutputs.length, predicted.length);
    let output = 0;
    predicted.forEach((row, r) => row.forEach((value, c) => { output = Math.max(output, Math.abs(value - scriptOutputs[r][c])); }));
    return { loss, output };
  } finally {
    folder.remove();
  }
}

/** The file with shuffle off (file order), as the acceptance asks. */
function inFileOrder(text: string): string {
  const graph = JSON.parse(text) as { training?: Record<string, unknown> };
  graph.training = { ...graph.training, shuffle: false };
  return JSON.stringify(graph);
}

function assertAgreement(name: string, differences: { loss: number; output: number }): void {
  console.log(`${name}: largest relative per-epoch loss difference ${differences.loss.toExponential(2)}, `
    + `largest output difference ${differences.output.toExponential(2)}`);
  assert.ok(differences.loss <= 1e-4, `${name}: losses differ by ${differences.loss} relative`);
  assert.ok(differences.output <= 1e-5, `${name}: outputs differ by ${differences.output}`);
}

for (const example of EXAMPLES) {
  test(`export --to pytorch: ${example} trains as nngraph does, and predicts as nngraph predict`, () => {
    assertAgreement(example, compareWithScript(inFileOrder(exampleText(example)), example === 'digits' ? 2 : 4));
  });
}

test('export --to pytorch: a DAG with add and concat trains as nngraph does, and predicts as nngraph predict', () => {
  assertAgreement('add/concat DAG', compareWithScript(dagGraph(), 5));
});

test('export --to pytorch: features nodes (x, x², pair products, sin; one after a layer) train and predict as nngraph does', () => {
  assertAgreement('features DAG', compareWithScript(featuresGraph(), 5));
});

test('export --to pytorch: dense nodes with their own activation, and a dead branch left out, train and predict as nngraph does', () => {
  assertAgreement('dense activations with a dead branch', compareWithScript(denseActivationGraph(true), 4));
});

test('export --to pytorch: SGD with Nesterov momentum and AdamW follow the core\'s formulas too', () => {
  const optimizers = [
    { type: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true },
    { type: 'adamw', learningRate: 0.01, weightDecay: 0.05 },
  ];
  for (const optimizer of optimizers) {
    const graph = JSON.parse(dagGraph()) as { training: Record<string, unknown> };
    graph.training.optimizer = optimizer;
    assertAgreement(`add/concat DAG, ${optimizer.type}`, compareWithScript(JSON.stringify(graph), 3));
  }
});

test('export --to pytorch: l1, l2 and l1_l2 kernel regularizers are in the losses of both, per epoch and in validation', () => {
  assertAgreement('regularized DAG', compareWithScript(regularizedGraph(), 5));
  const tutorial = JSON.parse(readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8')) as { nodes: Array<{ type: string; params: Record<string, unknown> }> };
  for (const node of tutorial.nodes) if (node.type === 'dense') Object.assign(node.params, { l1: 0.01, l2: 0.05 });
  assertAgreement('tutorial with l1_l2, shuffled, from the seed', compareWithScript(JSON.stringify(tutorial), 3, true));
});

interface Summary { done: true; stop: string; epochs: number; stopped_epoch?: number; best_epoch?: number; weights_epoch?: number; restored_best_weights?: boolean }
const summaryOf = (lines: unknown[]): Summary | undefined =>
  lines.find((line): line is Summary => typeof line === 'object' && line !== null && 'done' in line);

test('export --to pytorch: early stopping stops the script at the same epoch and both keep the same best weights', () => {
  const tutorial = JSON.parse(readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8')) as {
    nodes: Array<{ type: string; params: Record<string, unknown> }>; training: Record<string, unknown>;
  };
  // A small noisy set and a high learning rate, so the validation loss turns up well before the last epoch.
  for (const node of tutorial.nodes) if (node.type === 'input') node.params.dataset = { builtin: 'moons', samples: 200, noise: 0.3 };
  Object.assign(tutorial.training, {
    epochs: 200, validationSplit: 0.3, shuffle: false, optimizer: { type: 'adam', learningRate: 0.05 },
    earlyStopping: { patience: 3, minDelta: 0.0005, restoreBestWeights: true },
  });
  const folder = scratchFolder({ 'g.nngraph': JSON.stringify(tutorial) });
  try {
    const dir = folder.dir;
    cli(['train', 'g.nngraph', '--epochs', '0', '--seed', '7', '--save-weights', 'init.safetensors'], dir);
    const start = ['--init-weights', 'init.safetensors', '--json'];
    const oursLines = jsonLines(cli(['train', 'g.nngraph', ...start, '--save-weights', 'ours.safetensors'], dir));
    cli(['export', 'g.nngraph', '--to', 'pytorch', '-o', 'g.py'], dir);
    const scriptLines = jsonLines(mustRun(torchPython(), ['g.py', ...start, '--save-weights', 'torch.safetensors', '--predict'], dir));
    const ours = summaryOf(oursLines);
    const theirs = summaryOf(scriptLines);
    console.log(`early stopping: nngraph ${JSON.stringify(ours)}; script ${JSON.stringify(theirs)}`);
    assert.ok(ours?.stopped_epoch !== undefined && ours.stopped_epoch < 200, 'nngraph did not stop early');
    assert.equal(ours.stop, 'early-stopped');
    for (const field of ['stop', 'epochs', 'stopped_epoch', 'best_epoch', 'weights_epoch', 'restored_best_weights'] as const) {
      assert.equal(theirs?.[field], ours[field], field);
    }
    assert.equal(ours.weights_epoch, ours.best_epoch);
    const oursEpochs = epochLines(oursLines);
    const theirsEpochs = epochLines(scriptLines);
    assert.equal(theirsEpochs.length, oursEpochs.length);
    oursEpochs.forEach((line, i) => {
      assert.ok(relativeDifference(line.loss, theirsEpochs[i].loss) <= 1e-4, `epoch ${i + 1} loss`);
      assert.ok(relativeDifference(line.val_loss ?? Number.NaN, theirsEpochs[i].val_loss ?? Number.NaN) <= 1e-4, `epoch ${i + 1} val_loss`);
    });
    // Both saved the restored weights: the best epoch's, not the last one's. The script's outputs on its weights are
    // nngraph predict's on nngraph's saved file.
    const predicted = outputRows(jsonLines(cli(['predict', 'g.nngraph', '--weights', 'ours.safetensors', '--json'], dir)));
    const scriptOutputs = outputRows(scriptLines);
    assert.equal(scriptOutputs.length, predicted.length);
    let output = 0;
    predicted.forEach((row, r) => row.forEach((value, c) => { output = Math.max(output, Math.abs(value - scriptOutputs[r][c])); }));
    assert.ok(output <= 1e-5, `outputs differ by ${output}`);
    // The saved file holds the best epoch's weights: byte for byte those of a run cut off at that epoch (training is
    // deterministic with shuffle off, and the best epoch is also the best of the shorter run).
    cli(['train', 'g.nngraph', '--init-weights', 'init.safetensors', '--epochs', String(ours.best_epoch), '--save-weights', 'cut.safetensors'], dir);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'cut.safetensors'))), new Uint8Array(readFileSync(join(dir, 'ours.safetensors'))), 'the saved weights are not the best epoch\'s');
  } finally {
    folder.remove();
  }
});

test('export --to pytorch: with shuffle on and no starting weights, the script draws our initial weights, split and order', () => {
  const text = readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8');
  assertAgreement('tutorial, shuffled, from the seed', compareWithScript(text, 3, true));
});

test('export refuses to write over an existing file without --force, and never onto the graph', () => {
  const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'xor.nngraph'), 'utf8'), 'g.py': 'mine\n' });
  try {
    const refused = runCli(['export', 'g.nngraph', '--to', 'pytorch'], folder.dir);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /'.*g\.py' already exists; it was left as it is \(pass --force to replace it\); nothing was written/);
    assert.equal(readFileSync(join(folder.dir, 'g.py'), 'utf8'), 'mine\n');
    assert.throws(() => readFileSync(join(folder.dir, 'g.data.csv')), /ENOENT/, 'a refusal writes nothing, not even the data');
    const onGraph = runCli(['export', 'g.nngraph', '--to', 'pytorch', '-o', 'g.nngraph', '--force'], folder.dir);
    assert.equal(onGraph.status, 1);
    assert.match(onGraph.stderr, /the graph file itself/);
    assert.equal(runCli(['export', 'g.nngraph', '--to', 'pytorch', '--force'], folder.dir).status, 0);
    assert.match(readFileSync(join(folder.dir, 'g.py'), 'utf8'), /^#!\/usr\/bin\/env python3/);
  } finally {
    folder.remove();
  }
});
