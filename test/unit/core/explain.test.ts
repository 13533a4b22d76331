// Explain mode's math (src/core/explain/) on programs built by hand: every gradient agrees with a central difference,
// the numbers are those of the training program (same weights, float32) to float32 precision, dropout is inactive,
// and the loss node's pieces say what the issue says: ŷ − y at the logits by the chain rule, and the tutorial's
// −y/ŷ + 1 agreeing at the logits only for softmax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelKind, LossSpec, ProgramSpec } from '../../../src/core/types';
import { createProgram } from '../../../src/core/program/program';
import { explainSample, type Explanation } from '../../../src/core/explain/index';
import { Random } from '../../../src/core/random';

const SGD = { type: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false } as const;

/** features(3) → dense a(5) → tanh ─┬─ dense b(5) → add(with tanh) → gelu → dropout → concat(with a) → dense out(W). */
function dagSpec(outputs: number, loss: LossSpec, labelKind: LabelKind, labelWidth: number): ProgramSpec {
  return {
    featureCount: 3,
    valueWidths: [3, 5, 5, 5, 5, 5, 5, 10, outputs, outputs],
    ops: [
      { kind: 'dense', nodeId: 'a', input: 0, units: 5, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'act', input: 1, fn: 'tanh', alpha: 0 },
      { kind: 'dense', nodeId: 'b', input: 2, units: 5, useBias: false, init: 'he_normal' },
      { kind: 'add', nodeId: 'sum', inputs: [3, 2] },
      { kind: 'activation', nodeId: 'gelu', input: 4, fn: 'gelu', alpha: 0 },
      { kind: 'dropout', nodeId: 'drop', input: 5, rate: 0.5 },
      { kind: 'concat', nodeId: 'join', inputs: [6, 1] },
      { kind: 'dense', nodeId: 'out', input: 7, units: outputs, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'last', input: 8, fn: outputs === 1 || loss.kind === 'binary-cross-entropy' ? 'sigmoid' : loss.kind === 'mse' ? 'elu' : 'softmax', alpha: 0.5 },
    ],
    loss, labelKind, labelWidth, classCount: loss.kind === 'mse' ? 0 : Math.max(outputs, 2),
  };
}

/** features(3) → features(all: 12) → dense a(4) → tanh → features(x, product: 10) → dense out(2) → sigmoid. */
function featuresSpec(): ProgramSpec {
  return {
    featureCount: 3,
    valueWidths: [3, 12, 4, 4, 10, 2, 2],
    ops: [
      { kind: 'features', nodeId: 'derived', input: 0, groups: ['x', 'square', 'product', 'sin'] },
      { kind: 'dense', nodeId: 'a', input: 1, units: 4, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'act', input: 2, fn: 'tanh', alpha: 0 },
      // After a layer: the kernel of a is checked through this node's backward.
      { kind: 'features', nodeId: 'crossed', input: 3, groups: ['x', 'product'] },
      { kind: 'dense', nodeId: 'out', input: 4, units: 2, useBias: true, init: 'glorot_uniform' },
      { kind: 'activation', nodeId: 'last', input: 5, fn: 'sigmoid', alpha: 0 },
    ],
    loss: { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 6, fromLogits: false }, labelKind: 'binary', labelWidth: 2, classCount: 2,
  };
}

interface Case { name: string; spec: ProgramSpec; labels: number[] }

const CASES: Case[] = [
  // Fused: the loss reads op "out"'s logits and reports node "last" as the folded activation (its op is not run).
  { name: 'categorical, fused, class index', spec: foldLast(dagSpec(4, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 8, fromLogits: true, activationNodeId: 'last' }, 'index', 1)), labels: [2] },
  { name: 'binary, fused, two columns', spec: foldLast(dagSpec(2, { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 8, fromLogits: true, activationNodeId: 'last' }, 'binary', 2)), labels: [1, 0] },
  { name: 'categorical on probabilities (not fused), soft labels', spec: dagSpec(3, { kind: 'categorical-cross-entropy', nodeId: 'loss', predictions: 9, fromLogits: false }, 'onehot', 3), labels: [0.2, 0.7, 0.1] },
  { name: 'binary on probabilities (not fused)', spec: dagSpec(1, { kind: 'binary-cross-entropy', nodeId: 'loss', predictions: 9, fromLogits: false }, 'binary', 1), labels: [1] },
  { name: 'mse through elu', spec: dagSpec(2, { kind: 'mse', nodeId: 'loss', predictions: 9 }, 'regression', 2), labels: [0.3, -1.2] },
  { name: 'features nodes (x, x², products, sin), one after a layer', spec: featuresSpec(), labels: [1, 0] },
];

/** Drops the last activation op, as the compiler does when the loss takes it over. */
function foldLast(spec: ProgramSpec): ProgramSpec {
  return { ...spec, ops: spec.ops.slice(0, -1), valueWidths: spec.valueWidths.slice(0, -1) };
}

function explainCase({ spec, labels }: Case, seed: number, checksPerTensor = 1000): { explanation: Explanation; features: Float32Array } {
  const program = createProgram(spec, { seed, batchSize: 1, optimizer: SGD });
  const random = new Random(seed + 100);
  const features = Float32Array.from({ length: spec.featureCount }, () => random.nextNormal());
  const explanation = explainSample({ spec, weights: program.getWeights(), inputNodeId: 'data', features, labels, checksPerTensor });
  program.dispose();
  return { explanation, features };
}

for (const testCase of CASES) {
  test(`explain (${testCase.name}): every gradient entry agrees with a float64 central difference`, () => {
    for (const seed of [1, 2, 3]) {
      const { explanation } = explainCase(testCase, seed);
      const checked = explanation.checks.reduce((count, check) => count + check.entries.length, 0);
      const size = explanation.checks.reduce((count, check) => count + check.size, 0);
      assert.equal(checked, size, 'every entry of every tensor was checked');
      for (const check of explanation.checks) {
        for (const entry of check.entries) {
          const error = Math.abs(entry.analytic - entry.numeric);
          assert.ok(error <= 1e-7 + 1e-6 * Math.abs(entry.numeric), `seed ${seed}, ${check.nodeId}.${check.tensor}[${entry.index.join(', ')}]: analytic ${entry.analytic}, numeric ${entry.numeric}`);
        }
      }
    }
  });

  test(`explain (${testCase.name}): the training program's own loss and outputs, dropout inactive`, () => {
    const { spec, labels } = testCase;
    const program = createProgram(spec, { seed: 7, batchSize: 1, optimizer: SGD });
    const { explanation, features } = explainCase(testCase, 7);
    const evaluated = program.evaluate(features, Float32Array.from(labels), 1);
    assert.ok(Math.abs(explanation.loss - evaluated.loss) <= 1e-5 * Math.max(1, evaluated.loss), `loss ${explanation.loss} vs the program's ${evaluated.loss}`);
    const predicted = program.predict(features, 1);
    const lastNode = explanation.nodes[explanation.nodes.length - 2];
    predicted.forEach((value, i) => assert.ok(Math.abs(lastNode.output[i] - value) < 1e-5, `output ${i}: ${lastNode.output[i]} vs ${value}`));
    const byId = new Map(explanation.nodes.map((node) => [node.nodeId, node]));
    assert.deepEqual(byId.get('drop')?.output, byId.get('gelu')?.output, 'dropout passes its input unchanged');
    assert.deepEqual([...byId.get('data')!.output], [...features]);
    assert.equal(explanation.nodes[explanation.nodes.length - 1].role, 'loss');
    assert.deepEqual([...explanation.nodes[explanation.nodes.length - 1].outputGrad], [1]);
    program.dispose();
  });
}

test('explain: the loss pieces: ŷ − y by the chain rule, −log p_y, and the tutorial\'s formula right at the logits only for softmax', () => {
  const near = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => Array.from(a).every((v, i) => Math.abs(v - b[i]) < 1e-12);
  const categorical = explainCase(CASES[0], 5).explanation;
  const pieces = categorical.lossPieces;
  assert.ok(pieces.kind === 'categorical-cross-entropy' && pieces.logitGrad !== null && pieces.trueClass !== undefined);
  const expectedLogitGrad = Array.from(pieces.probabilities, (p, c) => p - (c === 2 ? 1 : 0));
  assert.ok(near(pieces.logitGrad, expectedLogitGrad), 'ŷ − y');
  assert.ok(near(pieces.logitGradByChainRule, pieces.logitGrad), 'softmax backward of −y/ŷ is ŷ − y');
  assert.ok(near(pieces.tutorialLogitGrad, pieces.logitGrad), 'the +1 vanishes through softmax');
  assert.ok(!near(pieces.tutorialGrad, pieces.probabilityGrad), 'but −y/ŷ + 1 is not ∂L/∂ŷ');
  assert.equal(pieces.trueClass.index, 2);
  assert.ok(Math.abs(pieces.trueClass.negativeLogProbability - categorical.loss) < 1e-12);
  assert.ok(Math.abs(pieces.terms.reduce((a, b) => a + b, 0) - categorical.loss) < 1e-12);
  const folded = categorical.nodes.find((node) => node.role === 'folded-activation');
  assert.equal(folded?.nodeId, 'last');
  assert.ok(near(folded.outputGrad, Array.from(pieces.probabilities, (p, c) => (c === 2 ? -1 / p : 0))), '−y_c/ŷ_c');

  const binary = explainCase(CASES[1], 5).explanation.lossPieces;
  assert.ok(binary.kind === 'binary-cross-entropy' && binary.logitGrad !== null);
  assert.ok(near(binary.logitGradByChainRule, binary.logitGrad), 'σ backward of −y/ŷ + (1 − y)/(1 − ŷ) is (ŷ − y)/width');
  assert.ok(near(binary.logitGrad, [(binary.probabilities[0] - 1) / 2, binary.probabilities[1] / 2]));
  for (let c = 0; c < 2; c++) assert.ok(Math.abs(binary.tutorialLogitGrad[c] - binary.logitGrad[c]) > 1e-4, `column ${c}: the tutorial's formula is wrong at the logits`);
});

test('explain: the checks take the largest entries of a big tensor; a row or weights that do not fit are refused by name', () => {
  const { explanation } = explainCase(CASES[0], 3, 4);
  const kernel = explanation.checks.find((check) => check.nodeId === 'out' && check.tensor === 'kernel')!;
  assert.equal(kernel.size, 40);
  assert.equal(kernel.entries.length, 4);
  const outNode = explanation.nodes.find((node) => node.nodeId === 'out')!;
  const smallestChecked = Math.min(...kernel.entries.map((entry) => Math.abs(entry.analytic)));
  const larger = Array.from(outNode.paramGrads!.kernel).filter((g) => Math.abs(g) > smallestChecked).length;
  assert.equal(larger, 3, 'the four checked entries are the four largest');

  const { spec } = CASES[0];
  const weights = createProgram(spec, { seed: 1, batchSize: 1, optimizer: SGD }).getWeights();
  assert.throws(() => explainSample({ spec, weights, inputNodeId: 'data', features: [1, 2], labels: [0] }), /features hold 2 values; the model reads 3/);
  assert.throws(() => explainSample({ spec, weights, inputNodeId: 'data', features: [1, 2, Number.NaN], labels: [0] }), /features\[2\] is NaN/);
  assert.throws(() => explainSample({ spec, weights: weights.filter((w) => w.name !== 'b.kernel'), inputNodeId: 'data', features: [1, 2, 3], labels: [0] }), /"b\.kernel" is missing/);
});
