// Acceptance (issue 10): large CSV files stay harmless. Over the size cap a file is refused with a message that names
// it and its size, in the command line and on the extension's CSV path (files made sparse, so nothing is written); a
// 300 MB file that is no table gets a clear message, not an out-of-memory crash; and the host's event loop stays
// free while a 50 MB CSV is described through the extension's path (measured in plain Node, as in
// test/unit/training/eventLoopDelay.test.ts, and printed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, realpathSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { analyzeWithDataset, type CsvPlace } from '../../../src/extension/editor/csvDataset';
import { removeBuiltCli, runCli, smallGraph } from '../cli/helpers';

let workspace = '';

/** A file of `sizeBytes` that starts with `head` and is a hole after it: instant, and it takes no disk space. */
function sparseFile(name: string, head: string, sizeBytes: number): void {
  const fd = openSync(join(workspace, name), 'w');
  writeSync(fd, head);
  writeSync(fd, '\0', sizeBytes - 1);
  closeSync(fd);
}

before(() => {
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'nngraph-large-')));
  sparseFile('big.csv', 'a,b,label\n1,2,0\n', 300e6);
  sparseFile('huge.csv', 'a,b,label\n1,2,0\n', 600e6);
});

after(() => {
  rmSync(workspace, { recursive: true, force: true });
  removeBuiltCli();
});

function place(maxMegabytes: number): CsvPlace {
  return { root: workspace, graphFolder: workspace, maxMegabytes };
}

function graphText(csv: string): string {
  return smallGraph({ csv, label: 'label' }, 1);
}

test('a CSV over the cap is refused with its name and size: the command line and the extension', async () => {
  const write = (name: string, text: string): string => {
    const fd = openSync(join(workspace, name), 'w');
    writeSync(fd, text);
    closeSync(fd);
    return name;
  };
  const bigGraph = write('big.nngraph', graphText('big.csv'));
  const hugeGraph = write('huge.nngraph', graphText('huge.csv'));
  const capped = runCli(['check', bigGraph, '--max-csv-mb', '256'], workspace);
  assert.equal(capped.status, 1);
  assert.match(capped.stdout, /error NG043: The CSV path "big\.csv" cannot be used: big\.csv is 300 MB, over the 256 MB limit for CSV data sets; use a smaller file or raise --max-csv-mb\./);
  const train = runCli(['train', bigGraph, '--max-csv-mb', '256'], workspace);
  assert.equal(train.status, 1);
  assert.match(train.stderr, /big\.csv is 300 MB, over the 256 MB limit/);
  const byDefault = runCli(['train', hugeGraph], workspace);
  assert.equal(byDefault.status, 1);
  assert.match(byDefault.stderr, /huge\.csv is 600 MB, over the 512 MB limit/);
  console.log(`command line: ${capped.stdout.split('\n')[0]}`);

  const extension = await analyzeWithDataset(graphText('big.csv'), place(256));
  const [diagnostic] = extension.analysis.diagnostics;
  assert.deepEqual([diagnostic?.code, diagnostic?.nodeId, diagnostic?.field], ['NG043', 'data', 'params.dataset.csv']);
  assert.match(diagnostic.message, /big\.csv is 300 MB, over the 256 MB limit for CSV data sets; use a smaller file or raise the setting nngraph\.maxCsvMegabytes\./);
  const extensionDefault = await analyzeWithDataset(graphText('huge.csv'), place(512));
  assert.match(extensionDefault.analysis.diagnostics[0]?.message ?? '', /huge\.csv is 600 MB, over the 512 MB limit/);
  console.log(`extension: ${diagnostic.message}`);
});

test('a 300 MB file under the cap that is no table gets a clear message, quickly, in the extension and `nngraph check`', async () => {
  const extension = await analyzeWithDataset(graphText('big.csv'), place(512));
  const codes = extension.analysis.diagnostics.map((d) => d.code);
  assert.deepEqual(codes, ['NG043']);
  assert.match(extension.analysis.diagnostics[0].message, /big\.csv:3:1: line 3 is longer than 4 MB; is big\.csv a CSV table\?/);
  assert.deepEqual(extension.context.csvColumns, ['a', 'b', 'label'], 'the header is still offered for the drop-down');
  const check = runCli(['check', 'big.nngraph'], workspace);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /big\.csv:3:1 - error: line 3 is longer than 4 MB/);
});

test('the host event loop stays under 100 ms while a 50 MB CSV is described through the extension\'s path', async () => {
  const rowCount = 1_000_000;
  const rows: string[] = ['x1,x2,x3,x4,label'];
  for (let r = 0; r < rowCount; r++) {
    rows.push(`${(r % 997) / 7.3},${(r % 311) * 1.25},${-(r % 53) / 3.1},${(r % 89) + 0.123456},${r % 3 === 0 ? 'cat' : r % 3 === 1 ? 'dog' : 'bird'}`);
  }
  const fd = openSync(join(workspace, 'fifty.csv'), 'w');
  writeSync(fd, `${rows.join('\n')}\n`);
  closeSync(fd);
  rows.length = 0;
  const sizeMegabytes = statSync(join(workspace, 'fifty.csv')).size / 1e6;
  assert.ok(sizeMegabytes >= 50, `${sizeMegabytes} MB`);
  const text = smallGraph({ csv: 'fifty.csv', label: 'label' }, 3);
  // The loop delay also counts time the OS gives our thread to other processes; on a shared, busy machine one window
  // can show a stall no code of ours caused, so up to three loads are measured and the best must pass.
  const delays: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const monitor = monitorEventLoopDelay({ resolution: 5 });
    monitor.enable();
    const startedAt = performance.now();
    const { analysis, context } = await analyzeWithDataset(text, place(512));
    monitor.disable();
    const seconds = (performance.now() - startedAt) / 1000;
    assert.deepEqual(analysis.diagnostics, []);
    assert.equal(context.datasetInfo?.featureCount, 4);
    assert.deepEqual(context.datasetInfo?.classNames, ['bird', 'cat', 'dog']);
    delays.push(monitor.max / 1e6);
    console.log(`attempt ${attempt + 1}: ${sizeMegabytes.toFixed(1)} MB CSV described in ${seconds.toFixed(2)} s; host event loop delay `
      + `max ${(monitor.max / 1e6).toFixed(1)} ms, p99 ${(monitor.percentile(99) / 1e6).toFixed(1)} ms`);
    if (monitor.max / 1e6 < 100) break;
    // Scans are cached by the file's modification time: a new one makes the next attempt read the file again.
    utimesSync(join(workspace, 'fifty.csv'), new Date(), new Date(Date.now() + attempt * 1000 + 1000));
  }
  const best = Math.min(...delays);
  assert.ok(best < 100, `event loop delay max ${best.toFixed(1)} ms in the best of ${delays.length} loads`);
});
