// A CSV file is loaded a chunk at a time (the CLI's train, the training worker): the rows, the data set and every
// problem (file, line:column) must be exactly what a read of the whole text gives, wherever the chunks are cut: inside
// quotes, between the CR and LF of a line end, inside a multi-byte UTF-8 character, inside the header.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { createCsvDatasetReader, createCsvFeatureRowsReader, parseCsvDataset, type CsvColumns } from '../../../src/core/datasets/index';
import { CsvRowSplitter } from '../../../src/core/datasets/csvRows';
import { loadCsvDatasetFile, loadCsvDatasetFileAsync, readCsvFileInto, readCsvFileIntoAsync, scanCsvInfoFile } from '../../../src/core/datasets/csvFile';
import { runFuzz } from '../graph/fuzz';

const folder = mkdtempSync(join(tmpdir(), 'nngraph-chunks-'));
after(() => rmSync(folder, { recursive: true, force: true }));

interface Row { fields: string[]; line: number; problem?: string }

/** The rows of `pieces` as the splitter gives them, splitting at every piece. */
function splitRows(pieces: readonly string[]): Row[] {
  const rows: Row[] = [];
  const splitter = new CsvRowSplitter((fields, line, problem) => {
    rows.push(problem === undefined ? { fields, line } : { fields, line, problem });
    return true;
  }, 1);
  for (const piece of pieces) splitter.push(piece);
  splitter.end();
  return rows;
}

/** Papaparse on the whole text at once: the rows the splitter must give, whatever the pieces. */
function wholeTextRows(text: string): { fields: string[]; problem?: string }[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: { fields: string[]; problem?: string }[] = [];
  Papa.parse<string[]>(normalized, {
    skipEmptyLines: 'greedy', newline: '\n',
    step: (result) => {
      const problem = result.errors.find((e) => e.type !== 'Delimiter')?.message;
      rows.push(problem === undefined ? { fields: result.data } : { fields: result.data, problem });
    },
  });
  return rows;
}

/** The text cut at the given offsets (sorted, in range). */
function cut(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const hard = [
  '\uFEFF"length","width","species"\r\n1.5,0.2,"set,osa"\r\n\r\n4.5,1.5,"multi\r\nline"\r\n6,7,"say ""hi"""\r\n',
  'a;b;y\n1;2;x\n3;4;z\n',
  'name,y\n"é😀 one",0\n"ü\nzwei",1\r\n  ,  \n"naïve",0',
  'a,y\n1,"unterminated\n2,0\n',
  'a,y\n1,"bad"quote,0\n2,1\n',
  'x\ty\n1\t2\r3\t4\r',
  // More than the ten rows papaparse guesses the delimiter from, with a quoted line break among them.
  `a;b;"y\n"\n${'1;2,5;x\n'.repeat(5)}1;"2\n;";z\n${'3;4;w\n'.repeat(8)}`,
];

test('the splitter gives papaparse\'s whole-text rows, cut anywhere (every single cut, and one character at a time)', () => {
  let cuts = 0;
  for (const text of hard) {
    const whole = splitRows([text]);
    assert.deepEqual(whole.map(({ fields, problem }) => (problem === undefined ? { fields } : { fields, problem })), wholeTextRows(text), text);
    for (let at = 0; at <= text.length; at++) {
      assert.deepEqual(splitRows(cut(text, [at])), whole, `cut at ${at} of ${JSON.stringify(text)}`);
      cuts++;
    }
    assert.deepEqual(splitRows([...text]), whole, `one character at a time: ${JSON.stringify(text)}`);
  }
  console.log(`csv chunks: ${hard.length} texts, ${cuts} cuts, each giving the whole text's rows`);
});

test('line numbers count quoted line breaks and every kind of line end', () => {
  const rows = splitRows(['h,y\r\n"a\r\nb",1\r\n\r\n', '2,3\r', '\n4,5']);
  assert.deepEqual(rows.map((r) => r.line), [1, 2, 5, 6]);
});

const cell = fc.constantFrom('a', '1', '2.5', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'é', '😀', '\t', '\uFEFF');
const csvText = fc.array(cell, { maxLength: 60 }).map((cells) => cells.join(''));

test('fuzz: random texts cut at random points split as the whole text does', () => {
  runFuzz('csv chunked rows', fc.property(csvText, fc.array(fc.nat(80), { maxLength: 6 }), (text, offsets) => {
    const whole = splitRows([text]);
    assert.deepEqual(whole.map(({ fields, problem }) => (problem === undefined ? { fields } : { fields, problem })), wholeTextRows(text));
    assert.deepEqual(splitRows(cut(text, offsets)), whole);
  }), 2000);
});

/** A data set of `rows` rows whose header and quoted labels hold multi-byte characters. */
function unicodeCsv(rows: number): string {
  const lines = ['"größe ½",breite,"art 🌸"'];
  for (let r = 0; r < rows; r++) lines.push(`${r * 0.5},${r % 7},"${['säge', 'blüte 🌼', 'multi\nline'][r % 3]}"`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

test('a file loaded in chunks of any size, cut inside characters, the CRLF and the header, equals the whole-text load', async () => {
  const file = join(folder, 'unicode.csv');
  writeFileSync(file, unicodeCsv(40));
  const columns: CsvColumns = { label: 'art 🌸' };
  const whole = parseCsvDataset(readFileSync(file, 'utf8'), columns, 'u.csv');
  assert.ok(!('kind' in whole), 'the whole text loads');
  assert.equal(whole.sampleCount, 40);
  for (const chunkBytes of [1, 2, 3, 5, 7, 64, 4096]) {
    assert.deepEqual(readCsvFileInto(file, createCsvDatasetReader(columns, 'u.csv', { minParseChars: 1 }), chunkBytes), whole, `sync, ${chunkBytes} bytes`);
    assert.deepEqual(await readCsvFileIntoAsync(file, createCsvDatasetReader(columns, 'u.csv', { minParseChars: 1 }), chunkBytes), whole, `async, ${chunkBytes} bytes`);
  }
  assert.deepEqual(loadCsvDatasetFile(file, columns, 'u.csv'), whole);
  assert.deepEqual(await loadCsvDatasetFileAsync(file, columns, 'u.csv'), whole);
});

const failing: { name: string; text: string; columns: CsvColumns; at: string }[] = [
  { name: 'a ragged row', text: 'a,b,y\n1,2,0\n3,1\n', columns: { label: 'y' }, at: 'f.csv:3:3' },
  { name: 'a bad number after a quoted line break', text: 'note,x,y\n"two\r\nlines",1,0\r\n"é",zwei,1\r\n', columns: { label: 'y', features: ['x'] }, at: 'f.csv:4:2' },
  { name: 'an unclosed quote after a ragged row', text: 'x,y\n1,2,3\n1,"0\n2,1\n', columns: { label: 'y' }, at: 'f.csv:3:1' },
  { name: 'a missing label column', text: 'x,z\n1,0\n', columns: { label: 'y' }, at: 'f.csv:1:1' },
  { name: 'an empty label', text: 'x,y\n1,0\n\n2,\n', columns: { label: 'y' }, at: 'f.csv:4:2' },
];

for (const { name, text, columns, at } of failing) {
  test(`the same problem at the same place, cut anywhere: ${name}`, () => {
    const whole = parseCsvDataset(text, columns, 'f.csv');
    assert.ok('kind' in whole, 'the whole text fails');
    assert.equal(`${whole.file}:${whole.line}:${whole.column}`, at, whole.message);
    for (let point = 0; point <= text.length; point++) {
      const reader = createCsvDatasetReader(columns, 'f.csv', { minParseChars: 1 });
      for (const piece of cut(text, [point])) reader.push(piece);
      assert.deepEqual(reader.finish(), whole, `cut at ${point}`);
    }
  });
}

test('the rows to predict on load the same in pieces', () => {
  const text = 'y,b,a\r\n0,"2",1\r\n1,4,3\r\n';
  const reader = createCsvFeatureRowsReader(['a', 'b'], 'p.csv', { minParseChars: 1 });
  for (const piece of text) reader.push(piece);
  assert.deepEqual(reader.finish(), { features: new Float32Array([1, 2, 3, 4]), sampleCount: 2 });
});

test('a row longer than a chunk (3 MB) costs linear time: an unfinished row is parsed again only once it has doubled', () => {
  const text = `a,y\n${'2,1\n'.repeat(20)}${'1'.repeat(3 << 20)},0\n${'2,1\n'.repeat(1000)}`;
  const rows: number[] = [];
  const splitter = new CsvRowSplitter((fields, line) => { rows.push(line); return true; });
  let pieces = 0;
  for (let at = 0; at < text.length; at += 64 * 1024, pieces++) splitter.push(text.slice(at, at + 64 * 1024));
  splitter.end();
  assert.equal(rows.length, 1022);
  // Parsing the partial row again with every 64 KiB piece would hand papaparse ~64 times the text.
  assert.ok(splitter.charsParsed < 4 * text.length, `${splitter.charsParsed} characters parsed for ${text.length}`);
  console.log(`csv chunks: a 3 MB row in ${pieces} pieces: ${(splitter.charsParsed / text.length).toFixed(2)} × the text parsed`);
});

test('a line over 4 MB stops the load with the scan\'s message, at its line, whatever the pieces', async () => {
  const file = join(folder, 'sparse.csv');
  writeFileSync(file, `a,y\r\n1,0\r\n${'0'.repeat(5 << 20)}`);
  const expected = { kind: 'csv-error', file: 's.csv', line: 3, column: 1, message: 'line 3 is longer than 4 MB; is s.csv a CSV table?' };
  assert.deepEqual(loadCsvDatasetFile(file, { label: 'y' }, 's.csv'), expected);
  assert.deepEqual(await loadCsvDatasetFileAsync(file, { label: 'y' }, 's.csv'), expected);
  assert.deepEqual(parseCsvDataset(readFileSync(file, 'utf8'), { label: 'y' }, 's.csv'), expected);
  const scanned = await scanCsvInfoFile(file, { label: 'y' }, 's.csv');
  assert.deepEqual(scanned, expected, 'the editor\'s scan says the same');
});
