// Explain mode's plot and point edits on the host side (src/extension/editor/explainPlot.ts, csvPointText.ts,
// pointEdits.ts), on the spiral example and on real files in a temporary folder: the plot carries every row with its
// row number and a boundary that a hand-edited weight changes (without changing the run's own weights); rows are found
// where the reader finds them (CRLF, a byte order mark, blank lines, a quoted field over two lines); an added point is
// read back by the data set reader as the last row, and Undo gives back the file byte for byte; a file changed in
// between is left alone; a path out of the workspace is refused; a built-in set is written exactly and never over a
// file that is already there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsBackend, createRun, parseCsvDataset } from '../../../src/core/index';
import { compileText } from '../../../src/graph/index';
import { explainWithRun, type ExplainRunContext } from '../../../src/extension/editor/explainRun';
import { EXPLAIN_PLOT_GRID } from '../../../src/extension/editor/explainPlot';
import { csvNumber, readCsvTable } from '../../../src/extension/editor/csvPointText';
import { datasetCsvText, PointEditHistory, writeDatasetCsv } from '../../../src/extension/editor/pointEdits';
import { loadDataset } from '../../../src/extension/worker/loadRun';
import { editorToHostSchema, receiveHostToEditor } from '../../../src/protocol/messages';
import type { CsvFileRequest } from '../../../src/core/index';
import { PLOT_PIXELS, pointAt, toCanvas, toFeatures } from '../../../webview/editor/explain/plotGeometry';

const spiralText = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'spiral.nngraph'), 'utf8');

async function spiralContext(): Promise<ExplainRunContext> {
  const compiled = compileText(spiralText, undefined, {});
  assert.ok(compiled.ok);
  const dataset = await loadDataset({ ref: compiled.dataset, csvFile: undefined, normalize: compiled.normalize }, compiled.training.seed);
  const run = createRun({ dataset, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize, backend: createJsBackend() });
  return { run, inputNodeId: compiled.inputNodeId, weightsSource: 'initial' };
}

function plotOf(context: ExplainRunContext, overrides: Parameters<typeof explainWithRun>[2] = []) {
  const outcome = explainWithRun(context, { kind: 'row', row: 0 }, overrides);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  assert.ok(outcome.explanation.plot, 'the spiral has two features and three classes: a plot');
  return outcome.explanation.plot;
}

const differingCells = (a: string, b: string): number => {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  let count = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) count++;
  return count;
};

test('the spiral plot has every row with its number, and a hand-edited weight redraws the boundary without keeping the edit', async () => {
  const context = await spiralContext();
  try {
    const { raw } = context.run.data;
    const plot = plotOf(context);
    assert.equal(plot.gridSize, EXPLAIN_PLOT_GRID);
    assert.equal(plot.classCount, 3);
    assert.equal(plot.points.row.length, raw.sampleCount);
    assert.deepEqual(plot.points.row.slice(0, 3), [0, 1, 2]);
    assert.equal(plot.points.x[5], raw.features[10]);
    assert.equal(plot.points.y[5], raw.features[11]);
    assert.ok(plot.xMin < Math.min(...plot.points.x) && plot.xMax > Math.max(...plot.points.x));
    // The answer passes the webview's own validator, plot included.
    assert.equal(receiveHostToEditor({ type: 'explanation', requestId: 1, result: { ok: true, explanation: explainWithRun(context, { kind: 'row', row: 0 }, []).ok ? (explainWithRun(context, { kind: 'row', row: 0 }, []) as { explanation: unknown }).explanation : null } }).ok, true);
    const edited = plotOf(context, [{ nodeId: 'logits', tensor: 'bias', index: 0, value: 25 }]);
    const changed = differingCells(plot.cellClass, edited.cellClass);
    console.log(`a bias of 25 on logits[0] changed the predicted class of ${changed} of ${plot.gridSize ** 2} cells`);
    assert.ok(changed > plot.gridSize ** 2 / 10, `only ${changed} cells changed`);
    assert.equal(differingCells(plot.cellClass, plotOf(context).cellClass), 0, 'the run keeps its own weights after a plot with edits');
    // The webview's geometry: a click on a point's place finds that point (or one drawn on the same spot), and the
    // place of a click maps back to the features it shows; the padded corner holds no point.
    let exact = 0;
    for (let i = 0; i < plot.points.x.length; i++) {
      const [px, py] = toCanvas(plot, plot.points.x[i], plot.points.y[i]);
      const hit = pointAt(plot, px, py);
      assert.ok(hit !== undefined);
      const [hx, hy] = toCanvas(plot, plot.points.x[hit], plot.points.y[hit]);
      assert.ok(Math.hypot(hx - px, hy - py) < 1, `row ${i}: the click found row ${hit}, ${Math.hypot(hx - px, hy - py)} px away`);
      if (hit === i) exact++;
      const [fx, fy] = toFeatures(plot, px, py);
      assert.ok(Math.abs(fx - plot.points.x[i]) < 1e-9 && Math.abs(fy - plot.points.y[i]) < 1e-9);
    }
    console.log(`${exact} of ${plot.points.x.length} points are found by a click on their own place (the others share it)`);
    assert.equal(pointAt(plot, 2, 2), undefined);
    assert.equal(pointAt(plot, PLOT_PIXELS - 2, PLOT_PIXELS - 2), undefined);
  } finally {
    context.run.dispose();
  }
});

test('rows are found where the reader finds them: CRLF, a byte order mark, blank lines and a quoted field over two lines', () => {
  const text = '\ufeffa;b;label\r\n1;2;"x"\r\n\r\n3;4;"two\r\nlines"\r\n5;6;x\r\n';
  const table = readCsvTable(text);
  assert.ok(typeof table !== 'string', String(table));
  assert.equal(table.delimiter, ';');
  assert.equal(table.lineEnd, '\r\n');
  assert.deepEqual(table.header, ['a', 'b', 'label']);
  assert.deepEqual(table.rows, [{ line: 1, lineCount: 1 }, { line: 3, lineCount: 2 }, { line: 5, lineCount: 1 }]);
  assert.equal(typeof readCsvTable('a,b\n"open,1\n'), 'string', 'an unclosed quote is refused as the reader refuses it');
  assert.equal(csvNumber(Math.fround(0.1)), '0.1');
  for (const value of [Math.fround(-1.2345678), Math.fround(3e-7), Math.fround(123456.789)]) assert.equal(Math.fround(Number(csvNumber(value))), value);
});

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-points-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const requestFor = (folder: string, csvPath: string): CsvFileRequest => ({ root: folder, graphFolder: folder, csvPath, maxMegabytes: 10, howToRaise: 'the setting' });

test('an added point is the data set\'s last row, Undo gives the file back byte for byte, Redo adds it again', async () => {
  const original = '\ufeffx;y;kind;note\r\n0.5;1;red;a\r\n-1;2;blue;"two\r\nlines"\r\n';
  const folder = folderWith({ 'data.csv': original });
  const path = join(folder, 'data.csv');
  const history = new PointEditHistory();
  const added = await history.add(requestFor(folder, 'data.csv'), { label: 'kind', features: ['x', 'y'] }, { x: 0.25, y: -3.5, label: 'blue' });
  assert.ok(added.ok, added.message);
  assert.equal(added.addedRow, 2);
  assert.equal(added.ok && added.rowCount, 3);
  assert.equal(added.canUndo, true);
  const after = readFileSync(path, 'utf8');
  assert.equal(after, `${original}0.25;-3.5;blue;\r\n`);
  const read = parseCsvDataset(after, { label: 'kind', features: ['x', 'y'] }, 'data.csv');
  assert.ok(!('line' in read && 'message' in read && !('features' in read)), JSON.stringify(read));
  if ('features' in read) {
    assert.equal(read.sampleCount, 3);
    assert.deepEqual(Array.from(read.features.subarray(4, 6)), [0.25, -3.5]);
  }
  const undone = await history.undo();
  assert.ok(undone.ok, undone.message);
  assert.equal(readFileSync(path, 'utf8'), original);
  assert.equal(undone.canRedo, true);
  const redone = await history.redo();
  assert.ok(redone.ok, redone.message);
  assert.equal(readFileSync(path, 'utf8'), after);
});

test('a removed row (over two lines) comes back with Undo; a file changed in between is left alone', async () => {
  const original = 'x,y,label\n1,2,0\n3,4,"1"\n5,6,1';
  const folder = folderWith({ 'd.csv': original });
  const path = join(folder, 'd.csv');
  const history = new PointEditHistory();
  const removed = await history.remove(requestFor(folder, 'd.csv'), 1);
  assert.ok(removed.ok, removed.message);
  assert.equal(removed.rowCount, 2);
  assert.equal(readFileSync(path, 'utf8'), 'x,y,label\n1,2,0\n5,6,1');
  const undone = await history.undo();
  assert.ok(undone.ok);
  assert.equal(undone.rowCount, 3);
  assert.equal(readFileSync(path, 'utf8'), original);
  const addedWithoutLineEnd = await history.add(requestFor(folder, 'd.csv'), { label: 'label' }, { x: 7, y: 8, label: '0' });
  assert.ok(addedWithoutLineEnd.ok);
  assert.equal(readFileSync(path, 'utf8'), `${original}\n7,8,0`);
  writeFileSync(path, 'x,y,label\n9,9,1\n');
  const refused = await history.undo();
  assert.equal(refused.ok, false);
  assert.match(refused.message, /changed outside explain mode/);
  assert.equal(readFileSync(path, 'utf8'), 'x,y,label\n9,9,1\n', 'a file changed by someone else is not touched');
  assert.equal(history.canUndo, false);
  const past = await history.remove(requestFor(folder, 'd.csv'), 5);
  assert.equal(past.ok, false);
  const last = await history.remove(requestFor(folder, 'd.csv'), 0);
  assert.equal(last.ok, false, 'the last row stays');
});

test('point edits keep to the CSV path rule: no path out of the workspace, no link out, only two-feature tables', async () => {
  const outside = folderWith({ 'secret.csv': 'x,y,label\n1,1,1\n' });
  const folder = folderWith({ 'three.csv': 'a,b,c,label\n1,2,3,0\n' });
  symlinkSync(join(outside, 'secret.csv'), join(folder, 'link.csv'));
  const history = new PointEditHistory();
  const point = { x: 1, y: 1, label: '0' };
  for (const csvPath of ['../secret.csv', join(outside, 'secret.csv'), 'link.csv', '%2e%2e/secret.csv']) {
    const outcome = await history.add(requestFor(folder, csvPath), { label: 'label' }, point);
    assert.equal(outcome.ok, false, csvPath);
  }
  assert.equal(readFileSync(join(outside, 'secret.csv'), 'utf8'), 'x,y,label\n1,1,1\n');
  const three = await history.add(requestFor(folder, 'three.csv'), { label: 'label' }, point);
  assert.equal(three.ok, false);
  assert.match(three.message, /3 feature columns/);
  assert.equal(history.canUndo, false);
});

test('a built-in set is written exactly, under a free name beside the graph, never over an existing file', async () => {
  const context = await spiralContext();
  try {
    const { raw } = context.run.data;
    const folder = folderWith({ 'spiral-points.csv': 'mine\n', 'g.nngraph': spiralText });
    const written = writeDatasetCsv(join(folder, 'g.nngraph'), folder, 'spiral', raw);
    assert.ok(written.ok, written.ok ? '' : written.message);
    assert.equal(written.name, 'spiral-points-2.csv');
    assert.equal(readFileSync(join(folder, 'spiral-points.csv'), 'utf8'), 'mine\n');
    const text = readFileSync(join(folder, written.name), 'utf8');
    assert.equal(text, datasetCsvText(raw));
    const read = parseCsvDataset(text, { label: 'label' }, written.name);
    assert.ok('features' in read);
    assert.equal(read.sampleCount, raw.sampleCount);
    const firstDiff = raw.features.findIndex((v, i) => read.features[i] !== v);
    assert.equal(firstDiff, -1, `feature ${firstDiff}: ${raw.features[firstDiff]} read back as ${read.features[firstDiff]}`);
    assert.deepEqual(Array.from(read.labels), Array.from(raw.labels));
  } finally {
    context.run.dispose();
  }
});

test('the point messages pass the validators, and a forged one is dropped', () => {
  assert.equal(editorToHostSchema.safeParse({ type: 'editPoints', requestId: 3, edit: { kind: 'add', x: 0.5, y: -1, classIndex: 2 } }).success, true);
  assert.equal(editorToHostSchema.safeParse({ type: 'editPoints', requestId: 3, edit: { kind: 'add', x: Infinity, y: 0, classIndex: 0 } }).success, false);
  assert.equal(editorToHostSchema.safeParse({ type: 'editPoints', requestId: 3, edit: { kind: 'remove', row: -1 } }).success, false);
  assert.equal(editorToHostSchema.safeParse({ type: 'editPoints', requestId: 3, edit: { kind: 'write', path: '/etc/passwd' } }).success, false);
  assert.equal(receiveHostToEditor({ type: 'pointsEdited', requestId: 3, result: { ok: true, message: 'Added row 900', addedRow: 900, rowCount: 901, canUndo: true, canRedo: false } }).ok, true);
});
