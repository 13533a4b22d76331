// The node table the palette and inspector read: defaults that are valid at once, ports as the format page lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGraph, effectiveParam, NODE_TYPE_NAMES, paramDefaults, portsOf } from '../../../src/graph/index';

test('ports are those of the format page', () => {
  const ports = Object.fromEntries(NODE_TYPE_NAMES.map((type) => {
    const { inputs, outputs } = portsOf(type);
    return [type, [inputs.map((p) => p.name), outputs.map((p) => p.name)]];
  }));
  assert.deepEqual(ports, {
    input: [[], ['features', 'labels']],
    dense: [['in'], ['out']],
    activation: [['in'], ['out']],
    dropout: [['in'], ['out']],
    features: [['in'], ['out']],
    add: [['a', 'b'], ['out']],
    concat: [['a', 'b'], ['out']],
    'cross-entropy': [['predictions', 'labels'], []],
    mse: [['predictions', 'labels'], []],
  });
});

test('paramDefaults: a new node of every type has valid params (no diagnostic names its params)', () => {
  assert.deepEqual(paramDefaults('dense'), { units: 16, useBias: true, init: 'glorot_uniform', l1: 0, l2: 0, activation: 'linear' });
  assert.deepEqual(paramDefaults('activation'), { fn: 'relu' });
  assert.deepEqual(paramDefaults('dropout'), { rate: 0.5 });
  assert.deepEqual(paramDefaults('cross-entropy'), { mode: 'binary', fromLogits: false });
  assert.deepEqual(paramDefaults('input'), { dataset: { builtin: 'moons', samples: 1000, noise: 0.15 }, normalize: 'standard' });
  assert.deepEqual(paramDefaults('add'), {});
  assert.deepEqual(paramDefaults('features'), { include: ['x', 'square', 'product', 'sin'] });
  // Each call returns a fresh object, so the caller may change it.
  const first = paramDefaults('input');
  (first.dataset as Record<string, unknown>).builtin = 'iris';
  assert.deepEqual(paramDefaults('input').dataset, { builtin: 'moons', samples: 1000, noise: 0.15 });
  (paramDefaults('features').include as string[]).pop();
  assert.deepEqual(paramDefaults('features').include, ['x', 'square', 'product', 'sin'], 'a list is copied too');
  const nodes = NODE_TYPE_NAMES.map((type, index) => ({ id: `n${index}`, type, params: paramDefaults(type) }));
  const text = JSON.stringify({ format: 'nngraph', version: 1, nodes, edges: [] });
  const paramProblems = analyzeGraph(text).diagnostics.filter((d) => d.field?.startsWith('params'));
  assert.deepEqual(paramProblems, []);
});

test('effectiveParam: the file\'s value, else the default; alpha depends on fn', () => {
  assert.equal(effectiveParam('dense', { units: 3 }, 'useBias'), true);
  assert.equal(effectiveParam('dense', { units: 3, useBias: false }, 'useBias'), false);
  assert.equal(effectiveParam('activation', { fn: 'leaky_relu' }, 'alpha'), 0.01);
  assert.equal(effectiveParam('activation', { fn: 'elu' }, 'alpha'), 1);
  assert.equal(effectiveParam('activation', { fn: 'elu', alpha: 0.5 }, 'alpha'), 0.5);
  assert.equal(effectiveParam('activation', { fn: 'relu' }, 'alpha'), undefined);
  assert.equal(effectiveParam('input', {}, 'normalize'), 'standard');
});
