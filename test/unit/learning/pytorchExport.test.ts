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
import { dagGraph, EXAMPLES, exampleText, regularizedGraph } from './exportGraphs';

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
