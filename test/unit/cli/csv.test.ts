import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeBuiltCli, runCli, scratchFolder, smallGraph } from './helpers';

after(removeBuiltCli);

/** 40 rows of two features with a text label that a tiny network separates. */
function flowersCsv(): string {
  const rows = ['length,width,species'];
  for (let i = 0; i < 40; i++) rows.push(i % 2 === 0 ? `${1 + (i % 5) / 10},0.${i % 3},setosa` : `${5 + (i % 7) / 10},2.${i % 4},virginica`);
  return `${rows.join('\n')}\n`;
}

test('train on a CSV file beside the graph, with text labels', () => {
  const folder = scratchFolder({ 'flowers.csv': flowersCsv(), 'flowers.nngraph': smallGraph({ csv: 'flowers.csv', label: 'species' }, 1) });
  try {
    const result = runCli(['train', join(folder.dir, 'flowers.nngraph'), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    assert.equal(summary.stop, 'completed');
    const human = runCli(['train', join(folder.dir, 'flowers.nngraph'), '--epochs', '1']);
    assert.match(human.stdout, /Classes of 'species': 0 = "setosa", 1 = "virginica"/);
    const check = runCli(['check', join(folder.dir, 'flowers.nngraph')]);
    assert.equal(check.status, 0, check.stdout);
  } finally {
    folder.remove();
  }
});

test('a CSV in a subfolder is found relative to the graph, whatever the working folder', () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph({ csv: 'data/flowers.csv', label: 'species' }, 1) });
  try {
    mkdirSync(join(folder.dir, 'data'));
    writeFileSync(join(folder.dir, 'data', 'flowers.csv'), flowersCsv());
    const result = runCli(['train', 'g.nngraph', '--quiet'], folder.dir);
    assert.equal(result.status, 0, result.stderr);
  } finally {
    folder.remove();
  }
});

test('a bad value in the CSV names file, line and column', () => {
  const csv = flowersCsv().replace('1.2,0.', '1.2,oops');
  const badLine = csv.split('\n').findIndex((line) => line.includes('oops')) + 1;
  const folder = scratchFolder({ 'flowers.csv': csv, 'g.nngraph': smallGraph({ csv: 'flowers.csv', label: 'species' }, 1) });
  try {
    const result = runCli(['train', 'g.nngraph'], folder.dir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`flowers\\.csv:${badLine}:2 - error: feature 'width' 'oops\\d' is not a number`));
  } finally {
    folder.remove();
  }
});

test('a missing label column is reported by check and train, with the header line', () => {
  const folder = scratchFolder({ 'flowers.csv': flowersCsv(), 'g.nngraph': smallGraph({ csv: 'flowers.csv', label: 'kind' }, 1) });
  try {
    const check = runCli(['check', 'g.nngraph'], folder.dir);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /flowers\.csv:1:1 - error: no label column 'kind': the header \(line 1\) has 'length', 'width', 'species'/);
    const train = runCli(['train', 'g.nngraph'], folder.dir);
    assert.equal(train.status, 1);
    assert.match(train.stderr, /no label column 'kind'/);
    assert.match(train.stderr, /g\.nngraph: the graph has errors; nothing was trained/);
  } finally {
    folder.remove();
  }
});

test('a missing CSV file is named', () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph({ csv: 'gone.csv', label: 'y' }, 1) });
  try {
    const result = runCli(['train', 'g.nngraph'], folder.dir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /g\.nngraph:\d+:\d+ - error NG043: The CSV path "gone\.csv" cannot be read: no such file/);
  } finally {
    folder.remove();
  }
});

test('CSV paths may not leave the graph\'s folder, not even through a link', () => {
  const outside = scratchFolder({ 'secret.csv': flowersCsv() });
  const folder = scratchFolder({
    'up.nngraph': smallGraph({ csv: '../secret.csv', label: 'species' }, 1),
    'link.nngraph': smallGraph({ csv: 'linked.csv', label: 'species' }, 1),
  });
  try {
    symlinkSync(join(outside.dir, 'secret.csv'), join(folder.dir, 'linked.csv'));
    const up = runCli(['train', 'up.nngraph'], folder.dir);
    assert.equal(up.status, 1);
    assert.match(up.stderr, /up\.nngraph:\d+:\d+ - error NG028: .*outside/);
    const linked = runCli(['train', 'link.nngraph'], folder.dir);
    assert.equal(linked.status, 1);
    assert.match(linked.stderr, /link\.nngraph:\d+:\d+ - error NG028: The CSV path "linked\.csv" is a link that leads outside the workspace/);
    assert.doesNotMatch(linked.stderr, /secret/, 'the message does not tell where the link leads');
  } finally {
    folder.remove();
    outside.remove();
  }
});

test('labels that do not fit the loss are a clear error', () => {
  // Three classes, but a binary (one-unit sigmoid) model.
  const csv = 'a,y\n1,0\n2,1\n3,2\n4,0\n5,1\n6,2\n';
  const folder = scratchFolder({ 'three.csv': csv, 'g.nngraph': smallGraph({ csv: 'three.csv', label: 'y' }, 1) });
  try {
    const result = runCli(['train', 'g.nngraph'], folder.dir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /error NG\d{3}: .*(two classes|3 classes|binary)/i);
  } finally {
    folder.remove();
  }
});
