// The streamed scan (what the editor and `nngraph check` read) and the loader (what training reads) must agree on a
// file: the same description, and the same first problem at the same line and column. Also the header-only read.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvHeaderFile, scanCsvInfoFile } from '../../../src/core/datasets/csvFile';
import { isCsvError, parseCsvDataset, readCsvInfo, type CsvColumns } from '../../../src/core/datasets/index';

const folder = mkdtempSync(join(tmpdir(), 'nngraph-scan-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const cases: { name: string; text: string; columns: CsvColumns }[] = [
  { name: 'text labels', text: 'a,b,kind\n1,2,cat\n3,4,dog\n5,6,bird\n', columns: { label: 'kind' } },
  { name: 'crlf, blank lines and a BOM', text: '\uFEFFa,b,y\r\n\r\n1,2,0\r\n3,4,1\r\n\r\n', columns: { label: 'y' } },
  { name: 'a quoted line break', text: 'a,note,y\n1,"two\nlines",0\n2,x,1\n3,y\n', columns: { label: 'y' } },
  { name: 'regression', text: 'x,y\n1,0.5\n2,-3\n', columns: { label: 'y' } },
  { name: 'an empty label', text: 'x,y\n1,0\n\n2,\n', columns: { label: 'y' } },
  { name: 'a missing column', text: 'x,y\n1,0\n', columns: { label: 'z' } },
  { name: 'chosen features', text: 'p,q,r,y\n1,2,3,4\n5,6,7,8\n', columns: { label: 'y', features: ['r', 'p'] } },
  { name: 'a header only', text: 'x,y\n', columns: { label: 'y' } },
  { name: 'an unclosed quote', text: 'x,y\n1,"0\n2,1\n', columns: { label: 'y' } },
];

for (const { name, text, columns } of cases) {
  test(`scan and loader agree: ${name}`, async () => {
    const file = join(folder, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, text);
    const fromText = readCsvInfo(text, columns, 'f.csv');
    const fromStream = await scanCsvInfoFile(file, columns, 'f.csv');
    assert.deepEqual(fromStream, fromText, 'the stream and the text give the same');
    const loaded = parseCsvDataset(text, columns, 'f.csv');
    if (isCsvError(loaded)) {
      assert.ok(isCsvError(fromText), `the loader fails (${loaded.message}), the scan does not`);
      assert.deepEqual([fromText.line, fromText.column], [loaded.line, loaded.column], `${fromText.message} / ${loaded.message}`);
      return;
    }
    assert.ok(!isCsvError(fromText), isCsvError(fromText) ? fromText.message : '');
    assert.deepEqual(
      [fromText.featureCount, fromText.classCount, fromText.sampleCount, fromText.labelKind, fromText.featureNames, fromText.classNames],
      [loaded.featureCount, loaded.classCount, loaded.sampleCount, loaded.labelKind, loaded.featureNames, loaded.classNames],
    );
  });
}

test('the header read stops at the first line break outside quotes and names the columns', async () => {
  const file = join(folder, 'header.csv');
  writeFileSync(file, '\uFEFF"first, with comma","second\nline", third\n1,2,3\n');
  assert.deepEqual(await readCsvHeaderFile(file, 'header.csv'), ['first, with comma', 'second\nline', 'third']);
  const empty = join(folder, 'empty.csv');
  writeFileSync(empty, '\n');
  const problem = await readCsvHeaderFile(empty, 'empty.csv');
  assert.ok(isCsvError(problem) && /empty/.test(problem.message));
});
