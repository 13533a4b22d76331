// Acceptance (issue 10): hostile CSV paths in a .nngraph file are refused with NG028 on the input node, by the command
// line (as a process) and by the extension's own CSV path (readDatasetContext: what the editor's drop-down, the
// Problems panel and Train use), and nothing outside the workspace is opened or stat'ed on the extension's path.
import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWithDataset, readDatasetContext, type CsvPlace } from '../../../src/extension/editor/csvDataset';
import { removeBuiltCli, runCli, smallGraph } from '../cli/helpers';

/** The outside file holds a column name that must never show up anywhere: not in a message, not in a drop-down. */
const SECRET = 'SECRETCOLUMN';
const secretCsv = `${SECRET},label\n1,0\n2,1\n3,0\n4,1\n`;

let base = '';
let workspace = '';
let outside = '';

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'nngraph-hostile-')));
  workspace = join(base, 'workspace');
  outside = join(base, 'outside');
  mkdirSync(join(workspace, 'data'), { recursive: true });
  mkdirSync(join(workspace, 'sub'));
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.csv'), secretCsv);
  writeFileSync(join(workspace, 'ok.csv'), 'a,b,label\n1,2,0\n3,4,1\n');
  symlinkSync(join(outside, 'secret.csv'), join(workspace, 'link.csv'));
  symlinkSync('../outside/secret.csv', join(workspace, 'rel-link.csv'));
  symlinkSync('link.csv', join(workspace, 'chain.csv'));
  symlinkSync(outside, join(workspace, 'linked-dir'));
  symlinkSync('../../outside/secret.csv', join(workspace, 'data', 'deep-link.csv'));
  symlinkSync('./ok.csv', join(workspace, 'inside-link.csv'));
});

after(() => {
  rmSync(base, { recursive: true, force: true });
  removeBuiltCli();
});

/** Paths a .nngraph file at the workspace's top may name; every one must be refused as leading outside (NG028). */
const hostilePaths: readonly string[] = [
  '/etc/passwd',
  '../../../../../../etc/passwd',
  '../../../../proc/self/environ',
  '/proc/self/environ',
  '../outside/secret.csv',
  'data/../../outside/secret.csv',
  './../outside/secret.csv',
  'data/./../../../etc/passwd',
  '..',
  '%2e%2e/outside/secret.csv',
  '%2E%2E%2Foutside%2Fsecret.csv',
  '..%2foutside%2fsecret.csv',
  '.%2e/outside/secret.csv',
  '%252e%252e/outside/secret.csv',
  'data%5c..%5c..%5coutside%5csecret.csv',
  'ok.csv\u0000../outside/secret.csv',
  'ok.csv\n',
  '..\\outside\\secret.csv',
  'data\\..\\..\\outside\\secret.csv',
  '\\\\localhost\\share\\secret.csv',
  'C:\\Windows\\win.ini',
  'c:/outside/secret.csv',
  'file:///etc/passwd',
  'link.csv',
  'rel-link.csv',
  'chain.csv',
  'linked-dir/secret.csv',
  'data/deep-link.csv',
  'linked-dir/../link.csv',
];

function place(graphFolder = workspace): CsvPlace {
  return { root: workspace, graphFolder, maxMegabytes: 512 };
}

function graphText(csv: string): string {
  return smallGraph({ csv, label: 'label' }, 1);
}

test(`the extension's CSV path refuses ${hostilePaths.length} hostile paths with NG028, opening nothing outside`, async () => {
  const touched: string[] = [];
  // Wraps a file-system function so that every path it is given is recorded, then calls the real one.
  const spyOn = <T extends object>(target: T, name: keyof T & string): { mock: { restore(): void } } => {
    const original = target[name] as unknown as (...args: unknown[]) => unknown;
    const replacement = function spied(this: unknown, ...args: unknown[]): unknown {
      touched.push(String(args[0]));
      return Reflect.apply(original, this, args);
    };
    const method = mock.method.bind(mock) as unknown as (object: object, methodName: string, implementation: unknown) => { mock: { restore(): void } };
    return method(target, name, replacement);
  };
  const spies = [spyOn(fs, 'open'), spyOn(fsPromises, 'open'), spyOn(fsPromises, 'stat'), spyOn(fsPromises, 'readFile')];
  try {
    for (const path of hostilePaths) {
      const { analysis, context } = await analyzeWithDataset(graphText(path), place());
      const found = analysis.diagnostics.map((d) => [d.code, d.nodeId, d.field]);
      assert.deepEqual(found, [['NG028', 'data', 'params.dataset.csv']], `${JSON.stringify(path)}: ${JSON.stringify(analysis.diagnostics)}`);
      assert.equal(context.csvColumns, undefined, JSON.stringify(path));
      assert.equal(context.datasetInfo, undefined, JSON.stringify(path));
      assert.ok(!JSON.stringify(context).includes(SECRET), JSON.stringify(path));
    }
    // The same harness reads a file inside the workspace, also through a link that stays inside: the refusals above
    // are the rule's, not a reader that reads nothing.
    for (const path of ['ok.csv', 'inside-link.csv', 'data/../ok.csv']) {
      const context = await readDatasetContext(graphText(path), place());
      assert.equal(context.datasetProblem, undefined, `${path}: ${JSON.stringify(context.datasetProblem)}`);
      assert.deepEqual(context.csvColumns, ['a', 'b', 'label']);
      assert.equal(context.datasetInfo?.featureCount, 2);
    }
  } finally {
    for (const spy of spies) spy.mock.restore();
  }
  assert.ok(touched.some((path) => path.endsWith('ok.csv')), 'the spies see the files that are read');
  const outsideTouched = touched.filter((path) => path.startsWith(outside) || path.startsWith('/etc') || path.startsWith('/proc'));
  assert.deepEqual(outsideTouched, [], 'nothing outside the workspace is opened or stat\'ed');
  console.log(`extension's CSV path: ${hostilePaths.length} hostile paths tried, all refused with NG028; `
    + `${touched.length} file opens/stats, none outside the workspace`);
});

test(`the command line refuses the same ${hostilePaths.length} hostile paths with NG028`, () => {
  const files = hostilePaths.map((path, index) => {
    const file = `hostile-${index}.nngraph`;
    writeFileSync(join(workspace, file), graphText(path));
    return file;
  });
  const result = runCli(['check', ...files], workspace);
  assert.equal(result.status, 1);
  assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET), 'no outside content in the output');
  hostilePaths.forEach((path, index) => {
    const lines = result.stdout.split('\n').filter((line) => line.startsWith(`${files[index]}:`));
    assert.deepEqual(lines.map((line) => /error (NG\d{3})/.exec(line)?.[1]), ['NG028'], `${JSON.stringify(path)}:\n${lines.join('\n')}`);
  });
  const train = runCli(['train', files[hostilePaths.indexOf('link.csv')]], workspace);
  assert.equal(train.status, 1);
  assert.match(train.stderr, /error NG028: The CSV path "link\.csv" is a link that leads outside the workspace/);
  console.log(`command line: ${hostilePaths.length} hostile paths tried, all refused with NG028`);
});

test('--root widens the workspace for a graph in a subfolder, and the extension does the same for its workspace folder', async () => {
  writeFileSync(join(workspace, 'sub', 'up.nngraph'), graphText('../ok.csv'));
  writeFileSync(join(workspace, 'sub', 'out.nngraph'), graphText('../../outside/secret.csv'));
  const alone = runCli(['check', 'sub/up.nngraph'], workspace);
  assert.match(alone.stdout, /error NG028: The CSV path "\.\.\/ok\.csv" leads outside the workspace/, 'by default the root is the graph\'s folder');
  const rooted = runCli(['check', 'sub/up.nngraph', '--root', '.'], workspace);
  assert.equal(rooted.status, 0, rooted.stdout);
  const escaping = runCli(['check', 'sub/out.nngraph', '--root', '.'], workspace);
  assert.match(escaping.stdout, /error NG028/);
  const inside = await readDatasetContext(graphText('../ok.csv'), place(join(workspace, 'sub')));
  assert.deepEqual(inside.csvColumns, ['a', 'b', 'label']);
  assert.equal(inside.workspaceDepth, 1);
  const out = await analyzeWithDataset(graphText('../../outside/secret.csv'), place(join(workspace, 'sub')));
  assert.deepEqual(out.analysis.diagnostics.map((d) => d.code), ['NG028']);
});
