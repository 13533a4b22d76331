// `nngraph train --engine pytorch` (issue 12, "PyTorch as a training engine"): from the same initial weights with
// shuffle off, PyTorch's per-epoch losses equal the built-in engine's within 1e-4 relative, in the same output; it
// runs under torchrun with --nproc 2; a stop (SIGINT, SIGTERM) ends every process after a batch, with the weights
// saved and exit 130/143; a Python that is missing or has no torch says what to install and writes nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuiltCli, root, runCli, runCliInterrupted, scratchFolder } from '../cli/helpers';
import { torchPython } from '../../support/python';

after(removeBuiltCli);

interface EpochLine { epoch: number; loss: number; val_loss?: number }
interface Summary { done: true; stop: string; epochs: number; steps: number; weights?: string }

function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

const epochLines = (stdout: string): EpochLine[] => jsonLines(stdout).filter((line) => 'epoch' in line) as unknown as EpochLine[];
const summaryOf = (stdout: string): Summary => jsonLines(stdout).find((line) => line.done === true) as unknown as Summary;

/** The tutorial in file order (shuffle off), as the acceptance asks. */
function tutorialInFileOrder(): string {
  const graph = JSON.parse(readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8')) as { training?: Record<string, unknown> };
  graph.training = { ...graph.training, shuffle: false };
  return JSON.stringify(graph);
}

function mustRun(args: readonly string[], cwd: string): string {
  const result = runCli(args, cwd);
  assert.equal(result.status, 0, `nngraph ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

/** Processes still running a script from one of the runner's folders that no longer exists (left behind). */
function orphanedScripts(): string[] {
  const orphans: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    const folder = /(\S*nngraph-pytorch-[^/\s]+)\//.exec(commandLine)?.[1];
    if (folder !== undefined && !existsSync(folder)) orphans.push(`${pid}: ${commandLine}`);
  }
  return orphans;
}

test('train --engine pytorch: the same per-epoch losses as the built-in engine from the same weights, and a run continues across engines', () => {
  const folder = scratchFolder({ 'g.nngraph': tutorialInFileOrder() });
  try {
    const dir = folder.dir;
    mustRun(['train', 'g.nngraph', '--epochs', '0', '--seed', '7', '--save-weights', 'init.safetensors'], dir);
    const common = ['train', 'g.nngraph', '--init-weights', 'init.safetensors', '--epochs', '4', '--json'];
    const ours = mustRun([...common, '--save-weights', 'ours.safetensors'], dir);
    const theirs = mustRun([...common, '--engine', 'pytorch', '--python', torchPython(), '--save-weights', 'torch.safetensors'], dir);
    const ourEpochs = epochLines(ours);
    const torchEpochs = epochLines(theirs);
    assert.equal(torchEpochs.length, 4);
    let largest = 0;
    ourEpochs.forEach((line, i) => {
      for (const key of ['loss', 'val_loss'] as const) {
        const reference = line[key] ?? Number.NaN;
        largest = Math.max(largest, Math.abs((torchEpochs[i][key] ?? Number.NaN) - reference) / Math.abs(reference));
      }
    });
    console.log(`tutorial, 4 epochs: largest relative difference of PyTorch's per-epoch loss and val_loss from ours ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-4, `the engines' losses differ by ${largest} relative`);
    // The same keys in the same order, so a script reading `nngraph train --json` reads either engine.
    assert.deepEqual(Object.keys(jsonLines(theirs)[0]), Object.keys(jsonLines(ours)[0]));
    const summary = summaryOf(theirs);
    assert.equal(summary.stop, 'completed');
    assert.equal(summary.steps, 4 * 25);
    assert.equal(summary.weights, 'torch.safetensors');

    // PyTorch's weights continue in the built-in engine, and the built-in engine's in PyTorch: the next epoch's loss is
    // the same either way.
    const next = ['train', 'g.nngraph', '--epochs', '1', '--json'];
    const builtinAfterTorch = epochLines(mustRun([...next, '--init-weights', 'torch.safetensors'], dir))[0];
    const torchAfterBuiltin = epochLines(mustRun([...next, '--init-weights', 'ours.safetensors', '--engine', 'pytorch', '--python', torchPython()], dir))[0];
    const continued = Math.abs(builtinAfterTorch.loss - torchAfterBuiltin.loss) / builtinAfterTorch.loss;
    console.log(`epoch 5 continued across engines: ${builtinAfterTorch.loss} (built-in) and ${torchAfterBuiltin.loss} (PyTorch), ${continued.toExponential(2)} relative`);
    assert.ok(continued <= 1e-4);
    assert.ok(builtinAfterTorch.loss < ourEpochs[3].loss, 'the continued run starts where the first one ended, not afresh');
  } finally {
    folder.remove();
  }
});

test('train on a file whose training.engine is "pytorch": PyTorch trains, with the built-in engine\'s human output', () => {
  const graph = JSON.parse(tutorialInFileOrder()) as { training: Record<string, unknown> };
  graph.training.engine = 'pytorch';
  const folder = scratchFolder({ 'g.nngraph': JSON.stringify(graph) });
  try {
    const output = mustRun(['train', 'g.nngraph', '--epochs', '2', '--python', torchPython(), '--save-weights', 'w.safetensors'], folder.dir);
    assert.match(output, /^Training "Binary classifier from the tutorial" on moons: 1,000 samples .*; PyTorch engine \(.*python3?\)$/m);
    assert.match(output, /^Epoch 1\/2 - \d+ms - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - [\d,]+ samples\/s$/m);
    assert.match(output, /^Trained 2 epochs \(50 steps\) in .*: loss \d\.\d{4}/m);
    assert.match(output, /^Weights saved to w\.safetensors$/m);
  } finally {
    folder.remove();
  }
});

test('train --engine pytorch --nproc 2 runs under torchrun and learns', () => {
  const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8') });
  try {
    const output = mustRun(['train', 'g.nngraph', '--epochs', '6', '--json', '--engine', 'pytorch', '--nproc', '2', '--python', torchPython(), '--save-weights', 'ddp.safetensors'], folder.dir);
    const epochs = epochLines(output);
    assert.deepEqual(epochs.map((line) => line.epoch), [1, 2, 3, 4, 5, 6], 'one line per epoch, from rank 0 alone');
    console.log(`--nproc 2: loss ${epochs[0].loss.toFixed(4)} → ${epochs[5].loss.toFixed(4)}`);
    assert.ok(epochs[5].loss < epochs[0].loss * 0.97);
    assert.equal(summaryOf(output).stop, 'completed');
    const predicted = runCli(['predict', 'g.nngraph', '--weights', 'ddp.safetensors', '--json'], folder.dir);
    assert.equal(predicted.status, 0, predicted.stderr);
    assert.equal(predicted.stdout.trim().split('\n').length, 1000);
  } finally {
    folder.remove();
  }
});

for (const { signal, nproc, exitCode } of [
  { signal: 'SIGINT', nproc: 1, exitCode: 130 },
  { signal: 'SIGTERM', nproc: 2, exitCode: 143 },
] as const) {
  test(`train --engine pytorch --nproc ${nproc}: ${signal} mid-run stops after a batch, saves the weights, exits ${exitCode} and leaves no process`, async () => {
    const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8') });
    try {
      const args = ['train', 'g.nngraph', '--epochs', '100000', '--json', '--engine', 'pytorch', '--nproc', String(nproc), '--python', torchPython(), '--save-weights', 'stopped.safetensors'];
      const result = await runCliInterrupted(args, (stdout) => epochLines(stdout).length >= 2, folder.dir, signal);
      assert.equal(result.status, exitCode, result.stderr);
      const summary = summaryOf(result.stdout);
      assert.equal(summary.stop, 'cancelled');
      assert.ok(summary.epochs >= 2 && summary.epochs < 100000, `stopped after ${summary.epochs} epochs`);
      assert.equal(summary.weights, 'stopped.safetensors');
      const predicted = runCli(['predict', 'g.nngraph', '--weights', 'stopped.safetensors', '--json'], folder.dir);
      assert.equal(predicted.status, 0, `the saved weights are whole: ${predicted.stderr}`);
      assert.deepEqual(orphanedScripts(), []);
    } finally {
      folder.remove();
    }
  });
}

test('train --engine pytorch with a missing Python, or one without torch, says what to install and writes nothing', () => {
  const folder = scratchFolder({ 'g.nngraph': readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8') });
  try {
    const missing = runCli(['train', 'g.nngraph', '--engine', 'pytorch', '--python', join(folder.dir, 'no-such-python'), '--save-weights', 'w.safetensors'], folder.dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no-such-python' was not found: install Python 3 with PyTorch \(Debian\/Ubuntu: 'apt-get install python3-torch python3-numpy'; elsewhere: 'pip install torch numpy'\), or point --python at a Python that has it; nothing was trained/);
    assert.equal(missing.stdout.includes('Epoch'), false);
    // A Python that runs but cannot import torch: the one with torch, without its site packages (-S).
    writeFileSync(join(folder.dir, 'python-without-torch'), `#!/bin/sh\nexec ${torchPython()} -S "$@"\n`, { mode: 0o755 });
    const withoutTorch = runCli(['train', 'g.nngraph', '--engine', 'pytorch', '--python', './python-without-torch', '--save-weights', 'w.safetensors'], folder.dir);
    assert.equal(withoutTorch.status, 1);
    assert.match(withoutTorch.stderr, /'\.\/python-without-torch' cannot import PyTorch \(ModuleNotFoundError: No module named '(torch|numpy)'\): install PyTorch for it \(Debian\/Ubuntu: 'apt-get install python3-torch python3-numpy'/);
    assert.deepEqual(readdirSync(folder.dir).sort(), ['g.nngraph', 'python-without-torch'], 'nothing was written');
  } finally {
    folder.remove();
  }
});
