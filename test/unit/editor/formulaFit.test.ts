// The inspector's formulas fit its width: long ones are split where they list parts, and a part wider than the
// panel is drawn smaller, down to a floor, instead of hiding behind a horizontal scrollbar.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { NODE_TYPE_NAMES } from '../../../src/graph/index';
import { fitScale, formulaLines, MIN_FORMULA_SCALE } from '../../../webview/editor/formulaFit';
import { formulaFor } from '../../../webview/editor/formulas';

test("dense's gradient (three parts) goes on three lines, without the commas between them", () => {
  const gradient = formulaFor('dense', { units: 4 })?.gradient;
  assert.ok(gradient);
  assert.deepEqual(formulaLines(gradient), [
    '\\frac{\\partial L}{\\partial W} = x^{\\top}\\delta',
    '\\frac{\\partial L}{\\partial b} = \\textstyle\\sum_{\\text{batch}} \\delta',
    '\\frac{\\partial L}{\\partial x} = \\delta\\, W^{\\top}',
  ]);
});

test('a \\quad inside braces, \\qquad, or a formula without parts is left whole', () => {
  assert.deepEqual(formulaLines('a = \\text{x \\quad y}'), ['a = \\text{x \\quad y}']);
  assert.deepEqual(formulaLines('a \\qquad b'), ['a \\qquad b']);
  assert.deepEqual(formulaLines('z = xW + b'), ['z = xW + b']);
  assert.deepEqual(formulaLines('\\{ a \\},\\quad b'), ['\\{ a \\}', 'b']);
});

test('every formula of every node type splits into parts KaTeX can render on their own', () => {
  const paramsByType: Record<string, Array<Record<string, unknown>>> = {
    activation: ['relu', 'sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'gelu', 'softplus', 'linear'].map((fn) => ({ fn })),
    'cross-entropy': [{ mode: 'binary' }, { mode: 'categorical' }],
    // A dense node alone, and with each activation of its own (its formula then chains both).
    dense: [{ units: 4 }, ...['relu', 'sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'gelu', 'softplus', 'linear'].map((activation) => ({ units: 4, activation }))],
  };
  for (const type of NODE_TYPE_NAMES) {
    for (const params of paramsByType[type] ?? [{}]) {
      const formula = formulaFor(type, params);
      assert.ok(formula, `${type} ${JSON.stringify(params)}`);
      for (const tex of [formula.forward, formula.gradient]) {
        for (const line of formulaLines(tex)) {
          assert.doesNotThrow(() => katex.renderToString(line, { throwOnError: true, displayMode: true }), `${type}: ${line}`);
        }
      }
    }
  }
});

test('a line that fits keeps its size; a wider one shrinks to fit, but not below the floor', () => {
  assert.equal(fitScale(200, 296), 1);
  assert.equal(fitScale(296, 296), 1);
  assert.equal(fitScale(370, 296), 0.8);
  assert.equal(fitScale(2000, 296), MIN_FORMULA_SCALE);
  assert.equal(fitScale(100, 0), 1, 'a hidden panel (no width yet) changes nothing');
});
