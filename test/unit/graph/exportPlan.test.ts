// The export plan the command line and the editor share (graph/export/exportPlan.ts): default names, which files a
// target writes and in which order, the paths the program reads from its own folder, the weights it starts from, and
// the files no export may write (the graph, its CSV, the weights being read), refused through node/safeWrite.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRun, parseCsvDataset, isCsvError, loadBuiltinDataset, writeSafetensors, type Run } from '../../../src/core/index';
import { createDataFileReader } from '../../../src/core/node';
import {
  compileText, defaultExportFileName, exportTargetIds, exportTargets, planExport, type DatasetRef, type ExportTarget,
} from '../../../src/graph/index';
import { checkWriteTarget, newFileKind } from '../../../src/node/safeWrite';
import { smallGraph } from '../cli/helpers';

const csvText = `x,y,label\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 3},${i % 2}`).join('\n')}\n`;

function runOf(text: string): { run: Run; datasetRef: DatasetRef } {
  const compiled = compileText(text, () => ({ featureCount: 2, classCount: 2, featureNames: ['x', 'y'] }));
  assert.ok(compiled.ok, 'the test graph compiles');
  const ref = compiled.dataset;
  let dataset;
  if (ref.kind === 'builtin') dataset = loadBuiltinDataset(ref.name, ref.options, compiled.training.seed, createDataFileReader());
  else {
    const parsed = parseCsvDataset(csvText, { label: ref.label, features: ref.features }, ref.path);
    assert.ok(!isCsvError(parsed));
    dataset = parsed;
  }
  return { run: createRun({ dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize }), datasetRef: ref };
}

function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'nngraph-plan-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

test('default names: the graph\'s base name and the target\'s ending, for every target', () => {
  const expected: Record<ExportTarget, string> = { pytorch: 'tutorial.py', keras: 'tutorial.keras.py', tfjs: 'tutorial.tfjs.cjs', onnx: 'tutorial.onnx' };
  for (const target of exportTargetIds) assert.equal(defaultExportFileName('tutorial.nngraph', target), expected[target]);
  assert.equal(defaultExportFileName('Model.NNGRAPH', 'pytorch'), 'Model.py');
  assert.equal(defaultExportFileName('notes', 'onnx'), 'notes.onnx', 'a file without the ending keeps its whole name');
  assert.deepEqual(Object.keys(exportTargets).sort(), [...exportTargetIds].sort(), 'one table entry per target');
  for (const target of exportTargetIds) {
    const info = exportTargets[target];
    assert.ok(info.fileType.extensions.some((extension) => info.ending.endsWith(`.${extension}`)), `${target}: the save dialog's filter shows its own files`);
  }
});

test('a program on a built-in set: the set as CSV first, the program last, reading it from its own folder', () => {
  const { run, datasetRef } = runOf(smallGraph({ builtin: 'moons', samples: 60, noise: 0.1 }, 2));
  try {
    const plan = planExport({ target: 'pytorch', graphFile: '/w/g.nngraph', graphName: 'small', datasetRef, run, output: '/w/out/m.py' }, path);
    assert.deepEqual(plan.files.map((file) => [file.path, file.role]), [['/w/out/m.data.csv', 'data'], ['/w/out/m.py', 'main']]);
    assert.equal(plan.main.path, '/w/out/m.py');
    assert.match(plan.weightsSource, /initial weights of seed 1 \(untrained\)/);
    const rows = text(plan.files[0].bytes()).trim().split('\n');
    assert.equal(rows[0], 'x,y,label', "the set's feature names, then the label");
    assert.equal(rows.length, 61, 'a header and every row of the set');
    assert.match(text(plan.main.bytes()), /m\.data\.csv/);
    assert.deepEqual(plan.protectedFiles.map((kept) => kept.path), ['/w/g.nngraph'], 'a built-in set has no file to protect');
  } finally {
    run.dispose();
  }
});

test('a program on a CSV with starting weights: the CSV read where it is (relative to the program), the weights copied beside it', () => {
  const { run, datasetRef } = runOf(smallGraph({ csv: 'data/d.csv', label: 'label' }, 2));
  const weightsBytes = writeSafetensors(run.program.getWeights());
  try {
    for (const target of ['pytorch', 'keras', 'tfjs'] as const) {
      const output = `/w/exports/g${exportTargets[target].ending}`;
      const plan = planExport({
        target, graphFile: '/w/g.nngraph', graphName: 'small', datasetRef, run, output,
        weights: { path: '/w/g.safetensors', read: () => weightsBytes },
      }, path);
      const stem = output.slice(0, output.length - path.extname(output).length);
      assert.deepEqual(plan.files.map((file) => [file.path, file.role]), [[`${stem}.init.safetensors`, 'weights'], [output, 'main']], target);
      assert.equal(plan.files[0].bytes(), weightsBytes);
      const program = text(plan.main.bytes());
      assert.match(program, /\.\.\/data\/d\.csv/, `${target} reads the graph's CSV from its own folder`);
      assert.ok(program.includes(path.basename(`${stem}.init.safetensors`)), `${target} starts from the copied weights`);
      assert.equal(plan.weightsSource, 'the weights in g.safetensors');
      assert.deepEqual(plan.protectedFiles, [
        { path: '/w/g.nngraph', role: 'the graph file itself' },
        { path: '/w/data/d.csv', role: "the graph's CSV data file" },
        { path: '/w/g.safetensors', role: 'the weights file being exported' },
      ]);
    }
  } finally {
    run.dispose();
  }
});

test('ONNX: one file, the model, holding the run\'s weights', () => {
  const { run, datasetRef } = runOf(smallGraph({ builtin: 'moons', samples: 60, noise: 0.1 }, 2));
  try {
    const plan = planExport({ target: 'onnx', graphFile: 'g.nngraph', graphName: 'small', datasetRef, run, output: 'g.onnx' }, path);
    assert.deepEqual(plan.files.map((file) => [file.path, file.role, file.description]), [['g.onnx', 'main', 'the exported ONNX model']]);
    const bytes = plan.main.bytes();
    assert.ok(bytes.length > 200, 'a model with its weights');
    assert.ok(text(bytes).includes('initial weights of seed 1'), 'the model says where its weights came from');
  } finally {
    run.dispose();
  }
});

test('refusals: an export onto the graph, its CSV or the weights it reads is refused, even when replacing is allowed', () => {
  const folder = scratch();
  const { run, datasetRef } = runOf(smallGraph({ csv: 'd.csv', label: 'label' }, 2));
  try {
    const graphFile = path.join(folder.dir, 'g.nngraph');
    const weightsFile = path.join(folder.dir, 'g.safetensors');
    writeFileSync(graphFile, '{}');
    writeFileSync(path.join(folder.dir, 'd.csv'), csvText);
    writeFileSync(weightsFile, writeSafetensors(run.program.getWeights()));
    let refused = 0;
    for (const target of exportTargetIds) {
      for (const output of [graphFile, path.join(folder.dir, 'd.csv'), weightsFile, path.join(folder.dir, '.', 'g.nngraph')]) {
        const plan = planExport({ target, graphFile, graphName: 'g', datasetRef, run, output, weights: { path: weightsFile, read: () => new Uint8Array() } }, path);
        const check = checkWriteTarget({ path: plan.main.path, kind: newFileKind(plan.main.description), protectedFiles: plan.protectedFiles, overwriteOtherKind: true });
        assert.equal(check.ok, false, `${target} onto ${output}`);
        assert.ok(!check.ok && check.reason === 'protected' && /must not be replaced/.test(check.message));
        refused++;
      }
    }
    console.log(`${refused} protected targets refused`);
  } finally {
    run.dispose();
    folder.remove();
  }
});
