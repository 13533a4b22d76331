// Acceptance of issue 15's headless part: `nngraph explain --json` matches PyTorch autograd (float64, from the same
// safetensors weights and the same normalized row) within 1e-5 on every example, a DAG with add and concat, every
// other activation with dropout and logits, and an mse regression. The reference (explainReference.py) rebuilds each
// graph from its JSON on its own. Each graph is trained for one epoch first, so the weights are not the initial ones.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { torchPython, pythonSupportDir } from '../../support/python';
import { removeBuiltCli, runCli, scratchFolder } from '../cli/helpers';
import { checkedGraphs, featuresGraph } from './exportGraphs';

after(removeBuiltCli);

const TOLERANCE = 1e-5;

const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });

/** iris through leaky_relu, dropout, a dense without bias, elu, softplus, a softmax inside, linear, into logits. */
function activationsGraph(): string {
  const chain = [
    node('data', 'input', { dataset: { builtin: 'iris' } }), node('d1', 'dense', { units: 8 }), node('leaky', 'activation', { fn: 'leaky_relu', alpha: 0.2 }),
    node('drop', 'dropout', { rate: 0.3 }), node('d2', 'dense', { units: 8, useBias: false }), node('elu', 'activation', { fn: 'elu', alpha: 0.7 }),
    node('d3', 'dense', { units: 8 }), node('softplus', 'activation', { fn: 'softplus' }), node('d4', 'dense', { units: 6 }),
    node('soft', 'activation', { fn: 'softmax' }), node('d5', 'dense', { units: 3 }), node('lin', 'activation', { fn: 'linear' }),
    node('loss', 'cross-entropy', { mode: 'categorical', fromLogits: true }),
  ];
  const edges = chain.slice(1, -1).map((next, i) => ({ from: `${chain[i].id}.${i === 0 ? 'features' : 'out'}`, to: `${next.id}.in` }));
  edges.push({ from: 'lin.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' });
  return JSON.stringify({ format: 'nngraph', version: 1, name: 'every activation', nodes: chain, edges, training: { epochs: 1, seed: 3 } });
}

/** A CSV regression (real labels) with an mse loss, standard scaling. */
function regression(): { graph: string; csv: string } {
  const rows = ['a,b,target'];
  for (let i = 0; i < 40; i++) rows.push(`${(i * 0.37) % 5},${100 + ((i * 13) % 17)},${((i * 0.37) % 5) * 0.5 - 1 + (i % 3) * 0.1}`);
  const graph = JSON.stringify({
    format: 'nngraph', version: 1, name: 'regression',
    nodes: [
      node('data', 'input', { dataset: { csv: 'data.csv', label: 'target' }, normalize: 'standard' }),
      node('h', 'dense', { units: 5 }), node('t', 'activation', { fn: 'tanh' }), node('o', 'dense', { units: 1 }), node('loss', 'mse'),
    ],
    edges: [
      { from: 'data.features', to: 'h.in' }, { from: 'h.out', to: 't.in' }, { from: 't.out', to: 'o.in' },
      { from: 'o.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: { epochs: 1, batchSize: 8, seed: 5, validationSplit: 0.25 },
  });
  return { graph, csv: `${rows.join('\n')}\n` };
}

type Nested = number | Nested[];
interface NodeValues { output: Nested; outputGrad: Nested; paramGrads?: { kernel: Nested; bias?: Nested } }
interface Explained { sample: number; rows: number; features: number[]; label: number | number[]; loss: number; weights: { source: string }; nodes: Record<string, NodeValues> }

/** Largest |ours − theirs| / max(1, |theirs|) over two tensors of the same nested shape; throws on a shape mismatch. */
function difference(ours: Nested, theirs: Nested, where: string): number {
  if (typeof theirs === 'number') {
    assert.equal(typeof ours, 'number', `${where}: a number in PyTorch, ${JSON.stringify(ours)} in ours`);
    return Math.abs((ours as number) - theirs) / Math.max(1, Math.abs(theirs));
  }
  assert.ok(Array.isArray(ours) && ours.length === theirs.length, `${where}: length ${theirs.length} in PyTorch`);
  return theirs.reduce<number>((max, value, i) => Math.max(max, difference((ours as Nested[])[i], value, `${where}[${i}]`)), 0);
}

test('nngraph explain --json matches PyTorch autograd (float64, same weights, same normalized row) within 1e-5', () => {
  const { graph: regressionGraph, csv } = regression();
  const graphs = [...checkedGraphs(), { name: 'every activation', text: activationsGraph() }, { name: 'mse regression', text: regressionGraph }, { name: 'features DAG', text: featuresGraph() }];
  const folder = scratchFolder({ 'data.csv': csv });
  try {
    const cases: Array<{ graph: string; weights: string; features: number[]; label: number | number[] }> = [];
    const explained: Array<{ name: string; ours: Explained }> = [];
    graphs.forEach(({ name, text }, g) => {
      const file = `g${g}.nngraph`;
      writeFileSync(join(folder.dir, file), text);
      const trained = runCli(['train', file, '--epochs', '1', '--save-weights', `g${g}.safetensors`, '--quiet'], folder.dir);
      assert.equal(trained.status, 0, `${name}: ${trained.stderr}`);
      const explainRow = (row: number): Explained => {
        const result = runCli(['explain', file, '--sample', String(row), '--json'], folder.dir);
        assert.equal(result.status, 0, `${name}: ${result.stderr}`);
        return JSON.parse(result.stdout) as Explained;
      };
      const first = explainRow(0);
      for (const ours of [first, explainRow(first.rows - 1)]) {
        assert.equal(ours.weights.source, 'file', `${name}: the weights beside the graph are used`);
        cases.push({ graph: join(folder.dir, file), weights: join(folder.dir, `g${g}.safetensors`), features: ours.features, label: ours.label });
        explained.push({ name: `${name}, row ${ours.sample}`, ours });
      }
    });
    writeFileSync(join(folder.dir, 'cases.json'), JSON.stringify(cases));
    const reference = spawnSync(torchPython(), [join(__dirname, 'explainReference.py'), join(folder.dir, 'cases.json')], {
      encoding: 'utf8', env: { ...process.env, PYTHONPATH: pythonSupportDir },
    });
    assert.equal(reference.status, 0, reference.stderr);
    const theirs = reference.stdout.trim().split('\n').map((line) => JSON.parse(line) as { loss: number; nodes: Record<string, NodeValues> });
    assert.equal(theirs.length, explained.length);
    let worst = 0;
    explained.forEach(({ name, ours }, i) => {
      const torch = theirs[i];
      assert.deepEqual(Object.keys(ours.nodes).sort(), Object.keys(torch.nodes).sort(), `${name}: the same nodes`);
      let largest = difference(ours.loss, torch.loss, `${name} loss`);
      for (const [id, values] of Object.entries(torch.nodes)) {
        const mine = ours.nodes[id];
        largest = Math.max(largest, difference(mine.output, values.output, `${name} ${id}.output`), difference(mine.outputGrad, values.outputGrad, `${name} ${id}.outputGrad`));
        assert.equal(mine.paramGrads === undefined, values.paramGrads === undefined, `${name} ${id}: weight gradients on dense nodes only`);
        if (values.paramGrads && mine.paramGrads) {
          largest = Math.max(largest, difference(mine.paramGrads.kernel, values.paramGrads.kernel, `${name} ${id}.kernel`));
          assert.equal(mine.paramGrads.bias === undefined, values.paramGrads.bias === undefined, `${name} ${id}: a bias gradient when it has a bias`);
          if (values.paramGrads.bias !== undefined) largest = Math.max(largest, difference(mine.paramGrads.bias ?? [], values.paramGrads.bias, `${name} ${id}.bias`));
        }
      }
      assert.ok(largest <= TOLERANCE, `${name}: largest difference from PyTorch ${largest}`);
      worst = Math.max(worst, largest);
    });
    console.log(`explain vs PyTorch autograd on ${explained.length} samples of ${graphs.length} graphs: largest difference ${worst.toExponential(2)} (relative above 1, absolute below)`);
  } finally {
    folder.remove();
  }
});
