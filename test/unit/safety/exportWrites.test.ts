// The editor's Export writes (src/extension/export/exportWritePlan.ts): a person is asked exactly once before anything
// is replaced (the save dialog asks about the chosen file; files of their own kind beside it follow it, and one
// question covers files of another kind there), files that already hold the same bytes are not rewritten, and a
// refusal writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ExportPlan, PlannedExportFile } from '../../../src/graph/index';
import { writeSafetensors } from '../../../src/core/index';
import { commitExportWrite, prepareExportWrite } from '../../../src/extension/export/exportWritePlan';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A plan of files in `dir`, each with its text (or, for binary files, its bytes). */
function planIn(dir: string, files: Array<Omit<PlannedExportFile, 'bytes'> & { text: string | Uint8Array }>): ExportPlan {
  const planned = files.map(({ text, ...file }) => ({ ...file, path: path.join(dir, file.path), bytes: () => (typeof text === 'string' ? bytesOf(text) : text) }));
  return {
    files: planned, main: planned[planned.length - 1], weightsSource: 'the initial weights of seed 1 (untrained)',
    protectedFiles: [{ path: path.join(dir, 'g.nngraph'), role: 'the graph file itself' }, { path: path.join(dir, 'd.csv'), role: "the graph's CSV data file" }],
  };
}

function withFolder(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'nngraph-export-writes-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const script = (text: string) => ({ path: 'g.py', role: 'main' as const, description: 'the exported script', text });
const data = (text: string) => ({ path: 'g.data.csv', role: 'data' as const, description: 'the exported dataset', text });

test('a first export asks nothing and writes every file, atomically (no temporary file left)', () => {
  withFolder({ 'g.nngraph': '{}' }, (dir) => {
    const prepared = prepareExportWrite(planIn(dir, [data('x,label\n1,0\n'), script('print(1)\n')]));
    assert.ok(prepared.ok);
    assert.equal(prepared.toConfirm.length, 0);
    commitExportWrite(prepared.steps, prepared.toConfirm);
    assert.equal(readFileSync(path.join(dir, 'g.py'), 'utf8'), 'print(1)\n');
    assert.equal(readFileSync(path.join(dir, 'g.data.csv'), 'utf8'), 'x,label\n1,0\n');
    assert.deepEqual(readdirSync(dir).sort(), ['g.data.csv', 'g.nngraph', 'g.py']);
  });
});

test('exporting again onto the chosen file asks nothing more (the save dialog asked); an unchanged data file is not rewritten', () => {
  withFolder({ 'g.nngraph': '{}', 'g.py': 'old script\n', 'g.data.csv': 'x,label\n1,0\n' }, (dir) => {
    const prepared = prepareExportWrite(planIn(dir, [data('x,label\n1,0\n'), script('new script\n')]));
    assert.ok(prepared.ok);
    assert.equal(prepared.toConfirm.length, 0, 'one question in all: the save dialog\'s');
    assert.deepEqual(prepared.steps.map((step) => step.unchanged), [true, false]);
    commitExportWrite(prepared.steps, prepared.toConfirm);
    assert.equal(readFileSync(path.join(dir, 'g.py'), 'utf8'), 'new script\n');
  });
});

test('a different file beside the program is asked about, and without the answer nothing is replaced', () => {
  withFolder({ 'g.nngraph': '{}', 'g.data.csv': 'my own notes\n' }, (dir) => {
    const prepared = prepareExportWrite(planIn(dir, [data('x,label\n1,0\n'), script('print(1)\n')]));
    assert.ok(prepared.ok);
    assert.deepEqual(prepared.toConfirm.map((step) => path.basename(step.file.path)), ['g.data.csv']);
    // Even a caller that commits without the answer cannot replace it: the safe write refuses.
    assert.throws(() => commitExportWrite(prepared.steps, []), /g\.data\.csv' already exists; it was left as it is/);
    assert.equal(readFileSync(path.join(dir, 'g.data.csv'), 'utf8'), 'my own notes\n');
    commitExportWrite(prepared.steps, prepared.toConfirm);
    assert.equal(readFileSync(path.join(dir, 'g.data.csv'), 'utf8'), 'x,label\n1,0\n');
  });
});

test('the graph, its CSV or a folder as the target refuse the whole export before anything is written', () => {
  withFolder({ 'g.nngraph': '{"keep":true}', 'd.csv': 'x,label\n1,0\n' }, (dir) => {
    mkdirSync(path.join(dir, 'folder.py'));
    const cases: Array<[string, RegExp]> = [
      ['g.nngraph', /is the graph file itself; it must not be replaced by the exported script/],
      ['d.csv', /is the graph's CSV data file/],
      ['folder.py', /it is a folder or a device, not a file/],
    ];
    for (const [name, message] of cases) {
      const prepared = prepareExportWrite(planIn(dir, [data('x,label\n2,1\n'), { ...script('print(1)\n'), path: name }]));
      assert.equal(prepared.ok, false, name);
      assert.match(prepared.ok ? '' : prepared.message, message);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['d.csv', 'folder.py', 'g.nngraph'], 'not even the data file beside it was written');
    assert.equal(readFileSync(path.join(dir, 'g.nngraph'), 'utf8'), '{"keep":true}');
  });
});

test('files of their own kind beside the program follow the dialog\'s answer; another kind there is asked about', () => {
  const weights = (values: number[]): Uint8Array => writeSafetensors([{ name: 'w', shape: [values.length], data: Float32Array.from(values) }]);
  const init = (text: string | Uint8Array) => ({ path: 'g.init.safetensors', role: 'weights' as const, description: 'the exported starting weights', text });
  withFolder({ 'g.nngraph': '{}', 'g.py': 'old\n', 'g.data.csv': 'x,label\n9,1\n' }, (dir) => {
    writeFileSync(path.join(dir, 'g.init.safetensors'), weights([1, 2]));
    const newWeights = weights([3, 4]);
    const prepared = prepareExportWrite(planIn(dir, [data('x,label\n1,0\n'), init(newWeights), script('new\n')]));
    assert.ok(prepared.ok);
    assert.equal(prepared.toConfirm.length, 0, 'the same columns and a safetensors file: no second question');
    commitExportWrite(prepared.steps, prepared.toConfirm);
    assert.equal(readFileSync(path.join(dir, 'g.data.csv'), 'utf8'), 'x,label\n1,0\n');
    assert.deepEqual(new Uint8Array(readFileSync(path.join(dir, 'g.init.safetensors'))), newWeights);
  });
  withFolder({ 'g.nngraph': '{}', 'g.data.csv': 'a,b,c\n1,2,3\n', 'g.init.safetensors': 'not weights\n' }, (dir) => {
    const plan = planIn(dir, [data('x,label\n1,0\n'), init('weights'), script('new\n')]);
    const prepared = prepareExportWrite(plan);
    assert.ok(prepared.ok);
    assert.deepEqual(prepared.toConfirm.map((step) => path.basename(step.file.path)), ['g.data.csv', 'g.init.safetensors'], 'one question for both');
  });
});
