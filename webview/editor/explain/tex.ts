// The inspector's formulas with this sample's numbers put in, as TeX for KaTeX. Each builder takes the protocol's
// plain numbers and picks the entry worth showing (the largest gradient), since a layer of 32 units cannot be
// written out in full; the vectors beside show every entry.
import type {
  ActivationChainView, DenseChainView, ExplainedNodeView, LossPiecesView,
} from '../../../src/protocol/explainMessages';
import { texNumber as n, texVector as v } from './format';

/** The index of the largest |value| (0 for an empty or all-zero vector). */
export function largestIndex(values: readonly (number | null)[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i] ?? 0) > Math.abs(values[best] ?? 0)) best = i;
  return best;
}

/** Terms of a sum written out: the first two, then "+ ⋯" when there are more (a line must fit the inspector). */
function sumTerms(terms: string[]): string {
  return terms.length <= 2 ? terms.join(' + ') : `${terms.slice(0, 2).join(' + ')} + \\cdots`;
}

/**
 * Lines of one equation chain, aligned at "=", so a formula with numbers stays within the inspector's width instead
 * of running off its edge: `chain('z', 'xW + b', '1 + 2', '3')` is z = xW + b, then = 1 + 2, then = 3 below.
 */
export function chain(left: string, ...rights: string[]): string {
  // The result stands alone on its line: no parentheses around a negative number there.
  const last = rights.length - 1;
  rights[last] = rights[last].replace(/^\((.*)\)$/, '$1');
  return `\\begin{aligned} ${left} &= ${rights.join(' \\\\ &= ')} \\end{aligned}`;
}

export interface DenseTex { unit: number; input: number; forward: string; weightGrad: string; biasGrad: string; inputGrad: string }

/** `preActivation`: z when the dense node applies its own activation (the node's output is then a = f(z)). */
export function denseTex(denseChain: DenseChainView, node: ExplainedNodeView, preActivation?: readonly (number | null)[]): DenseTex | undefined {
  const dense = node.dense;
  if (!dense) return undefined;
  const j = largestIndex(denseChain.outputGrad);
  const i = largestIndex(denseChain.input);
  const x = denseChain.input;
  const terms = x.map((xi, k) => `${n(xi, 3)}\\cdot ${n(dense.kernel[k]?.[j] ?? null, 3)}`);
  const bias = dense.bias ? ` + ${n(dense.bias[j] ?? null, 3)}` : '';
  const backTerms = denseChain.outputGrad.map((dj, k) => `${n(dj, 3)}\\cdot ${n(dense.kernel[i]?.[k] ?? null, 3)}`);
  return {
    unit: j, input: i,
    forward: chain(`z_{${j}}`, `\\sum_i x_i W_{i,${j}}${dense.bias ? ` + b_{${j}}` : ''}`, `${sumTerms(terms)}${bias}`, n((preActivation ?? node.output)[j] ?? null)),
    weightGrad: chain(`\\frac{\\partial L}{\\partial W_{${i},${j}}}`, `x_{${i}}\\,\\delta_{${j}}`, `${n(x[i] ?? null)}\\cdot ${n(denseChain.outputGrad[j] ?? null)}`, n(dense.kernelGrad[i]?.[j] ?? null)),
    biasGrad: dense.biasGrad ? `\\frac{\\partial L}{\\partial b_{${j}}} = \\delta_{${j}} = ${n(dense.biasGrad[j] ?? null).replace(/^\((.*)\)$/, '$1')}` : '\\text{(no bias)}',
    inputGrad: chain(`\\frac{\\partial L}{\\partial x_{${i}}}`, `\\sum_j \\delta_j W_{${i},j}`, sumTerms(backTerms), n(denseChain.inputGrad[i] ?? null)),
  };
}

export function activationTex(fn: ActivationChainView, node: ExplainedNodeView): { forward: string; backward: string } {
  const k = largestIndex(fn.inputGrad);
  const z = n(fn.input[k] ?? null);
  const name = fn.fn.replace('_', '\\_');
  const a = n(node.output[k] ?? null);
  const delta = n(node.outputGrad[k] ?? null);
  if (fn.derivative === null) {
    return {
      forward: chain('a', `\\mathrm{${fn.fn}}(z)`, v(node.output)),
      backward: chain('\\frac{\\partial L}{\\partial z}', 'a \\odot \\bigl(\\delta - \\langle \\delta, a \\rangle\\bigr)', v(fn.inputGrad)),
    };
  }
  return {
    forward: chain(`a_{${k}}`, `\\mathrm{${name}}(z_{${k}})`, `\\mathrm{${name}}(${z})`, a),
    backward: chain(`\\frac{\\partial L}{\\partial z_{${k}}}`, `\\delta_{${k}}\\, f'(z_{${k}})`, `${delta}\\cdot ${n(fn.derivative[k] ?? null)}`, n(fn.inputGrad[k] ?? null)),
  };
}

/** The loss node: the loss with the numbers in, and the gradient at the logits (or predictions). */
export function lossTex(pieces: LossPiecesView, loss: number | null): string[] {
  if (pieces.kind === 'mse') {
    return [
      chain('L', '\\frac{1}{k}\\sum_j (\\hat{y}_j - y_j)^2', sumTerms(pieces.terms.map((t) => n(t, 3))), n(loss)),
      chain('\\frac{\\partial L}{\\partial \\hat{y}}', '\\frac{2}{k}(\\hat{y} - y)', v(pieces.predictionGrad)),
    ];
  }
  const lines: string[] = [];
  if (pieces.logits) lines.push(chain('\\hat{y}', `\\mathrm{${pieces.activation}}(z)`, `\\mathrm{${pieces.activation}}(${v(pieces.logits)})`, v(pieces.probabilities)));
  if (pieces.kind === 'categorical-cross-entropy' && pieces.trueClass) {
    const { index, probability } = pieces.trueClass;
    lines.push(`L = -\\log \\hat{y}_{${index}} = -\\log ${n(probability)} = ${n(loss)}`);
  } else if (pieces.kind === 'categorical-cross-entropy') {
    lines.push(chain('L', '-\\sum_c y_c \\log \\hat{y}_c', sumTerms(pieces.terms.map((t) => n(t, 3))), n(loss)));
  } else {
    lines.push(chain('L', '-\\frac{1}{k}\\sum_c \\bigl[y_c \\log \\hat{y}_c + (1 - y_c)\\log(1 - \\hat{y}_c)\\bigr]', sumTerms(pieces.terms.map((t) => n(t, 3))), n(loss)));
  }
  const scale = pieces.kind === 'binary-cross-entropy' && pieces.labels.length > 1 ? `\\frac{1}{${pieces.labels.length}}` : '';
  const trueForm = pieces.kind === 'categorical-cross-entropy' ? '-\\frac{y}{\\hat{y}}' : `${scale}\\Bigl(-\\frac{y}{\\hat{y}} + \\frac{1 - y}{1 - \\hat{y}}\\Bigr)`;
  lines.push(chain('\\frac{\\partial L}{\\partial \\hat{y}}', trueForm, v(pieces.probabilityGrad)));
  const atLogits = pieces.logitGrad ?? pieces.logitGradByChainRule;
  lines.push(chain('\\frac{\\partial L}{\\partial z}', `${scale}(\\hat{y} - y)`, `${scale}\\bigl(${v(pieces.probabilities)} - ${v(pieces.labels)}\\bigr)`, v(atLogits)));
  return lines;
}
