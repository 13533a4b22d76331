// `nngraph train` reads its CSV file once: the load that compiling needs is the load training uses (issue 10 found it
// read twice). Counted in-process on the file-system calls the command line makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { prepareRun } from '../../../src/cli/trainSetup';
import type { Output } from '../../../src/cli/output';
import { scratchFolder, smallGraph } from './helpers';

test('train reads the CSV file once, and the run holds every row of it', () => {
  const rows = ['a,b,label'];
  for (let i = 0; i < 60; i++) rows.push(`${i % 7},${(i * 3) % 11},${i % 2}`);
  const folder = scratchFolder({ 'data.csv': `${rows.join('\n')}\n`, 'g.nngraph': smallGraph({ csv: 'data.csv', label: 'label' }, 1) });
  const reads: string[] = [];
  const count = (target: object, name: string): { mock: { restore(): void } } => {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[name];
    const method = test.mock.method.bind(test.mock) as unknown as (object: object, methodName: string, implementation: unknown) => { mock: { restore(): void } };
    return method(target, name, function counted(this: unknown, ...args: unknown[]) {
      if (String(args[0]).endsWith('data.csv')) reads.push(name);
      return Reflect.apply(original, this, args);
    });
  };
  const spies = [count(fs, 'readFileSync'), count(fs, 'openSync'), count(fs, 'createReadStream'), count(fsPromises, 'readFile')];
  const lines: string[] = [];
  const output: Output = { out: (text) => lines.push(text), err: (text) => lines.push(text), status: () => undefined, interactive: false };
  try {
    const prepared = prepareRun(join(folder.dir, 'g.nngraph'), { json: false, quiet: true }, output);
    const { sampleCount } = prepared.run.data.dataset;
    prepared.run.dispose();
    assert.equal(sampleCount, 60);
  } finally {
    for (const spy of spies) spy.mock.restore();
    folder.remove();
  }
  // One open, read through in chunks (never readFileSync: the whole text would sit beside the table).
  assert.deepEqual(reads, ['openSync'], `reads of data.csv: ${reads.join(', ')}; output: ${lines.join('\n')}`);
  console.log(`nngraph train: data.csv read ${reads.length} time(s)`);
});
