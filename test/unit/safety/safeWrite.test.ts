// node/safeWrite.ts directly: what it refuses, and that a write is atomic and leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSafetensors } from '../../../src/core/weights';
import { checkWriteTarget, safetensorsKind, safeWriteFile, SafeWriteError, writeFileAtomic, type WriteTarget } from '../../../src/node/safeWrite';

function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nngraph-safewrite-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const weights = writeSafetensors([{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }]);

function target(dir: string, name: string, overwriteOtherKind = false): WriteTarget {
  return {
    path: join(dir, name), kind: safetensorsKind, overwriteOtherKind,
    protectedFiles: [{ path: join(dir, 'g.nngraph'), role: 'the graph file itself' }, { path: join(dir, 'data.csv'), role: "the graph's CSV data file" }],
  };
}

test('refusals: the graph and its data (also through a link), another kind of file, a missing folder, a folder', () => {
  const folder = scratch();
  try {
    writeFileSync(join(folder.dir, 'g.nngraph'), '{}');
    writeFileSync(join(folder.dir, 'data.csv'), 'a,b\n');
    writeFileSync(join(folder.dir, 'notes.txt'), 'hello');
    writeFileSync(join(folder.dir, 'short.safetensors'), 'x');
    symlinkSync(join(folder.dir, 'data.csv'), join(folder.dir, 'alias.safetensors'));
    const reasons = (name: string, force = false): string => {
      const check = checkWriteTarget(target(folder.dir, name, force));
      return check.ok ? 'ok' : check.reason;
    };
    assert.equal(reasons('g.nngraph', true), 'protected');
    assert.equal(reasons('data.csv', true), 'protected');
    assert.equal(reasons('alias.safetensors', true), 'protected');
    assert.equal(reasons('notes.txt'), 'other-kind');
    assert.equal(reasons('short.safetensors'), 'other-kind', 'one byte is not a safetensors file');
    assert.equal(reasons('notes.txt', true), 'ok');
    assert.equal(reasons(join('nowhere', 'w.safetensors')), 'folder-missing');
    assert.equal(reasons('.'), 'not-a-file');
    assert.equal(reasons('new.safetensors'), 'ok');
    assert.throws(() => safeWriteFile(target(folder.dir, 'g.nngraph', true), weights), (error: unknown) => error instanceof SafeWriteError && error.reason === 'protected');
    assert.equal(readFileSync(join(folder.dir, 'g.nngraph'), 'utf8'), '{}');
  } finally {
    folder.remove();
  }
});

test('an atomic write replaces the file whole, keeps its permissions, follows a link to its file and leaves no temporary file', () => {
  const folder = scratch();
  try {
    const file = join(folder.dir, 'w.safetensors');
    safeWriteFile(target(folder.dir, 'w.safetensors'), weights);
    assert.deepEqual(new Uint8Array(readFileSync(file)), weights);
    chmodSync(file, 0o640);
    const bigger = writeSafetensors([{ name: 'w', shape: [1000], data: new Float32Array(1000).fill(3) }]);
    safeWriteFile(target(folder.dir, 'w.safetensors'), bigger);
    assert.deepEqual(new Uint8Array(readFileSync(file)), bigger);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    symlinkSync(file, join(folder.dir, 'link.safetensors'));
    writeFileAtomic(join(folder.dir, 'link.safetensors'), weights);
    assert.ok(lstatSync(join(folder.dir, 'link.safetensors')).isSymbolicLink(), 'the link stays a link');
    assert.equal(readlinkSync(join(folder.dir, 'link.safetensors')), file);
    assert.deepEqual(new Uint8Array(readFileSync(file)), weights);
    assert.deepEqual(readdirSync(folder.dir).sort(), ['link.safetensors', 'w.safetensors']);
    assert.throws(() => writeFileAtomic(join(folder.dir, 'missing', 'w.safetensors'), weights), /cannot write .*: the folder does not exist/);
    assert.deepEqual(readdirSync(folder.dir).sort(), ['link.safetensors', 'w.safetensors']);
  } finally {
    folder.remove();
  }
});
