// The graph-specific Python of an exported PyTorch script: an nn.Module whose forward runs the compiled program's ops
// in their order (values v0…vN, layers layer1…, every identifier generated here, never taken from the file), the
// table tying each dense layer to its node id's weight names, and the loss, accuracy and probabilities the core
// computes for this loss (src/core/losses.ts, metrics.ts; a folded sigmoid/softmax is applied by the loss).
import type { ActivationName, FeatureGroup, OpSpec, ProgramSpec } from '../../core/index';
import { FEATURE_GROUPS } from '../../core/pure';
import { EPSILON } from '../../core/pure';
import { pyBool, pyCount, pyNumber, pyString } from './pythonText';

const layerName = (opIndex: number): string => `layer${opIndex + 1}`;
const valueName = (value: number): string => `v${value}`;

function activationExpression(fn: ActivationName, input: string, alpha: number): string {
  switch (fn) {
    case 'relu': return `torch.relu(${input})`;
    case 'sigmoid': return `torch.sigmoid(${input})`;
    case 'tanh': return `torch.tanh(${input})`;
    case 'softmax': return `torch.softmax(${input}, dim=1)`;
    case 'leaky_relu': return `F.leaky_relu(${input}, ${pyNumber(alpha, 'alpha')})`;
    case 'elu': return `F.elu(${input}, ${pyNumber(alpha, 'alpha')})`;
    // Keras' default gelu, as the core: x * Phi(x) with the exact erf (PyTorch's default too).
    case 'gelu': return `F.gelu(${input})`;
    case 'softplus': return `F.softplus(${input})`;
    case 'linear': return input;
  }
}

/** The Python of one group of derived features of `input` (ops/features.ts: x, x², xᵢxⱼ for i < j, sin x). */
function featureGroupExpression(group: FeatureGroup, input: string): string {
  switch (group) {
    case 'x': return input;
    case 'square': return `${input} * ${input}`;
    case 'product': return `pair_products(${input})`;
    case 'sin': return `torch.sin(${input})`;
  }
}

/** `pair_products`, written only when a features node multiplies pairs. */
const PAIR_PRODUCTS = [
  '# x_i * x_j for each pair of columns i < j, in row-major order (0, 1), (0, 2), ..., (1, 2), ..., as NN Graph\'s features node.',
  'def pair_products(values):',
  '    rows, cols = torch.triu_indices(values.shape[1], values.shape[1], 1, device=values.device)',
  '    return values[:, rows] * values[:, cols]',
  '',
  '',
];

function forwardLine(op: OpSpec, index: number): string {
  const output = valueName(index + 1);
  switch (op.kind) {
    case 'dense': return `${output} = self.${layerName(index)}(${valueName(op.input)})`;
    case 'activation': return `${output} = ${activationExpression(op.fn, valueName(op.input), op.alpha)}`;
    case 'dropout': return `${output} = F.dropout(${valueName(op.input)}, ${pyNumber(op.rate, 'the dropout rate')}, self.training)`;
    case 'features': {
      // The chosen groups side by side, always in FEATURE_GROUPS order, as the core writes them.
      const parts = FEATURE_GROUPS.filter((group) => op.groups.includes(group)).map((group) => featureGroupExpression(group, valueName(op.input)));
      return `${output} = torch.cat([${parts.join(', ')}], dim=1)`;
    }
    case 'add': return `${output} = ${valueName(op.inputs[0])} + ${valueName(op.inputs[1])}`;
    case 'concat': return `${output} = torch.cat([${valueName(op.inputs[0])}, ${valueName(op.inputs[1])}], dim=1)`;
  }
}

/** The dense op's regularization terms over its weight (PyTorch's [units, in] is the kernel transposed: same sums). */
function penaltyTerms(op: Extract<OpSpec, { kind: 'dense' }>, index: number): string[] {
  const weight = `self.${layerName(index)}.weight`;
  const terms: string[] = [];
  if ((op.l1 ?? 0) > 0) terms.push(`${pyNumber(op.l1 ?? 0, 'l1')} * ${weight}.abs().sum()`);
  if ((op.l2 ?? 0) > 0) terms.push(`${pyNumber(op.l2 ?? 0, 'l2')} * (${weight} ** 2).sum()`);
  return terms;
}

/** `class GraphModel(torch.nn.Module)` and the DENSE_LAYERS table that names each layer's weights. */
export function pythonModel(spec: ProgramSpec): string {
  const layers: string[] = [];
  const table: string[] = [];
  spec.ops.forEach((op, index) => {
    if (op.kind !== 'dense') return;
    const inputs = pyCount(spec.valueWidths[op.input], 'a layer width');
    const units = pyCount(op.units, 'units');
    layers.push(`        self.${layerName(index)} = torch.nn.Linear(${inputs}, ${units}, bias=${pyBool(op.useBias)})`);
    table.push(`    (${pyString(layerName(index))}, ${pyString(op.nodeId)}, ${inputs}, ${units}, ${pyBool(op.useBias)}, ${pyString(op.init)}),`);
  });
  const forward = spec.ops.map((op, index) => `        ${forwardLine(op, index)}`);
  const penalties = spec.ops.flatMap((op, index) => (op.kind === 'dense' ? penaltyTerms(op, index) : []));
  const multipliesPairs = spec.ops.some((op) => op.kind === 'features' && op.groups.includes('product'));
  return [
    ...(multipliesPairs ? PAIR_PRODUCTS : []),
    '# Each dense layer: its attribute, the node id its safetensors names start with, inputs, units, bias, initializer.',
    `DENSE_LAYERS = [\n${table.join('\n')}\n]`,
    '',
    '',
    'class GraphModel(torch.nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    ...(layers.length > 0 ? layers : ['        pass']),
    '',
    '    def forward(self, v0):',
    ...forward,
    `        return ${valueName(spec.loss.predictions)}`,
    '',
    '    # Keras\' kernel_regularizer: l1 * sum|W| + l2 * sum W^2 per regularized dense layer, added to the loss.',
    '    def penalty(self):',
    `        return ${penalties.length > 0 ? penalties.join(' + ') : '0.0'}`,
    '',
  ].join('\n');
}

/** A one-line Python function (and the two blank lines after it); every part is generated here. */
function pyFunction(name: string, parameters: string, expression: string): string {
  return `def ${name}(${parameters}):\n    return ${expression}\n\n`;
}

/** label_tensor, batch_loss, count_correct and probabilities for the program's loss. */
export function pythonLoss(spec: ProgramSpec): string {
  const { loss } = spec;
  if (spec.labelWidth !== 1 || spec.labelKind === 'onehot') throw new RangeError('export: one label column is supported (every version-1 dataset has one)');
  const labels = spec.labelKind === 'index'
    ? 'torch.from_numpy(values).long()'
    : 'torch.from_numpy(values.astype(np.float32)).reshape(-1, 1)';
  let lossBody: string;
  let correctBody: string;
  let probabilities = 'outputs';
  switch (loss.kind) {
    case 'binary-cross-entropy':
      lossBody = loss.fromLogits
        ? 'F.binary_cross_entropy_with_logits(outputs, labels)'
        : '-(labels * torch.log(clipped(outputs)) + (1 - labels) * torch.log(1 - clipped(outputs))).mean()';
      correctBody = `((outputs > ${loss.fromLogits ? '0.0' : '0.5'}) == (labels > 0.5)).sum().item() / outputs.shape[1]`;
      if (loss.fromLogits) probabilities = 'torch.sigmoid(outputs)';
      break;
    case 'categorical-cross-entropy':
      lossBody = loss.fromLogits
        ? 'F.cross_entropy(outputs, labels)'
        : '-torch.log(clipped(outputs / outputs.sum(dim=1, keepdim=True)).gather(1, labels.reshape(-1, 1))).mean()';
      correctBody = '(outputs.argmax(dim=1) == labels).sum().item()';
      if (loss.fromLogits) probabilities = 'torch.softmax(outputs, dim=1)';
      break;
    case 'mse':
      lossBody = '((outputs - labels) ** 2).mean()';
      correctBody = '0.0';
      break;
  }
  return [
    '# Keras\' epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before a logarithm.',
    `EPSILON = ${pyNumber(EPSILON, 'epsilon')}`,
    '',
    '',
    pyFunction('clipped', 'probabilities', 'probabilities.clamp(EPSILON, 1 - EPSILON)'),
    pyFunction('label_tensor', 'values', labels),
    pyFunction('batch_loss', 'outputs, labels', lossBody),
    pyFunction('count_correct', 'outputs, labels', correctBody),
    pyFunction('probabilities', 'outputs', probabilities),
  ].join('\n');
}
