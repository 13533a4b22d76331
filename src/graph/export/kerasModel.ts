// The graph-specific Python of an exported Keras script: `build_model()` (keras.Sequential for a plain chain, the
// functional API for any other DAG; layerPlan.ts), the DENSE_LAYERS table tying each Dense layer to its node id's
// weight names, and the loss, metrics and optimizer with Keras' own classes and argument names. Layer and value names
// are generated (dense_1…, v0…); node ids appear only as string literals in the table.
import type { ActivationName, OptimizerSpec, ProgramSpec } from '../../core/index';
import { reportsAccuracy, type GraphExport } from './exportInput';
import { kernelRegularizer, layerPlan, namedActivation, type PlannedLayer } from './layerPlan';
import { pyBool, pyCount, pyNumber, pyString, pyStringList } from './pythonText';

function activationLayer(fn: ActivationName, alpha: number): string {
  const named = namedActivation(fn, alpha);
  if (named !== undefined) return `layers.Activation(${pyString(named)})`;
  // Keras 3 names leaky_relu's slope negative_slope (Keras 2: alpha).
  if (fn === 'leaky_relu') return `layers.LeakyReLU(negative_slope=${pyNumber(alpha, 'alpha')})`;
  return `layers.ELU(alpha=${pyNumber(alpha, 'alpha')})`;
}

/** `, kernel_regularizer=keras.regularizers.L2(l2=…)` (or L1, L1L2), or nothing. */
function kerasRegularizer(op: Extract<PlannedLayer, { kind: 'dense' }>['op']): string {
  const regularizer = kernelRegularizer(op);
  if (regularizer === undefined) return '';
  const l1 = `l1=${pyNumber(regularizer.l1, 'l1')}`;
  const l2 = `l2=${pyNumber(regularizer.l2, 'l2')}`;
  const call = regularizer.kind === 'l1' ? `L1(${l1})` : regularizer.kind === 'l2' ? `L2(${l2})` : `L1L2(${l1}, ${l2})`;
  return `, kernel_regularizer=keras.regularizers.${call}`;
}

function layerConstructor(layer: PlannedLayer): string {
  switch (layer.kind) {
    case 'dense': {
      const { op, name, activation } = layer;
      const fused = activation === undefined ? '' : `, activation=${pyString(activation)}`;
      return `layers.Dense(${pyCount(op.units, 'units')}${fused}, use_bias=${pyBool(op.useBias)}, `
        + `kernel_initializer=${pyString(op.init)}${kerasRegularizer(op)}, name=${pyString(name)})`;
    }
    case 'activation': return activationLayer(layer.fn, layer.alpha);
    case 'dropout': return `layers.Dropout(${pyNumber(layer.rate, 'the dropout rate')})`;
    case 'features': return `Features(${pyStringList(layer.groups)})`;
    case 'add': return 'layers.Add()';
    case 'concat': return 'layers.Concatenate()';
  }
}

const valueName = (value: number): string => `v${value}`;

/** NN Graph's features node as a Keras layer (src/core/ops/features.ts): written only when the graph has one. */
const FEATURES_LAYER = `@keras.saving.register_keras_serializable(package="nngraph")
class Features(layers.Layer):
    # x, x^2, x_i * x_j for each pair of columns i < j (row-major) and sin x, for the chosen groups, side by side in
    # that order whatever order the groups are listed in, as NN Graph's features node. No weights.

    def __init__(self, groups, **kwargs):
        super().__init__(**kwargs)
        self.groups = list(groups)

    def build(self, input_shape):
        width = input_shape[-1]
        self.pair_rows = [i for i in range(width) for j in range(i + 1, width)]
        self.pair_cols = [j for i in range(width) for j in range(i + 1, width)]

    def call(self, x):
        parts = []
        if "x" in self.groups:
            parts.append(x)
        if "square" in self.groups:
            parts.append(x * x)
        if "product" in self.groups:
            parts.append(keras.ops.take(x, self.pair_rows, axis=1) * keras.ops.take(x, self.pair_cols, axis=1))
        if "sin" in self.groups:
            parts.append(keras.ops.sin(x))
        return keras.ops.concatenate(parts, axis=1)

    def get_config(self):
        return {**super().get_config(), "groups": self.groups}


`;

/** `build_model()` and the DENSE_LAYERS table. The model gives logits where the loss folds a sigmoid or softmax. */
export function kerasModel(spec: ProgramSpec): string {
  const { steps, chain } = layerPlan(spec);
  const table = steps.flatMap(({ layer, inputs }) => (layer.kind !== 'dense' ? [] : [
    `    (${pyString(layer.name)}, ${pyString(layer.op.nodeId)}, ${pyCount(spec.valueWidths[inputs[0]], 'a layer width')}, `
      + `${pyCount(layer.op.units, 'units')}, ${pyBool(layer.op.useBias)}),`,
  ]));
  const input = `keras.Input(shape=(${pyCount(spec.featureCount, 'the feature count')},))`;
  const body = chain
    ? ['    return keras.Sequential([', `        ${input},`, ...steps.map(({ layer }) => `        ${layerConstructor(layer)},`), '    ])']
    : [
      `    ${valueName(0)} = ${input}`,
      ...steps.map(({ layer, inputs, output }) => {
        const argument = inputs.length === 1 ? valueName(inputs[0]) : `[${inputs.map(valueName).join(', ')}]`;
        return `    ${valueName(output)} = ${layerConstructor(layer)}(${argument})`;
      }),
      `    return keras.Model(inputs=${valueName(0)}, outputs=${valueName(spec.loss.predictions)})`,
    ];
  const hasFeatures = steps.some(({ layer }) => layer.kind === 'features');
  return [
    ...(hasFeatures ? [FEATURES_LAYER] : []),
    '# Each Dense layer: its name in the model, the node id its safetensors names start with, inputs, units, bias.',
    `DENSE_LAYERS = [\n${table.join('\n')}\n]`,
    '',
    '',
    'def build_model():',
    ...body,
    '',
    '',
  ].join('\n');
}

/** The loss and metrics Keras compiles with: from_logits where the graph folds the final activation into the loss. */
export function kerasLossAndMetrics(input: GraphExport): string {
  const { loss } = input.spec;
  if (input.spec.labelWidth !== 1 || input.spec.labelKind === 'onehot') throw new RangeError('export: one label column is supported (every version-1 dataset has one)');
  let lossClass: string;
  let accuracy: string;
  switch (loss.kind) {
    case 'binary-cross-entropy':
      lossClass = `keras.losses.BinaryCrossentropy(from_logits=${pyBool(loss.fromLogits)})`;
      accuracy = `keras.metrics.BinaryAccuracy(name="accuracy", threshold=${loss.fromLogits ? '0.0' : '0.5'})`;
      break;
    case 'categorical-cross-entropy':
      // Labels are class indices, as in the core.
      lossClass = `keras.losses.SparseCategoricalCrossentropy(from_logits=${pyBool(loss.fromLogits)})`;
      accuracy = 'keras.metrics.SparseCategoricalAccuracy(name="accuracy")';
      break;
    case 'mse':
      lossClass = 'keras.losses.MeanSquaredError()';
      accuracy = '';
      break;
  }
  const labels = input.spec.labelKind === 'index' ? 'values.astype(np.int64)' : 'values.astype(np.float32).reshape(-1, 1)';
  return [
    'def make_loss():',
    `    return ${lossClass}`,
    '',
    '',
    'def make_metrics():',
    `    return [${reportsAccuracy(input) ? accuracy : ''}]`,
    '',
    '',
    'def label_array(values):',
    `    return ${labels}`,
    '',
  ].join('\n');
}

/** `make_optimizer()`: Keras' optimizer of the graph's type with its settings under Keras' argument names. */
export function kerasOptimizer(optimizer: OptimizerSpec): string {
  const lr = `learning_rate=${pyNumber(optimizer.learningRate, 'the learning rate')}`;
  let call: string;
  switch (optimizer.type) {
    case 'sgd':
      call = `keras.optimizers.SGD(${lr}, momentum=${pyNumber(optimizer.momentum, 'momentum')}, nesterov=${pyBool(optimizer.nesterov)})`;
      break;
    case 'rmsprop':
      call = `keras.optimizers.RMSprop(${lr}, rho=${pyNumber(optimizer.rho, 'rho')}, momentum=${pyNumber(optimizer.momentum, 'momentum')}, `
        + `epsilon=${pyNumber(optimizer.epsilon, 'epsilon')}, centered=${pyBool(optimizer.centered)})`;
      break;
    case 'adam':
    case 'adamw': {
      const adam = `beta_1=${pyNumber(optimizer.beta1, 'beta1')}, beta_2=${pyNumber(optimizer.beta2, 'beta2')}, epsilon=${pyNumber(optimizer.epsilon, 'epsilon')}`;
      call = optimizer.type === 'adam'
        ? `keras.optimizers.Adam(${lr}, ${adam})`
        : `keras.optimizers.AdamW(${lr}, weight_decay=${pyNumber(optimizer.weightDecay, 'the weight decay')}, ${adam})`;
      break;
    }
  }
  return `def make_optimizer():\n    return ${call}\n`;
}
