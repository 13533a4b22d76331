// `nngraph predict`: one row of probabilities per input row, from the graph's dataset or from a CSV of raw feature
// rows (scaled with the statistics of the training rows, as training scales them), and clear errors for bad input.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { removeBuiltCli, runCli, scratchFolder, smallGraph } from './helpers';

after(removeBuiltCli);

/** 6 rows with a text label; the features have different scales, so normalization matters. */
const csv = 'size,weight,kind\n1,100,cat\n2,300,dog\n3,200,cat\n4,500,dog\n5,400,cat\n6,600,dog\n';

function jsonRows(stdout: string): number[][] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as number[]);
}

test('predict on the dataset and on the same rows as --input (reordered columns, a label) gives the same numbers', () => {
  const graph = smallGraph({ csv: 'data.csv', label: 'kind' }, 1, { validationSplit: 0.5, shuffle: false });
  const folder = scratchFolder({ 'g.nngraph': graph, 'data.csv': csv, 'rows.csv': 'kind,weight,size\nx,100,1\nx,600,6\n' });
  try {
    const trained = runCli(['train', 'g.nngraph', '--save-weights', 'g.safetensors', '--quiet'], folder.dir);
    assert.equal(trained.status, 0, trained.stderr);
    const onDataset = runCli(['predict', 'g.nngraph', '--json'], folder.dir);
    assert.equal(onDataset.status, 0, onDataset.stderr);
    const all = jsonRows(onDataset.stdout);
    assert.equal(all.length, 6);
    for (const row of all) {
      assert.equal(row.length, 1);
      assert.ok(row[0] > 0 && row[0] < 1, `a probability: ${row[0]}`);
    }
    const onInput = runCli(['predict', 'g.nngraph', '--input', 'rows.csv', '--json', '--weights', 'g.safetensors'], folder.dir);
    assert.equal(onInput.status, 0, onInput.stderr);
    assert.deepEqual(jsonRows(onInput.stdout), [all[0], all[5]]);
    const text = runCli(['predict', 'g.nngraph', '--input', 'rows.csv'], folder.dir);
    assert.deepEqual(text.stdout.trim().split('\n'), ['p(dog)', String(all[0][0]), String(all[5][0])]);
  } finally {
    folder.remove();
  }
});

test('predict: a categorical model gives one probability per class, summing to 1', () => {
  const folder = scratchFolder({ 'g.nngraph': smallGraph({ builtin: 'iris' }, 3) });
  try {
    assert.equal(runCli(['train', 'g.nngraph', '--save-weights', 'g.safetensors', '--quiet'], folder.dir).status, 0);
    const result = runCli(['predict', 'g.nngraph', '--json'], folder.dir);
    const rows = jsonRows(result.stdout);
    assert.equal(rows.length, 150);
    for (const row of rows) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  } finally {
    folder.remove();
  }
});

test('predict: bad input is reported with the file, line and column, or says what to do', () => {
  const graph = smallGraph({ csv: 'data.csv', label: 'kind' }, 1);
  const folder = scratchFolder({
    'g.nngraph': graph, 'data.csv': csv, 'bad.csv': 'size,weight\n1,2\n3,heavy\n', 'short.csv': 'size\n1\n', 'ragged.csv': 'size,weight\n1\n',
  });
  try {
    const noWeights = runCli(['predict', 'g.nngraph'], folder.dir);
    assert.equal(noWeights.status, 1);
    assert.match(noWeights.stderr, /no trained weights for g\.nngraph: .*g\.safetensors does not exist; pass --weights F/);
    assert.equal(runCli(['train', 'g.nngraph', '--save-weights', 'g.safetensors', '--quiet'], folder.dir).status, 0);
    const cases: Array<[string, RegExp]> = [
      ['bad.csv', /^bad\.csv:3:2 - error: feature 'weight' 'heavy' is not a number/m],
      ['short.csv', /^short\.csv:1:1 - error: no feature column 'weight'/m],
      ['ragged.csv', /^ragged\.csv:2:2 - error: line 2 has 1 values but the header has 2 columns/m],
      ['missing.csv', /cannot read the input 'missing\.csv'/],
    ];
    for (const [input, expected] of cases) {
      const result = runCli(['predict', 'g.nngraph', '--input', input], folder.dir);
      assert.equal(result.status, 1, input);
      assert.match(result.stderr, expected);
      assert.equal(result.stdout, '');
    }
    const wrongWeights = runCli(['predict', 'g.nngraph', '--weights', join('nowhere', 'w.safetensors')], folder.dir);
    assert.equal(wrongWeights.status, 1);
    assert.match(wrongWeights.stderr, /w\.safetensors/);
  } finally {
    folder.remove();
  }
});
