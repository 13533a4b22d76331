// The JSON Schema VS Code uses for completion and validation of .nngraph text: the examples pass, broken files fail,
// and its enums, defaults and ranges agree with the tables the checker uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  ACTIVATION_FUNCTIONS, analyzeGraph, BUILTIN_DATASETS, BUILTIN_DATASET_NAMES, BUILTIN_OPTION_RULES, CROSS_ENTROPY_MODES, DEFAULT_OPTIMIZERS,
  DEFAULT_ENGINE, DEFAULT_TRAINING, INITIALIZERS, KNOWN_METRICS, MAX_FEATURE_COUNT, MAX_ID_LENGTH, MAX_UNITS, NODE_TYPE_NAMES, NODE_TYPES, NORMALIZE_MODES, TRAINING_ENGINES,
  OPTIMIZER_TYPES, paramDefaults,
} from '../../../src/graph/index';

type SchemaNode = Record<string, unknown> & { properties?: Record<string, SchemaNode>; enum?: unknown[]; default?: unknown };

const root = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/nngraph.schema.json'), 'utf8')) as SchemaNode & { definitions: Record<string, SchemaNode> };
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const defs = schema.definitions;

function read(dir: string, name: string): unknown {
  return JSON.parse(readFileSync(join(root, dir, name), 'utf8'));
}

test('the schema compiles in strict mode and accepts every example graph', () => {
  for (const name of readdirSync(join(root, 'test/fixtures/graphs')).filter((n) => n.endsWith('.nngraph'))) {
    assert.ok(validate(read('test/fixtures/graphs', name)), `${name}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('the shipped examples/ pass the schema and the checker without a single diagnostic', () => {
  const dir = join(root, 'examples');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.nngraph')) : [];
  for (const name of names) {
    assert.ok(validate(read('examples', name)), `${name}: ${ajv.errorsText(validate.errors)}`);
    assert.deepEqual(analyzeGraph(readFileSync(join(dir, name), 'utf8')).diagnostics, [], name);
  }
});

test('the schema rejects files the checker reports errors or unknown fields in', () => {
  // Fixtures whose problem is visible to a schema (the others need the graph: wiring, shapes, datasets' classes).
  const schemaVisible = ['NG004', 'NG005', 'NG006', 'NG007', 'NG008', 'NG009', 'NG010', 'NG011', 'NG012', 'NG013', 'NG014', 'NG016', 'NG026', 'NG027'];
  const files = readdirSync(join(root, 'test/fixtures/diagnostics'));
  for (const code of schemaVisible) {
    const file = files.find((f) => f.startsWith(`${code}-`));
    assert.ok(file, code);
    assert.equal(validate(read('test/fixtures/diagnostics', file)), false, `${file} passed the schema`);
  }
  const tutorial = read('test/fixtures/graphs', 'tutorial.nngraph') as { nodes: { params: Record<string, unknown> }[]; training: Record<string, unknown> };
  const broken = (change: (g: typeof tutorial) => void): boolean => {
    const copy = structuredClone(tutorial);
    change(copy);
    return validate(copy);
  };
  assert.equal(broken((g) => { g.nodes[0].params.dataset = { builtin: 'moons', classes: 3 }; }), false, 'moons takes no classes');
  assert.equal(broken((g) => { g.nodes[0].params.dataset = { builtin: 'iris', samples: 3 }; }), false, 'iris takes no options');
  assert.equal(broken((g) => { g.nodes[0].params.dataset = { csv: '/etc/data.csv', label: 'y' }; }), false, 'absolute CSV path');
  assert.equal(broken((g) => { g.nodes[0].params.dataset = { csv: 'C:\\data.csv', label: 'y' }; }), false, 'drive letter');
  assert.equal(broken((g) => { g.nodes[0].params.dataset = { csv: 'data.csv' }; }), false, 'CSV without label');
  assert.equal(broken((g) => { g.nodes[0].params.dataset = { csv: 'data/x.csv', label: 'y' }; }), true, 'relative CSV path');
  assert.equal(broken((g) => { g.training.optimizer = { type: 'adam', momentum: 0.9 }; }), false, 'adam has no momentum');
  assert.equal(broken((g) => { g.training.optimizer = { type: 'sgd', momentum: 0.9, nesterov: true }; }), true);
  assert.equal(broken((g) => { g.training.validationSplit = 1; }), false);
  assert.equal(broken((g) => { g.training.metrics = ['f1']; }), false);
  assert.equal(broken((g) => { g.nodes[1].params.units = 0; }), false);
  assert.equal(broken((g) => { g.nodes[1].params = {}; }), false, 'dense without units');
  assert.equal(broken((g) => { g.nodes[0].params = { featureCount: 2, normalize: 'none' }; }), true, 'an input declaring its width, no dataset yet (NG051)');
  assert.equal(broken((g) => { g.nodes[0].params = { normalize: 'none' }; }), false, 'an input with neither dataset nor featureCount');
  assert.equal(broken((g) => { g.nodes[0].params = { featureCount: 0 }; }), false, 'featureCount 0');
  const withFeatures = (include: unknown) => broken((g) => { (g.nodes as unknown[]).push({ id: 'f', type: 'features', params: { include } }); });
  assert.equal(withFeatures(['x', 'product']), true, 'features x and product');
  assert.equal(withFeatures([]), false, 'features with nothing included (NG053)');
  assert.equal(withFeatures(['x', 'cube']), false, 'an unknown feature group');
  assert.equal(withFeatures('x'), false, 'include not a list');
});

test('node types, ports and params agree with NODE_TYPES', () => {
  assert.deepEqual(defs.node.properties?.type.enum, NODE_TYPE_NAMES);
  const paramsDef: Record<string, string> = {
    input: 'inputParams', dense: 'denseParams', activation: 'activationParams', dropout: 'dropoutParams', features: 'featuresParams',
    add: 'noParams', concat: 'noParams', 'cross-entropy': 'crossEntropyParams', mse: 'noParams',
  };
  for (const type of NODE_TYPE_NAMES) {
    const def = defs[paramsDef[type]] as SchemaNode & { required?: string[] };
    const specs = NODE_TYPES[type].params;
    assert.deepEqual(Object.keys(def.properties ?? {}).sort(), specs.map((p) => p.name).sort(), type);
    assert.deepEqual((def.required ?? []).slice().sort(), specs.filter((p) => p.required && p.requiredUnless === undefined).map((p) => p.name).sort(), `${type} required`);
    for (const spec of specs.filter((p) => p.required && p.requiredUnless !== undefined)) {
      // Required unless another param is given: the schema accepts either one.
      const alternatives = (def as { anyOf?: Array<{ required: string[] }> }).anyOf?.map((item) => item.required);
      assert.deepEqual(alternatives, [[spec.name], [spec.requiredUnless]], `${type}.${spec.name} required unless ${spec.requiredUnless}`);
    }
    for (const spec of specs) {
      const prop = def.properties?.[spec.name] as SchemaNode;
      if (spec.kind === 'enum') assert.deepEqual(prop.enum, spec.values, `${type}.${spec.name}`);
      if (spec.kind === 'enumSet') assert.deepEqual((prop.items as SchemaNode).enum, spec.values, `${type}.${spec.name} items`);
      if ('default' in spec && spec.default !== undefined) assert.deepEqual(prop.default, spec.default, `${type}.${spec.name} default`);
    }
  }
  assert.deepEqual(defs.activationParams.properties?.fn.enum, ACTIVATION_FUNCTIONS);
  assert.deepEqual(defs.denseParams.properties?.init.enum, INITIALIZERS);
  assert.deepEqual(defs.inputParams.properties?.normalize.enum, NORMALIZE_MODES);
  assert.deepEqual(defs.crossEntropyParams.properties?.mode.enum, CROSS_ENTROPY_MODES);
  assert.equal(defs.denseParams.properties?.units.maximum, MAX_UNITS);
  assert.equal(defs.inputParams.properties?.featureCount.maximum, MAX_FEATURE_COUNT);
  assert.equal(defs.id.maxLength, MAX_ID_LENGTH);
});

test('datasets, optimizers and training defaults agree with the checker\'s tables', () => {
  const builtin = defs.builtinDataset as SchemaNode;
  assert.deepEqual(builtin.properties?.builtin.enum, BUILTIN_DATASET_NAMES);
  for (const [option, rule] of Object.entries(BUILTIN_OPTION_RULES)) {
    const prop = builtin.properties?.[option] as SchemaNode;
    assert.equal(prop.type, rule.integer ? 'integer' : 'number', option);
    assert.equal(prop.minimum, rule.range.min, option);
    assert.equal(prop.maximum, rule.range.max, option);
  }
  // Each built-in set accepts exactly its options.
  for (const [name, dataset] of Object.entries(BUILTIN_DATASETS)) {
    for (const option of Object.keys(BUILTIN_OPTION_RULES)) {
      const accepted = validate({ format: 'nngraph', version: 1, nodes: [{ id: 'd', type: 'input', params: { dataset: { builtin: name, [option]: 2 } } }], edges: [] });
      assert.equal(accepted, (dataset.options as readonly string[]).includes(option), `${name}.${option}`);
    }
  }
  const optimizer = defs.optimizer as SchemaNode;
  assert.deepEqual(optimizer.properties?.type.enum, OPTIMIZER_TYPES);
  for (const type of OPTIMIZER_TYPES) {
    for (const [field, value] of Object.entries(DEFAULT_OPTIMIZERS[type])) {
      if (field === 'type' || field === 'learningRate') continue;
      assert.deepEqual(optimizer.properties?.[field].default, value, `${type}.${field}`);
    }
  }
  const training = defs.training.properties ?? {};
  assert.deepEqual(training.metrics.default, DEFAULT_TRAINING.metrics);
  assert.deepEqual((training.metrics.items as SchemaNode).enum, KNOWN_METRICS);
  for (const field of ['epochs', 'batchSize', 'seed', 'validationSplit', 'shuffle'] as const) {
    assert.equal(training[field].default, DEFAULT_TRAINING[field], field);
  }
  assert.deepEqual(training.engine.enum, TRAINING_ENGINES);
  assert.equal(training.engine.default, DEFAULT_ENGINE);
});

test('a node made from paramDefaults is valid for the schema, for every type', () => {
  for (const type of NODE_TYPE_NAMES) {
    const file = { format: 'nngraph', version: 1, nodes: [{ id: 'n', type, position: { x: 0, y: 0 }, params: paramDefaults(type) }], edges: [] };
    assert.ok(validate(file), `${type}: ${ajv.errorsText(validate.errors)}`);
  }
});
