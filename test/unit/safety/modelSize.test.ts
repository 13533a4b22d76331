// A model too big to train is refused when it is checked, with its size, instead of exhausting memory in a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bufferPlanOf, createProgram, memoryBudgetBytes, programMemoryBytes } from '../../../src/core/index';
import { analyzeGraph, compileText } from '../../../src/graph/index';
import { graphText } from '../training/helpers';
import { removeBuiltCli, root, runCli } from '../cli/helpers';

test.after(removeBuiltCli);

function digitsGraph(hidden: number[], batchSize = 32): string {
  return graphText({
    dataset: { builtin: 'digits' }, hidden, outputUnits: 10, mode: 'categorical', optimizer: { type: 'adam' }, epochs: 1, batchSize,
  });
}

test('models over the memory budget get NG042 with their size; the check never throws', () => {
  const cases: { hidden: number[]; batchSize?: number; size: RegExp }[] = [
    { hidden: [16_384, 16_384, 16_384], size: /needs 8\.\d GB .* at batch size 32; the limit is 2 GB/ },
    { hidden: [65_536, 65_536], size: /needs \d+(\.\d)? GB/ },
    { hidden: [65_536, 65_536, 65_536, 65_536, 65_536], size: /needs \d+(\.\d)? (GB|TB)/ },
    { hidden: [4096], batchSize: 10_000_000, size: /at batch size 10000000/ },
  ];
  for (const { hidden, batchSize, size } of cases) {
    const analysis = analyzeGraph(digitsGraph(hidden, batchSize));
    const tooLarge = analysis.diagnostics.filter((d) => d.code === 'NG042');
    assert.equal(tooLarge.length, 1, `${hidden.join('×')}: ${JSON.stringify(analysis.diagnostics.map((d) => d.message))}`);
    assert.equal(tooLarge[0].severity, 'error');
    assert.match(tooLarge[0].message, size);
    assert.match(tooLarge[0].message, /parameters, gradients, optimizer state and activations/);
    assert.ok(!compileText(digitsGraph(hidden, batchSize)).ok, 'it does not compile for training either');
    console.log(`${hidden.join('×')} units, batch ${batchSize ?? 32}: ${tooLarge[0].message}`);
  }
  for (const hidden of [[64], [1024, 1024], [4096, 4096]]) {
    const compiled = compileText(digitsGraph(hidden));
    assert.ok(compiled.ok, `${hidden.join('×')} fits`);
    const bytes = programMemoryBytes(bufferPlanOf(compiled.spec, compiled.training.optimizer), compiled.training.batchSize);
    assert.ok(bytes < memoryBudgetBytes);
  }
});

test('the core refuses such a program before allocating anything, with the same sentence', () => {
  const compiled = compileText(digitsGraph([1024]));
  assert.ok(compiled.ok);
  const wide = { ...compiled.spec, valueWidths: compiled.spec.valueWidths.map((w, i) => (i === 1 || i === 2 ? 10_000_000 : w)) };
  const ops = wide.ops.map((op) => (op.kind === 'dense' && op.nodeId === 'hidden0' ? { ...op, units: 10_000_000 } : op));
  assert.throws(
    () => createProgram({ ...wide, ops }, { seed: 1, batchSize: 32, optimizer: compiled.training.optimizer }),
    (error: unknown) => error instanceof RangeError && /The model needs \d+(\.\d)? GB .*the limit is 2 GB/.test(error.message),
  );
});

test('nngraph check reports the three layers of 16,384 units as an error, with the size', () => {
  const result = runCli(['check', join('test', 'fixtures', 'diagnostics', 'NG042-model-too-large.nngraph')], root);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /NG042-model-too-large\.nngraph:8:94 - error NG042: The model needs 8\.0 GB/);
});
