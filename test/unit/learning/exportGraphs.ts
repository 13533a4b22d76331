// The graphs every export is checked on (the examples and a DAG with add and concat), and what an exported program
// must contain for a graph, read from the graph's JSON on its own (not from the compiler the exporters use): the
// layers as framework-neutral words, the loss and whether it reads logits, and the optimizer with its defaults.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OPTIMIZERS, type OptimizerType } from '../../../src/graph/index';
import { root } from '../cli/helpers';

/** Every example in examples/, by name: a new example is checked by every exporter without being listed here. */
export const EXAMPLES: readonly string[] = readdirSync(join(root, 'examples'))
  .filter((file) => file.endsWith('.nngraph')).map((file) => file.slice(0, -'.nngraph'.length)).sort();

export function exampleText(name: string): string {
  return readFileSync(join(root, 'examples', `${name}.nngraph`), 'utf8');
}

/** moons → dense(6) tanh ─┬─ dense(6) ─ add(with tanh) ─ concat(with dense a) ─ dense(1) sigmoid → binary loss. */
export function dagGraph(): string {
  const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });
  return JSON.stringify({
    format: 'nngraph', version: 1, name: 'a DAG with add and concat',
    nodes: [
      node('data', 'input', { dataset: { builtin: 'moons', samples: 300, noise: 0.2 }, normalize: 'minmax' }),
      node('a', 'dense', { units: 6, init: 'he_normal' }), node('act', 'activation', { fn: 'tanh' }),
      node('b', 'dense', { units: 6, init: 'glorot_normal' }), node('sum', 'add'), node('gelu', 'activation', { fn: 'gelu' }),
      node('join', 'concat'), node('out', 'dense', { units: 1 }), node('prob', 'activation', { fn: 'sigmoid' }),
      node('loss', 'cross-entropy', { mode: 'binary' }),
    ],
    edges: [
      { from: 'data.features', to: 'a.in' }, { from: 'a.out', to: 'act.in' }, { from: 'act.out', to: 'b.in' },
      { from: 'b.out', to: 'sum.a' }, { from: 'act.out', to: 'sum.b' }, { from: 'sum.out', to: 'gelu.in' },
      { from: 'gelu.out', to: 'join.a' }, { from: 'a.out', to: 'join.b' }, { from: 'join.out', to: 'out.in' },
      { from: 'out.out', to: 'prob.in' }, { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: { optimizer: { type: 'rmsprop', learningRate: 0.01, momentum: 0.5 }, epochs: 5, batchSize: 20, seed: 9, validationSplit: 0.25, shuffle: false, metrics: ['accuracy'] },
  });
}

/** The DAG with Keras' kernel regularizers: l1 on `a`, l2 on `b`, both on `out` (what the exports must carry). */
export function regularizedGraph(): string {
  const graph = JSON.parse(dagGraph()) as { name: string; nodes: Array<{ id: string; params: Record<string, unknown> }> };
  graph.name = 'a regularized DAG';
  const rates: Record<string, Record<string, number>> = { a: { l1: 0.002 }, b: { l2: 0.03 }, out: { l1: 0.001, l2: 0.02 } };
  for (const node of graph.nodes) Object.assign(node.params, rates[node.id] ?? {});
  return JSON.stringify(graph);
}

/**
 * iris (4 columns: 6 pairs) → features(all four groups, listed out of order) → dense(4) tanh → features(x, product)
 * → dense(3) softmax → categorical loss: the second features node sits after a layer, so its backward matters.
 */
export function featuresGraph(): string {
  const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });
  return JSON.stringify({
    format: 'nngraph', version: 1, name: 'derived features, twice',
    nodes: [
      node('data', 'input', { dataset: { builtin: 'iris' } }),
      node('derived', 'features', { include: ['sin', 'x', 'product', 'square'] }),
      node('hidden', 'dense', { units: 4 }), node('act', 'activation', { fn: 'tanh' }),
      node('crossed', 'features', { include: ['x', 'product'] }),
      node('logits', 'dense', { units: 3 }), node('softmax', 'activation', { fn: 'softmax' }),
      node('loss', 'cross-entropy', { mode: 'categorical' }),
    ],
    edges: [
      { from: 'data.features', to: 'derived.in' }, { from: 'derived.out', to: 'hidden.in' }, { from: 'hidden.out', to: 'act.in' },
      { from: 'act.out', to: 'crossed.in' }, { from: 'crossed.out', to: 'logits.in' }, { from: 'logits.out', to: 'softmax.in' },
      { from: 'softmax.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: { optimizer: { type: 'adam', learningRate: 0.02 }, epochs: 5, batchSize: 16, seed: 3, validationSplit: 0.2, shuffle: false, metrics: ['accuracy'] },
  });
}

/**
 * iris through dense nodes with their own activation (Keras' Dense(activation=…)): relu, leaky_relu (no Keras name:
 * a layer of its own there), tanh, then softmax into categorical cross-entropy. `deadBranch` adds a dense node that
 * reads h1 and feeds nothing: a warning, left out of training and of every export.
 */
export function denseActivationGraph(deadBranch = false): string {
  const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });
  const nodes = [
    node('data', 'input', { dataset: { builtin: 'iris' } }),
    node('h1', 'dense', { units: 8, activation: 'relu' }), node('h2', 'dense', { units: 8, activation: 'leaky_relu' }),
    node('h3', 'dense', { units: 6, activation: 'tanh', useBias: false }), node('probs', 'dense', { units: 3, activation: 'softmax' }),
    node('loss', 'cross-entropy', { mode: 'categorical' }),
  ];
  const edges = [
    { from: 'data.features', to: 'h1.in' }, { from: 'h1.out', to: 'h2.in' }, { from: 'h2.out', to: 'h3.in' },
    { from: 'h3.out', to: 'probs.in' }, { from: 'probs.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
  ];
  if (deadBranch) {
    nodes.push(node('unusedHead', 'dense', { units: 5, activation: 'sigmoid' }));
    edges.push({ from: 'h1.out', to: 'unusedHead.in' });
  }
  return JSON.stringify({
    format: 'nngraph', version: 1, name: deadBranch ? 'dense activations and a dead branch' : 'dense activations', nodes, edges,
    training: { optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 3, batchSize: 16, seed: 4, validationSplit: 0.2, shuffle: false, metrics: ['accuracy'] },
  });
}

interface GraphNode { id: string; type: string; params?: Record<string, unknown> }
interface GraphJson { nodes: GraphNode[]; edges: Array<{ from: string; to: string }>; training?: { optimizer?: { type: OptimizerType } & Record<string, unknown> } }

export interface ExpectedStructure {
  /** Sorted words: `dense:UNITS:INIT`, `activation:FN` (`activation:leaky_relu:ALPHA`, `activation:elu:ALPHA`), `dropout:RATE`, `add`, `concat`. */
  layers: string[];
  /** A chain from the features to the loss, without add or concat. */
  sequential: boolean;
  loss: { kind: 'binary' | 'categorical' | 'mse'; fromLogits: boolean };
  /** Sorted words, one per regularized dense node: `l1:L1`, `l2:L2` or `l1_l2:L1:L2` (Keras' L1, L2, L1L2). */
  regularizers: string[];
  /** The optimizer's settings with the defaults filled in. */
  optimizer: Record<string, unknown> & { type: OptimizerType };
}

function activationWord(params: Record<string, unknown>): string {
  const fn = String(params.fn);
  if (fn === 'leaky_relu') return `activation:leaky_relu:${Number(params.alpha ?? 0.01)}`;
  if (fn === 'elu') return `activation:elu:${Number(params.alpha ?? 1)}`;
  return `activation:${fn}`;
}

export function expectedStructure(text: string): ExpectedStructure {
  const graph = JSON.parse(text) as GraphJson;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const lossNode = graph.nodes.find((node) => node.type === 'cross-entropy' || node.type === 'mse');
  if (!lossNode) throw new Error('no loss node');
  const feeding = graph.edges.find((edge) => edge.to === `${lossNode.id}.predictions`)?.from.split('.')[0] ?? '';
  const mode = lossNode.type === 'mse' ? 'mse' : String(lossNode.params?.mode) as 'binary' | 'categorical';
  const lastFn = byId.get(feeding)?.type === 'activation' ? String(byId.get(feeding)?.params?.fn) : '';
  const folded = lossNode.params?.fromLogits !== true && ((mode === 'binary' && lastFn === 'sigmoid') || (mode === 'categorical' && lastFn === 'softmax'));
  const layers: string[] = [];
  const regularizers: string[] = [];
  for (const node of graph.nodes) {
    const params = node.params ?? {};
    if (node.type === 'dense') layers.push(`dense:${Number(params.units)}:${String(params.init ?? 'glorot_uniform')}`);
    // A dense node's own activation is the same layer as an activation node after it.
    if (node.type === 'dense' && params.activation !== undefined && params.activation !== 'linear') layers.push(activationWord({ fn: params.activation }));
    const [l1, l2] = [Number(params.l1 ?? 0), Number(params.l2 ?? 0)];
    if (node.type === 'dense' && (l1 > 0 || l2 > 0)) regularizers.push(l1 > 0 && l2 > 0 ? `l1_l2:${l1}:${l2}` : l1 > 0 ? `l1:${l1}` : `l2:${l2}`);
    else if (node.type === 'activation' && !(folded && node.id === feeding)) layers.push(activationWord(params));
    else if (node.type === 'dropout') layers.push(`dropout:${Number(params.rate)}`);
    else if (node.type === 'add' || node.type === 'concat') layers.push(node.type);
  }
  const fanOut = new Map<string, number>();
  for (const edge of graph.edges) if (!edge.from.endsWith('.labels')) fanOut.set(edge.from, (fanOut.get(edge.from) ?? 0) + 1);
  const sequential = !layers.includes('add') && !layers.includes('concat') && [...fanOut.values()].every((count) => count === 1);
  const given = graph.training?.optimizer ?? { type: 'adam' as const };
  return {
    layers: layers.sort(), sequential, regularizers: regularizers.sort(),
    loss: { kind: mode, fromLogits: folded || lossNode.params?.fromLogits === true },
    optimizer: { ...DEFAULT_OPTIMIZERS[given.type], ...given },
  };
}

/** Every graph the structural checks run on: the examples as they are, and the DAG. */
export function checkedGraphs(): Array<{ name: string; text: string }> {
  return [
    ...EXAMPLES.map((name) => ({ name, text: exampleText(name) })), { name: 'add/concat DAG', text: dagGraph() },
    { name: 'dense activations', text: denseActivationGraph() },
  ];
}
