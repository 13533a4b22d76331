// Round trip (issue 13): a graph trained and exported to ONNX by nngraph, imported back with its dataset, is the same
// file, byte for byte with positions aside, with the same weights, and exporting the import again gives the same ONNX
// bytes. The graphs are written in the canonical layout the importer writes (node and edge order, the training
// settings of a new graph), since ONNX carries neither a layout nor training settings nor a dense layer's `init`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/index';
import { formatGraphText, GRAPH_TEMPLATES, type JsonObject, type JsonValue } from '../../../src/graph/index';
import { removeBuiltCli, runCli, scratchFolder } from '../cli/helpers';

after(removeBuiltCli);

type Layer = [id: string, type: string, params: JsonObject, inputs: string[]];

/** A graph as the importer writes one: input `data`, the layers in order, the loss `loss`, edges layer by layer. */
function canonicalGraph(name: string, inputParams: JsonObject, layers: Layer[], loss: [type: string, params: JsonObject]): string {
  const node = (id: string, type: string, params: JsonObject): JsonValue => ({ id, type, position: { x: 0, y: 0 }, params });
  const edges: JsonValue[] = [];
  for (const [id, type, , inputs] of layers) {
    const ports = type === 'add' || type === 'concat' ? ['a', 'b'] : ['in'];
    inputs.forEach((from, position) => edges.push({ from: from === 'data' ? 'data.features' : `${from}.out`, to: `${id}.${ports[position]}` }));
  }
  edges.push({ from: `${layers[layers.length - 1][0]}.out`, to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' });
  const training = GRAPH_TEMPLATES.find((template) => template.id === 'blank')?.build().training ?? {};
  return formatGraphText({
    format: 'nngraph', version: 1, name,
    nodes: [node('data', 'input', inputParams), ...layers.map(([id, type, params]) => node(id, type, params)), node('loss', loss[0], loss[1])],
    edges, training,
  });
}

const graphs: Record<string, { text: string; dataset: JsonObject }> = {
  'iris, standard scaling, every parametrized activation, a layer without bias': {
    dataset: { builtin: 'iris' },
    text: canonicalGraph('iris round trip', { dataset: { builtin: 'iris' } }, [
      ['hidden', 'dense', { units: 8 }, ['data']], ['leaky', 'activation', { fn: 'leaky_relu', alpha: 0.2 }, ['hidden']],
      ['nobias', 'dense', { units: 6, useBias: false }, ['leaky']], ['elu', 'activation', { fn: 'elu', alpha: 0.7 }, ['nobias']],
      ['more', 'dense', { units: 5 }, ['elu']], ['soft', 'activation', { fn: 'softplus' }, ['more']],
      ['logits', 'dense', { units: 3 }, ['soft']], ['probs', 'activation', { fn: 'softmax' }, ['logits']],
    ], ['cross-entropy', { mode: 'categorical' }]),
  },
  'moons, min-max scaling, add and concat, gelu and tanh': {
    dataset: { builtin: 'moons', samples: 300, noise: 0.2 },
    text: canonicalGraph('a DAG with add and concat', { dataset: { builtin: 'moons', samples: 300, noise: 0.2 }, normalize: 'minmax' }, [
      ['a', 'dense', { units: 6 }, ['data']], ['act', 'activation', { fn: 'tanh' }, ['a']], ['b', 'dense', { units: 6 }, ['act']],
      ['sum', 'add', {}, ['b', 'act']], ['gelu', 'activation', { fn: 'gelu' }, ['sum']], ['join', 'concat', {}, ['gelu', 'a']],
      ['out', 'dense', { units: 1 }, ['join']], ['prob', 'activation', { fn: 'sigmoid' }, ['out']],
    ], ['cross-entropy', { mode: 'binary' }]),
  },
  'wine, no scaling, a linear activation, mse': {
    dataset: { builtin: 'wine' },
    text: canonicalGraph('regression on wine', { dataset: { builtin: 'wine' }, normalize: 'none' }, [
      ['hidden', 'dense', { units: 4 }, ['data']], ['relu', 'activation', { fn: 'relu' }, ['hidden']],
      ['out', 'dense', { units: 1 }, ['relu']], ['same', 'activation', { fn: 'linear' }, ['out']],
    ], ['mse', {}]),
  },
};

function cli(args: readonly string[], cwd: string): string {
  const result = runCli(args, cwd);
  assert.equal(result.status, 0, `nngraph ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout + result.stderr;
}

const withoutPositions = (text: string): string => text.replace(/"position": \{[^}]*\}/g, '"position": {}');

function tensorsOf(path: string): Array<[string, number[], number[]]> {
  return readSafetensors(new Uint8Array(readFileSync(path))).tensors.map((tensor) => [tensor.name, tensor.shape, Array.from(tensor.data)]);
}

for (const [label, { text, dataset }] of Object.entries(graphs)) {
  test(`round trip: export → import → export on ${label}`, () => {
    const folder = scratchFolder({ 'g.nngraph': text });
    try {
      const { dir } = folder;
      cli(['check', 'g.nngraph'], dir);
      cli(['train', 'g.nngraph', '--epochs', '2', '--save-weights', 'g.safetensors', '--quiet'], dir);
      cli(['export', 'g.nngraph', '--to', 'onnx'], dir);
      mkdirSync(join(dir, 'back'));
      cli(['import', 'g.onnx', '-o', 'back/g.nngraph', '--dataset', JSON.stringify(dataset)], dir);
      const imported = readFileSync(join(dir, 'back', 'g.nngraph'), 'utf8');
      assert.equal(withoutPositions(imported), withoutPositions(text), 'the imported graph differs from the exported one');
      assert.notEqual(imported, text, 'the import is laid out by the auto-layout');
      assert.deepEqual(tensorsOf(join(dir, 'back', 'g.safetensors')), tensorsOf(join(dir, 'g.safetensors')), 'the weights differ');
      cli(['export', 'back/g.nngraph', '--to', 'onnx'], dir);
      assert.deepEqual(readFileSync(join(dir, 'back', 'g.onnx')), readFileSync(join(dir, 'g.onnx')), 'the second export differs from the first');
    } finally {
      folder.remove();
    }
  });
}

test('import with a dataset of other statistics: the scaling is folded into the first layer, and predictions stay within 1e-5', () => {
  const { text } = graphs['iris, standard scaling, every parametrized activation, a layer without bias'];
  const folder = scratchFolder({ 'g.nngraph': text });
  try {
    const { dir } = folder;
    cli(['train', 'g.nngraph', '--epochs', '2', '--save-weights', 'g.safetensors', '--quiet'], dir);
    cli(['export', 'g.nngraph', '--to', 'onnx'], dir);
    cli(['export', 'g.nngraph', '--to', 'pytorch', '-o', 'g.py'], dir); // writes iris' raw rows as g.data.csv
    // Every other row of iris: three classes still, but other means and deviations than the training rows had.
    const lines = readFileSync(join(dir, 'g.data.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'half.csv'), `${lines.filter((_, index) => index % 2 === 0).join('\n')}\n`);
    const said = cli(['import', 'g.onnx', '-o', 'folded.nngraph', '--dataset', JSON.stringify({ csv: 'half.csv', label: 'label' })], dir);
    assert.match(said, /folded into the weights of "hidden"/);
    const folded = readFileSync(join(dir, 'folded.nngraph'), 'utf8');
    assert.match(folded, /"normalize": "none"/);
    const rows = (file: string): number[][] => {
      const result = runCli(['predict', file, '--input', 'g.data.csv', '--json'], dir);
      assert.equal(result.status, 0, result.stderr);
      return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as number[]);
    };
    const original = rows('g.nngraph');
    const imported = rows('folded.nngraph');
    assert.equal(imported.length, 150);
    let largest = 0;
    original.forEach((row, r) => row.forEach((value, c) => { largest = Math.max(largest, Math.abs(value - imported[r][c])); }));
    console.log(`folded scaling: largest difference over iris ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-5, `differs by ${largest}`);
  } finally {
    folder.remove();
  }
});
