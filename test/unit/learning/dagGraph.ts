// The DAG the export tests share (issue 12's acceptance: "a DAG with add and concat"): two branches meet in an add
// and a concat, with a gelu between, so an exporter must follow values, not a chain of layers.

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
