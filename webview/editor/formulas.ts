// Each node's forward formula and its gradient, in the tutorial's notation: x the input row, z = xW + b the
// pre-activation, a = f(z), ŷ the prediction, y the label, δ = ∂L/∂(output) flowing back.
import type { NodeType } from '../../src/graph/index';

export interface NodeFormula { forward: string; gradient: string }

const ACTIVATIONS: Record<string, NodeFormula> = {
  relu: { forward: 'a = \\max(0,\\, z)', gradient: '\\frac{\\partial a}{\\partial z} = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}' },
  sigmoid: { forward: 'a = \\sigma(z) = \\frac{1}{1 + e^{-z}}', gradient: '\\frac{\\partial a}{\\partial z} = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr)' },
  tanh: { forward: 'a = \\tanh(z)', gradient: '\\frac{\\partial a}{\\partial z} = 1 - \\tanh^2(z)' },
  softmax: {
    forward: '\\hat{y}_i = \\frac{e^{z_i - \\max_k z_k}}{\\sum_j e^{z_j - \\max_k z_k}}',
    gradient: '\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\hat{y}_i\\,(\\delta_{ij} - \\hat{y}_j)',
  },
  leaky_relu: { forward: 'a = \\begin{cases} z & z > 0 \\\\ \\alpha z & z \\le 0 \\end{cases}', gradient: '\\frac{\\partial a}{\\partial z} = \\begin{cases} 1 & z > 0 \\\\ \\alpha & z \\le 0 \\end{cases}' },
  elu: { forward: 'a = \\begin{cases} z & z > 0 \\\\ \\alpha (e^{z} - 1) & z \\le 0 \\end{cases}', gradient: '\\frac{\\partial a}{\\partial z} = \\begin{cases} 1 & z > 0 \\\\ a + \\alpha & z \\le 0 \\end{cases}' },
  gelu: { forward: 'a = z\\,\\Phi(z)', gradient: '\\frac{\\partial a}{\\partial z} = \\Phi(z) + z\\,\\varphi(z)' },
  softplus: { forward: 'a = \\log(1 + e^{z})', gradient: '\\frac{\\partial a}{\\partial z} = \\sigma(z)' },
  linear: { forward: 'a = z', gradient: '\\frac{\\partial a}{\\partial z} = 1' },
};

export function formulaFor(type: NodeType, params: Record<string, unknown>): NodeFormula | undefined {
  switch (type) {
    case 'input':
      return { forward: 'X \\in \\mathbb{R}^{\\text{batch} \\times d},\\quad y', gradient: '\\text{(no parameters: nothing to learn)}' };
    case 'dense': {
      const dense = {
        forward: 'z = xW + b',
        gradient: '\\frac{\\partial L}{\\partial W} = x^{\\top}\\delta,\\quad \\frac{\\partial L}{\\partial b} = \\textstyle\\sum_{\\text{batch}} \\delta,\\quad \\frac{\\partial L}{\\partial x} = \\delta\\, W^{\\top}',
      };
      // Its own activation (Keras' Dense(activation=…)): a = f(z) after it, and δ is then ∂L/∂z = ∂L/∂a ⊙ ∂a/∂z.
      const name = params.activation;
      const own = typeof name === 'string' && name !== 'linear' && Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
      return own ? {
        forward: `${dense.forward},\\quad ${own.forward}`,
        gradient: `${own.gradient},\\quad \\delta = \\frac{\\partial L}{\\partial a} \\odot \\frac{\\partial a}{\\partial z},\\quad ${dense.gradient}`,
      } : dense;
    }
    case 'activation':
      return ACTIVATIONS[typeof params.fn === 'string' ? params.fn : ''];
    case 'dropout':
      return { forward: 'a = \\frac{m \\odot x}{1 - p},\\quad m_i \\sim \\text{Bernoulli}(1 - p)', gradient: '\\frac{\\partial L}{\\partial x} = \\frac{m \\odot \\delta}{1 - p}' };
    case 'features':
      return {
        forward: 'a = [\\, x \\;\\; x^2 \\;\\; x_i x_j\\,(i<j) \\;\\; \\sin x \\,]\\quad\\text{(the chosen groups)}',
        gradient: '\\frac{\\partial L}{\\partial x_i} = \\delta_{x_i} + 2x_i\\,\\delta_{x_i^2} + \\textstyle\\sum_{j \\ne i} x_j\\,\\delta_{x_i x_j} + \\cos x_i\\,\\delta_{\\sin x_i}',
      };
    case 'add':
      return { forward: 'a = x_a + x_b', gradient: '\\frac{\\partial L}{\\partial x_a} = \\frac{\\partial L}{\\partial x_b} = \\delta' };
    case 'concat':
      return { forward: 'a = [\\,x_a \\;\\; x_b\\,]', gradient: '\\frac{\\partial L}{\\partial x_a} = \\delta_{[:,\\,:d_a]},\\quad \\frac{\\partial L}{\\partial x_b} = \\delta_{[:,\\,d_a:]}' };
    case 'cross-entropy':
      return params.mode === 'categorical'
        ? { forward: 'L = -\\frac{1}{N}\\sum_{n}\\sum_{c} y_{c}\\,\\log \\hat{y}_{c}', gradient: '\\frac{\\partial L}{\\partial z} = \\frac{1}{N}(\\hat{y} - y)\\quad\\text{(softmax fused, from logits } z)' }
        : { forward: 'L = -\\frac{1}{N}\\sum_{n}\\bigl[y \\log \\hat{y} + (1 - y)\\log(1 - \\hat{y})\\bigr]', gradient: '\\frac{\\partial L}{\\partial z} = \\frac{1}{N}(\\hat{y} - y)\\quad\\text{(sigmoid fused, from logits } z)' };
    case 'mse':
      return { forward: 'L = \\frac{1}{N k}\\sum_{n}\\sum_{j} (\\hat{y}_j - y_j)^2', gradient: '\\frac{\\partial L}{\\partial \\hat{y}} = \\frac{2}{N k}(\\hat{y} - y)' };
  }
}
