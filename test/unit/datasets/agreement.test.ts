import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinDatasetInfo, builtinDatasetNames, generatedDatasetOptions } from '../../../src/core/datasets/index';
import { BUILTIN_DATASETS, BUILTIN_OPTION_RULES } from '../../../src/graph/datasets';

// The graph code keeps its own table of the built-in sets (it must not load data to infer shapes); the two must agree,
// or a graph would pass its checks and then fail to train.

test('the graph code and the data sets know the same built-in names and options', () => {
  assert.deepEqual([...builtinDatasetNames].sort(), Object.keys(BUILTIN_DATASETS).sort());
  for (const name of builtinDatasetNames) {
    const ours = Object.keys((generatedDatasetOptions as Record<string, Record<string, unknown>>)[name] ?? {}).sort();
    assert.deepEqual([...BUILTIN_DATASETS[name].options].sort(), ours, name);
    for (const option of BUILTIN_DATASETS[name].options) {
      const rule = BUILTIN_OPTION_RULES[option];
      const spec = (generatedDatasetOptions as Record<string, Record<string, { min: number; max: number; integer: boolean }>>)[name][option];
      assert.deepEqual([rule.integer, rule.range.min, rule.range.max], [spec.integer, spec.min, spec.max], `${name}.${option}`);
    }
  }
});

test('the graph code and the data sets announce the same shapes', () => {
  const cases: Array<[string, Record<string, number>]> = [
    ...builtinDatasetNames.map((name): [string, Record<string, number>] => [name, {}]),
    ['spiral', { classes: 5 }], ['blobs', { classes: 7, features: 12 }], ['moons', { samples: 10, noise: 0.3 }],
  ];
  for (const [name, options] of cases) {
    const theirs = BUILTIN_DATASETS[name].info(options);
    const ours = builtinDatasetInfo(name, options);
    assert.equal(theirs.featureCount, ours.featureCount, name);
    assert.equal(theirs.classCount, ours.classCount, name);
    if (theirs.featureNames) assert.deepEqual(theirs.featureNames, ours.featureNames, name);
    if (theirs.classNames) assert.deepEqual(theirs.classNames, ours.classNames, name);
  }
});
