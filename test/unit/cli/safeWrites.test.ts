// `nngraph train --save-weights`: never onto the graph or its data, never over a file of another kind without
// --force, a bad path found before training, and SIGTERM handled as Ctrl-C is (stop, save, exit 143).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/weights';
import { removeBuiltCli, runCli, runCliInterrupted, scratchFolder, smallGraph } from './helpers';

after(removeBuiltCli);

const moons = { builtin: 'moons', samples: 200, noise: 0.1 };
const csvText = `x,y,label\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 3},${i % 2}`).join('\n')}\n`;

function assertRefusedBeforeTraining(result: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, pattern);
  assert.match(result.stderr, /nothing was trained/);
  assert.doesNotMatch(result.stdout, /Epoch|Training "/, 'refused before any training');
}

test('--save-weights onto the graph itself (by name, by link, by hard link) or onto its CSV is refused; both stay intact', () => {
  const graph = smallGraph({ csv: 'data.csv', label: 'label' }, 1);
  const folder = scratchFolder({ 'g.nngraph': graph, 'data.csv': csvText });
  try {
    const graphFile = join(folder.dir, 'g.nngraph');
    symlinkSync(graphFile, join(folder.dir, 'link.safetensors'));
    linkSync(graphFile, join(folder.dir, 'hard.safetensors'));
    const targets = [graphFile, join(folder.dir, '.', 'g.nngraph'), join(folder.dir, 'link.safetensors'), join(folder.dir, 'hard.safetensors')];
    assertRefusedBeforeTraining(runCli(['train', graphFile, '--save-weights', graphFile]), /is the graph file itself/);
    for (const target of targets) {
      assertRefusedBeforeTraining(runCli(['train', graphFile, '--save-weights', target, '--force']), /is the graph file itself; it must not be replaced/);
    }
    assertRefusedBeforeTraining(runCli(['train', graphFile, '--save-weights', join(folder.dir, 'data.csv'), '--force']), /is the graph's CSV data file/);
    assert.equal(readFileSync(graphFile, 'utf8'), graph);
    assert.equal(readFileSync(join(folder.dir, 'data.csv'), 'utf8'), csvText);
    console.log(`${targets.length + 1} protected targets refused`);
  } finally {
    folder.remove();
  }
});

test('a --save-weights folder that does not exist is reported before the data is read or a step is run', () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph(moons, 1, { epochs: 1000 }) });
  try {
    const result = runCli(['train', join(folder.dir, 'g.nngraph'), '--save-weights', join(folder.dir, 'missing', 'w.safetensors')]);
    assertRefusedBeforeTraining(result, /the folder .*missing does not exist/);
  } finally {
    folder.remove();
  }
});

test('an existing file of another kind is kept unless --force; a safetensors file is replaced; no temporary file is left', () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph(moons, 1, { epochs: 1 }), 'notes.txt': 'my notes\n' });
  try {
    const graphFile = join(folder.dir, 'g.nngraph');
    const notes = join(folder.dir, 'notes.txt');
    assertRefusedBeforeTraining(runCli(['train', graphFile, '--save-weights', notes]), /'.*notes\.txt' already exists and is not a safetensors weights file; it was left as it is \(pass --force to replace it\)/);
    assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
    const forced = runCli(['train', graphFile, '--save-weights', notes, '--force', '--quiet']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok(readSafetensors(new Uint8Array(readFileSync(notes))).tensors.length > 0);
    const weights = join(folder.dir, 'w.safetensors');
    assert.equal(runCli(['train', graphFile, '--save-weights', weights, '--quiet']).status, 0);
    const again = runCli(['train', graphFile, '--save-weights', weights, '--quiet', '--seed', '9']);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(readdirSync(folder.dir).sort(), ['g.nngraph', 'notes.txt', 'w.safetensors']);
  } finally {
    folder.remove();
  }
});

test('a folder named as the weights file is refused before training', () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph(moons, 1, { epochs: 1 }) });
  try {
    mkdirSync(join(folder.dir, 'w.safetensors'));
    assertRefusedBeforeTraining(runCli(['train', join(folder.dir, 'g.nngraph'), '--save-weights', join(folder.dir, 'w.safetensors')]), /it is a folder or a device, not a file/);
  } finally {
    folder.remove();
  }
});

test('SIGTERM stops after the current batch, saves the weights and exits 143 with a message', async () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph(moons, 1, { epochs: 100_000 }) });
  try {
    const weights = join(folder.dir, 'stopped.safetensors');
    writeFileSync(join(folder.dir, 'unrelated.txt'), 'x');
    const result = await runCliInterrupted(
      ['train', join(folder.dir, 'g.nngraph'), '--save-weights', weights],
      (stdout) => /Epoch 2\//.test(stdout) || stdout.includes('epoch 2'), folder.dir, 'SIGTERM',
    );
    assert.equal(result.status, 143, result.stderr);
    assert.match(result.stderr, /SIGTERM received: stopping after the current batch/);
    assert.match(result.stdout, /Stopped by SIGTERM after \d+ complete epochs/);
    assert.match(result.stdout, /Weights saved to .*stopped\.safetensors/);
    const { tensors } = readSafetensors(new Uint8Array(readFileSync(weights)));
    assert.deepEqual(tensors.map((t) => t.name), ['hidden.kernel', 'hidden.bias', 'out.kernel', 'out.bias']);
  } finally {
    folder.remove();
  }
});
