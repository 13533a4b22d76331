// Shared by the fuzz tests of the loader and the edit applier: one seed for the run (NNGRAPH_FUZZ_SEED to replay a
// failure), the number of cases printed, the seed printed on failure, and generators of what hostile files hold:
// reserved ids such as `__proto__` and nesting thousands of levels deep.
import assert from 'node:assert/strict';
import fc from 'fast-check';

const DEFAULT_SEED = 20261202;
export const FUZZ_SEED = process.env.NNGRAPH_FUZZ_SEED !== undefined ? Number(process.env.NNGRAPH_FUZZ_SEED) : DEFAULT_SEED;

/** Runs a property with the run's seed; prints how many cases ran, and the seed to replay it if one failed. */
export function runFuzz<Ts>(label: string, property: fc.IProperty<Ts>, numRuns: number): void {
  const details = fc.check(property, { numRuns, seed: FUZZ_SEED });
  console.log(`fuzz: ${label}: ${details.numRuns} cases, seed ${FUZZ_SEED}`);
  if (details.failed) {
    assert.fail(`fuzz: ${label} failed with seed ${FUZZ_SEED} (replay with NNGRAPH_FUZZ_SEED=${FUZZ_SEED}):\n${fc.defaultReportMessage(details)}`);
  }
}

/** Keys of Object.prototype and other names that code keyed by plain objects gets wrong. */
export const RESERVED_IDS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;

/** What Object.prototype holds now, to compare before and after. */
export function prototypeSnapshot(): string {
  return Object.getOwnPropertyNames(Object.prototype).sort().map((name) => {
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, name);
    return `${name}:${typeof descriptor?.value}:${typeof descriptor?.get}`;
  }).join(',');
}

export function assertPrototypeUntouched(before: string): void {
  assert.equal(prototypeSnapshot(), before, 'Object.prototype changed');
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype gained "polluted"');
}

/** Nested arrays and objects `depth` levels deep, closed or (to look like a cut-off file) not. */
export const deepValueText: fc.Arbitrary<string> = fc.tuple(
  fc.integer({ min: 95, max: 4000 }), fc.constantFrom('[', '{"a":', '[{"b":'), fc.boolean(),
).map(([depth, opener, closed]) => {
  const close = opener === '[' ? ']' : opener === '{"a":' ? '}' : '}]';
  const levels = opener === '[{"b":' ? Math.ceil(depth / 2) : depth;
  return opener.repeat(levels) + '1' + (closed ? close.repeat(levels) : '');
});

/** A valid-looking file with a deep value put into an unknown field, into a node's params, or as the whole file. */
export function withDeepValue(base: string, deep: string, where: number): string {
  switch (where % 3) {
    case 0: return base.replace('"nodes"', `"notes": ${deep},\n  "nodes"`);
    case 1: return base.replace('"params": {', `"params": { "deep": ${deep},`);
    default: return deep;
  }
}
