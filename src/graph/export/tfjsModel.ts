// The graph-specific JavaScript of an exported TF.js program: the constants, buildModel() (tf.sequential for a plain
// chain, tf.model for any other DAG; layerPlan.ts), the DENSE_LAYERS table, and the loss, accuracy and optimizer the
// core uses for this graph. Every identifier is generated; file text appears only as jsString literals.
import type { ActivationName, EarlyStoppingConfig, InitializerName, OptimizerSpec, ProgramSpec } from '../../core/index';
import { EPSILON } from '../../core/pure';
import { reportsAccuracy, type GraphExport } from './exportInput';
import { jsBool, jsCount, jsNumber, jsString, jsStringList } from './jsText';
import { kernelRegularizer, layerPlan, namedActivation, type PlannedLayer } from './layerPlan';

const TFJS_INITIALIZERS: Readonly<Record<InitializerName, string>> = {
  glorot_uniform: 'glorotUniform', glorot_normal: 'glorotNormal', he_uniform: 'heUniform', he_normal: 'heNormal', zeros: 'zeros',
};

export function tfjsConstants(input: GraphExport): string {
  const { training, data } = input;
  if (training.batchSize < 1) throw new RangeError('export: the batch size must be at least 1');
  return [
    `const GRAPH_NAME = ${jsString(input.graphName)};`,
    `const DATA = { csv: ${jsString(data.csv)}, label: ${jsString(data.label)}, features: ${jsStringList(data.features)} };`,
    `const NORMALIZE = ${jsString(input.normalize)};`,
    `const TRAINING = { epochs: ${jsCount(training.epochs, 'epochs')}, batchSize: ${jsCount(training.batchSize, 'the batch size')}, `
      + `seed: ${jsNumber(training.seed, 'the seed')}, validationSplit: ${jsNumber(training.validationSplit, 'the validation split')}, `
      + `shuffle: ${jsBool(training.shuffle)}, accuracy: ${jsBool(reportsAccuracy(input))} };`,
    `const EARLY_STOPPING = ${jsEarlyStopping(training.earlyStopping)};`,
    `const DEFAULT_INIT_WEIGHTS = ${input.defaultInitWeights === undefined ? 'null' : jsString(input.defaultInitWeights)};`,
    '',
  ].join('\n');
}

/** Keras' EarlyStopping settings on val_loss as an object literal, or null. */
function jsEarlyStopping(config: EarlyStoppingConfig | undefined): string {
  if (config === undefined) return 'null';
  return `{ patience: ${jsCount(config.patience, 'the patience')}, minDelta: ${jsNumber(config.minDelta, 'minDelta')}, `
    + `restoreBestWeights: ${jsBool(config.restoreBestWeights)} }`;
}

function activationLayer(fn: ActivationName, alpha: number): string {
  const named = namedActivation(fn, alpha);
  if (named !== undefined) return `tf.layers.activation({ activation: ${jsString(named)} })`;
  if (fn === 'leaky_relu') return `tf.layers.leakyReLU({ alpha: ${jsNumber(alpha, 'alpha')} })`;
  return `tf.layers.elu({ alpha: ${jsNumber(alpha, 'alpha')} })`;
}

/** `, kernelRegularizer: tf.regularizers.l2({ l2: … })` (or l1, l1l2), or nothing. */
function tfjsRegularizer(op: Extract<PlannedLayer, { kind: 'dense' }>['op']): string {
  const regularizer = kernelRegularizer(op);
  if (regularizer === undefined) return '';
  const l1 = `l1: ${jsNumber(regularizer.l1, 'l1')}`;
  const l2 = `l2: ${jsNumber(regularizer.l2, 'l2')}`;
  const call = regularizer.kind === 'l1' ? `l1({ ${l1} })` : regularizer.kind === 'l2' ? `l2({ ${l2} })` : `l1l2({ ${l1}, ${l2} })`;
  return `, kernelRegularizer: tf.regularizers.${call}`;
}

function layerConstructor(layer: PlannedLayer): string {
  switch (layer.kind) {
    case 'dense': {
      const { op, name, activation } = layer;
      const fused = activation === undefined ? '' : `, activation: ${jsString(activation)}`;
      return `tf.layers.dense({ units: ${jsCount(op.units, 'units')}${fused}, useBias: ${jsBool(op.useBias)}, `
        + `kernelInitializer: ${jsString(TFJS_INITIALIZERS[op.init])}${tfjsRegularizer(op)}, name: ${jsString(name)} })`;
    }
    case 'activation': return activationLayer(layer.fn, layer.alpha);
    case 'dropout': return `tf.layers.dropout({ rate: ${jsNumber(layer.rate, 'the dropout rate')} })`;
    case 'features': return `new Features({ groups: ${jsStringList(layer.groups)} })`;
    case 'add': return 'tf.layers.add()';
    case 'concat': return 'tf.layers.concatenate()';
  }
}

const valueName = (value: number): string => `v${value}`;

/** NN Graph's features node as a TF.js layer (src/core/ops/features.ts): written only when the graph has one. */
const FEATURES_LAYER = `// x, x^2, x_i * x_j for each pair of columns i < j (row-major) and sin x, for the chosen groups, side by side in that
// order whatever order the groups are listed in, as NN Graph's features node. No weights.
class Features extends tf.layers.Layer {
  constructor(config) {
    super(config);
    this.groups = config.groups;
  }

  static get className() {
    return "NNGraphFeatures";
  }

  computeOutputShape(inputShape) {
    const width = inputShape[1];
    const perGroup = { x: width, square: width, product: (width * (width - 1)) / 2, sin: width };
    return [inputShape[0], this.groups.reduce((total, group) => total + perGroup[group], 0)];
  }

  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const width = x.shape[1];
      const parts = [];
      if (this.groups.includes("x")) parts.push(x);
      if (this.groups.includes("square")) parts.push(tf.mul(x, x));
      if (this.groups.includes("product")) {
        const rows = [];
        const cols = [];
        for (let i = 0; i < width; i++) for (let j = i + 1; j < width; j++) { rows.push(i); cols.push(j); }
        parts.push(tf.mul(tf.gather(x, rows, 1), tf.gather(x, cols, 1)));
      }
      if (this.groups.includes("sin")) parts.push(tf.sin(x));
      return tf.concat(parts, 1);
    });
  }

  getConfig() {
    return { ...super.getConfig(), groups: this.groups };
  }
}
tf.serialization.registerClass(Features);
`;

/** buildModel() and DENSE_LAYERS; the model gives logits where the loss folds a sigmoid or softmax, as in the core. */
export function tfjsModel(spec: ProgramSpec): string {
  const { steps, chain } = layerPlan(spec);
  const table = steps.flatMap(({ layer, inputs }) => (layer.kind !== 'dense' ? [] : [
    `  { layer: ${jsString(layer.name)}, nodeId: ${jsString(layer.op.nodeId)}, inputs: ${jsCount(spec.valueWidths[inputs[0]], 'a layer width')}, `
      + `units: ${jsCount(layer.op.units, 'units')}, useBias: ${jsBool(layer.op.useBias)} },`,
  ]));
  const features = jsCount(spec.featureCount, 'the feature count');
  const body = chain
    ? ['  return tf.sequential({ layers: [', `    tf.layers.inputLayer({ inputShape: [${features}] }),`,
      ...steps.map(({ layer }) => `    ${layerConstructor(layer)},`), '  ] });']
    : [
      `  const ${valueName(0)} = tf.input({ shape: [${features}] });`,
      ...steps.map(({ layer, inputs, output }) => {
        const argument = inputs.length === 1 ? valueName(inputs[0]) : `[${inputs.map(valueName).join(', ')}]`;
        return `  const ${valueName(output)} = ${layerConstructor(layer)}.apply(${argument});`;
      }),
      `  return tf.model({ inputs: ${valueName(0)}, outputs: ${valueName(spec.loss.predictions)} });`,
    ];
  const featuresLayer = steps.some(({ layer }) => layer.kind === 'features') ? [FEATURES_LAYER] : [];
  return [...featuresLayer, `const DENSE_LAYERS = [\n${table.join('\n')}\n];`, '', 'function buildModel() {', ...body, '}', ''].join('\n');
}

/** batchLoss, accuracy and labelTensor as src/core/losses.ts and metrics.ts compute them for this loss. */
export function tfjsLoss(spec: ProgramSpec): string {
  const { loss } = spec;
  if (spec.labelWidth !== 1 || spec.labelKind === 'onehot') throw new RangeError('export: one label column is supported (every version-1 dataset has one)');
  const classes = jsCount(spec.classCount, 'the class count');
  let lossBody: string;
  let correct: string;
  switch (loss.kind) {
    case 'binary-cross-entropy':
      lossBody = loss.fromLogits
        ? 'tf.losses.sigmoidCrossEntropy(labels, outputs)'
        : 'tf.neg(tf.mean(tf.add(tf.mul(labels, tf.log(clipped(outputs))), tf.mul(tf.sub(1, labels), tf.log(tf.sub(1, clipped(outputs)))))))';
      correct = `tf.equal(tf.greater(outputs, ${loss.fromLogits ? '0' : '0.5'}), tf.greater(labels, 0.5))`;
      break;
    case 'categorical-cross-entropy':
      // The labels arrive one-hot (labelTensor below): model.fit checks targets against the output's shape.
      lossBody = loss.fromLogits
        ? 'tf.losses.softmaxCrossEntropy(labels, outputs)'
        : 'tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(clipped(tf.div(outputs, tf.sum(outputs, 1, true))))), 1)))';
      correct = 'tf.equal(tf.argMax(outputs, 1), tf.argMax(labels, 1))';
      break;
    case 'mse':
      lossBody = 'tf.losses.meanSquaredError(labels, outputs)';
      correct = 'tf.zerosLike(outputs)';
      break;
  }
  return [
    "// Keras' epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before a logarithm.",
    `const EPSILON = ${jsNumber(EPSILON, 'epsilon')};`,
    'const clipped = (probabilities) => tf.clipByValue(probabilities, EPSILON, 1 - EPSILON);',
    `const batchLoss = (labels, outputs) => ${lossBody};`,
    // TF.js's fit() checks the targets against the model's output shape, so class indices become one-hot rows.
    loss.kind === 'categorical-cross-entropy'
      ? `const labelTensor = (values) => tf.oneHot(tf.tensor1d(Int32Array.from(values), "int32"), ${classes}).toFloat();`
      : 'const labelTensor = (values) => tf.tensor2d(values, [values.length, 1]);',
    // Named `accuracy` so TF.js reports it as accuracy and val_accuracy.
    `function accuracy(labels, outputs) {\n  return tf.mean(tf.cast(${correct}, "float32"));\n}`,
    '',
  ].join('\n');
}

/** makeOptimizer() and the AdamW weight decay TF.js lacks (applied before each step, as Keras' AdamW does). */
export function tfjsOptimizer(optimizer: OptimizerSpec): string {
  const lr = jsNumber(optimizer.learningRate, 'the learning rate');
  let call: string;
  let decay = '0';
  switch (optimizer.type) {
    case 'sgd':
      call = optimizer.momentum > 0
        ? `tf.train.momentum(${lr}, ${jsNumber(optimizer.momentum, 'momentum')}, ${jsBool(optimizer.nesterov)})`
        : `tf.train.sgd(${lr})`;
      break;
    case 'rmsprop':
      call = `tf.train.rmsprop(${lr}, ${jsNumber(optimizer.rho, 'rho')}, ${jsNumber(optimizer.momentum, 'momentum')}, `
        + `${jsNumber(optimizer.epsilon, 'epsilon')}, ${jsBool(optimizer.centered)})`;
      break;
    case 'adam':
    case 'adamw':
      call = `tf.train.adam(${lr}, ${jsNumber(optimizer.beta1, 'beta1')}, ${jsNumber(optimizer.beta2, 'beta2')}, ${jsNumber(optimizer.epsilon, 'epsilon')})`;
      if (optimizer.type === 'adamw') decay = jsNumber(optimizer.learningRate * optimizer.weightDecay, 'the weight decay');
      break;
  }
  return [
    `const makeOptimizer = () => ${call};`,
    '// AdamW: every weight is multiplied by (1 - learning rate × weight decay) before each step; 0 for the others.',
    `const DECAY_PER_STEP = ${decay};`,
    '',
  ].join('\n');
}
