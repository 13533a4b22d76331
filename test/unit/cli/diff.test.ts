// `nngraph diff` as a process: what it prints, its JSON, and its exit codes (0 same, 1 different, 2 unreadable).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { removeBuiltCli, runCli, scratchFolder, smallGraph } from './helpers';

after(removeBuiltCli);

const base = smallGraph({ builtin: 'moons' }, 1);

function withFiles(files: Record<string, string>, body: (path: (name: string) => string) => void): void {
  const folder = scratchFolder(files);
  try {
    body((name) => join(folder.dir, name));
  } finally {
    folder.remove();
  }
}

/** A text edit that must apply exactly once, so a changed helper graph cannot silently void a test. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, to);
}

test('diff: the same network exits 0, also when moved, reordered and renamed', () => {
  const graph = JSON.parse(base) as { nodes: Array<{ id: string; position: { x: number } }>; edges: Array<{ from: string; to: string }> };
  graph.nodes.reverse();
  graph.nodes[0].position.x += 50;
  const renamed = JSON.stringify(graph).replaceAll('"hidden', '"encoder');
  withFiles({ 'a.nngraph': base, 'b.nngraph': renamed }, (path) => {
    const result = runCli(['diff', path('a.nngraph'), path('b.nngraph')]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^= renamed hidden → encoder \(same node\)$/m);
    assert.match(result.stdout, /^No changes to the network\. \(1 id renamed; 1 move ignored/m);
    const withPositions = runCli(['diff', '--positions', path('a.nngraph'), path('b.nngraph')]);
    assert.equal(withPositions.status, 1);
    assert.match(withPositions.stdout, /^~ moved loss: \(1000, 0\) → \(1050, 0\)$/m);
  });
});

test('diff: changed parameters, an added node and training print old → new and exit 1', () => {
  let changed = edit(base, '"units": 8', '"units": 16');
  changed = edit(changed, '"epochs": 3', '"epochs": 5');
  changed = edit(changed, '{\n      "from": "hidden.out",\n      "to": "relu.in"\n    }',
    '{ "from": "hidden.out", "to": "drop.in" }, { "from": "drop.out", "to": "relu.in" }');
  changed = edit(changed, '"nodes": [', '"nodes": [ { "id": "drop", "type": "dropout", "position": { "x": 300, "y": 100 }, "params": { "rate": 0.25 } },');
  withFiles({ 'a.nngraph': base, 'b.nngraph': changed }, (path) => {
    const result = runCli(['diff', path('a.nngraph'), path('b.nngraph')]);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, [
      '~ node hidden (dense)', '    units: 8 → 16',
      '+ node drop (dropout) rate: 0.25',
      '+ edge hidden.out → drop.in', '+ edge drop.out → relu.in', '- edge hidden.out → relu.in',
      '~ training', '    epochs: 3 → 5',
      'Changes: 1 node changed, 1 node added, 2 edges added, 1 edge removed, 1 training setting changed.', '',
    ].join('\n'));
    const json = runCli(['diff', '--json', path('a.nngraph'), path('b.nngraph')]);
    assert.equal(json.status, 1);
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.equal(report.differs, true);
    assert.deepEqual(report.changed, [{ beforeId: 'hidden', afterId: 'hidden', type: 'dense', changes: [{ path: 'units', before: 8, after: 16 }] }]);
    assert.deepEqual(report.training, [{ path: 'epochs', before: 3, after: 5 }]);
    assert.equal(report.moved, undefined);
    assert.equal(JSON.parse(runCli(['diff', '--json', path('a.nngraph'), path('a.nngraph')]).stdout).differs, false);
  });
});

test('diff: a file that cannot be read exits 2 with file:line:col, and usage errors exit 2', () => {
  const broken = edit(base, '"units": 8', '"units": 8,,');
  const line = broken.split('\n').findIndex((text) => text.includes('"units": 8,,')) + 1;
  withFiles({ 'a.nngraph': base, 'bad.nngraph': broken }, (path) => {
    const bad = runCli(['diff', path('a.nngraph'), path('bad.nngraph')]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, new RegExp(`^${path('bad.nngraph').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+ - error NG001: `, 'm'));
    assert.match(bad.stderr, /cannot compare: '.*bad\.nngraph' is not a readable \.nngraph file/);
    const missing = runCli(['diff', path('missing.nngraph'), path('a.nngraph')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read '.*missing\.nngraph': no such file/);
  });
  assert.equal(runCli(['diff', 'one.nngraph']).status, 2);
  assert.match(runCli(['diff', 'a', 'b', '--frob']).stderr, /unknown option '--frob' for diff/);
  assert.match(runCli(['diff', '--help']).stdout, /Usage: nngraph diff A B \[--json\] \[--positions\]/);
});
