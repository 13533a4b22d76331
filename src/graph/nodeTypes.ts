// Per node type: its ports, its parameters (defaults and constraints) and how its output shapes follow from its
// inputs. The editor's palette and inspector read this table; the validator and the compiler enforce it.
import { FEATURE_GROUPS, featuresWidth } from '../core/pure';
import type { FeatureGroup } from '../core/index';
import type { ActivationName, InitializerName, NodeType, Shape } from './types';

export const ACTIVATION_FUNCTIONS: readonly ActivationName[] = [
  'relu', 'sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'gelu', 'softplus', 'linear',
];
export const INITIALIZERS: readonly InitializerName[] = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'zeros'];
export const NORMALIZE_MODES = ['standard', 'minmax', 'none'] as const;
export type NormalizeMode = (typeof NORMALIZE_MODES)[number];
export const CROSS_ENTROPY_MODES = ['binary', 'categorical'] as const;
export type CrossEntropyMode = (typeof CROSS_ENTROPY_MODES)[number];

/** The largest dense layer accepted; beyond it a single layer would exhaust memory rather than train. */
export const MAX_UNITS = 65536;
/** The widest input an input node's `featureCount` declares (and an imported model may read). */
export const MAX_FEATURE_COUNT = 1_000_000;

export interface PortInfo {
  name: string;
  description: string;
}

interface ParamBase {
  name: string;
  description: string;
  /** A required parameter has no default; the palette uses `suggested` when it creates a node. */
  required?: boolean;
  /** A required parameter that may be left out when this other parameter is given (a dataset, when featureCount is). */
  requiredUnless?: string;
}

export type ParamSpec =
  | (ParamBase & { kind: 'integer'; min: number; max?: number; default?: number; suggested?: number })
  | (ParamBase & {
      kind: 'number'; min?: number; minExclusive?: boolean; max?: number; maxExclusive?: boolean;
      default?: number; suggested?: number;
      /** The activation functions the parameter applies to, with the default for each. */
      defaultByFn?: Partial<Record<ActivationName, number>>;
    })
  | (ParamBase & { kind: 'boolean'; default?: boolean })
  | (ParamBase & { kind: 'enum'; values: readonly string[]; default?: string; suggested?: string })
  /** A list of distinct choices whose order does not matter (a features node's groups). */
  | (ParamBase & { kind: 'enumSet'; values: readonly string[]; default?: readonly string[]; suggested?: readonly string[] })
  | (ParamBase & { kind: 'dataset'; suggested: Record<string, unknown> });

export type NodeCategory = 'input' | 'layer' | 'merge' | 'loss';

export interface NodeTypeInfo {
  type: NodeType;
  label: string;
  description: string;
  category: NodeCategory;
  inputs: readonly PortInfo[];
  outputs: readonly PortInfo[];
  params: readonly ParamSpec[];
  /** The node most often added after this one: the editor suggests it ("Next: Activation") on a node whose output is not wired yet. */
  next?: NodeType;
}

const inPort: PortInfo = { name: 'in', description: 'The values this layer reads, [batch, width].' };
const outPort: PortInfo = { name: 'out', description: 'The values this layer produces.' };
const lossPorts: readonly PortInfo[] = [
  { name: 'predictions', description: 'What the model predicts, [batch, width].' },
  { name: 'labels', description: 'The true labels; connect the input node\'s labels.' },
];

export const NODE_TYPES: Readonly<Record<NodeType, NodeTypeInfo>> = {
  input: {
    type: 'input', label: 'Input', category: 'input', next: 'dense',
    description: 'The dataset: features go into the model, labels go to the loss.',
    inputs: [],
    outputs: [
      { name: 'features', description: 'Feature rows, [batch, featureCount].' },
      { name: 'labels', description: 'Labels: class indices [batch], or [batch, k] for several label columns.' },
    ],
    params: [
      { name: 'dataset', kind: 'dataset', required: true, requiredUnless: 'featureCount', suggested: { builtin: 'moons', samples: 1000, noise: 0.15 },
        description: 'A built-in dataset `{ "builtin": name, …options }` or a CSV file `{ "csv": path, "label": column }`.' },
      { name: 'featureCount', kind: 'integer', min: 1, max: MAX_FEATURE_COUNT,
        description: 'The number of features the model reads, declared by the graph itself (an imported model carries it), so shapes are known before a dataset is chosen; a dataset must then have this many.' },
      { name: 'normalize', kind: 'enum', values: NORMALIZE_MODES, default: 'standard',
        description: 'How features are scaled before training: to mean 0 / variance 1, to [0, 1], or not at all.' },
    ],
  },
  dense: {
    type: 'dense', label: 'Dense', category: 'layer', next: 'activation',
    description: 'A fully connected layer: out = in · kernel + bias.',
    inputs: [inPort], outputs: [outPort],
    params: [
      { name: 'units', kind: 'integer', min: 1, max: MAX_UNITS, required: true, suggested: 16, description: 'Number of output units.' },
      { name: 'useBias', kind: 'boolean', default: true, description: 'Add a bias vector.' },
      { name: 'init', kind: 'enum', values: INITIALIZERS, default: 'glorot_uniform', description: 'How the kernel is initialized (the bias starts at zero).' },
      { name: 'l1', kind: 'number', min: 0, default: 0,
        description: 'L1 regularization of the kernel: l1·Σ|kernel| is added to the loss (Keras\' kernel_regularizer l1).' },
      { name: 'l2', kind: 'number', min: 0, default: 0,
        description: 'L2 regularization of the kernel: l2·Σkernel² is added to the loss (Keras\' kernel_regularizer l2, no ½).' },
      { name: 'activation', kind: 'enum', values: ACTIVATION_FUNCTIONS, default: 'linear',
        description: 'A function applied to the output, as Keras\' Dense(activation=…): the same as an activation node after it (leaky_relu and elu with their default alpha); linear applies none.' },
    ],
  },
  activation: {
    type: 'activation', label: 'Activation', category: 'layer', next: 'dense',
    description: 'Applies a function element by element (softmax: across each row).',
    inputs: [inPort], outputs: [outPort],
    params: [
      { name: 'fn', kind: 'enum', values: ACTIVATION_FUNCTIONS, required: true, suggested: 'relu', description: 'The activation function.' },
      { name: 'alpha', kind: 'number', defaultByFn: { leaky_relu: 0.01, elu: 1 },
        description: 'Slope for negative inputs (leaky_relu, default 0.01) or scale (elu, default 1).' },
    ],
  },
  dropout: {
    type: 'dropout', label: 'Dropout', category: 'layer', next: 'dense',
    description: 'During training, zeroes a fraction of the values and scales the rest up; does nothing at inference.',
    inputs: [inPort], outputs: [outPort],
    params: [
      { name: 'rate', kind: 'number', min: 0, max: 1, maxExclusive: true, required: true, suggested: 0.5, description: 'Fraction of values dropped, in [0, 1).' },
    ],
  },
  features: {
    type: 'features', label: 'Features', category: 'layer',
    description: 'Derived features, as TensorFlow Playground\'s inputs: x, x², the product of each pair of columns, sin x; the chosen groups side by side. No weights.',
    inputs: [inPort], outputs: [outPort],
    params: [
      { name: 'include', kind: 'enumSet', values: FEATURE_GROUPS, required: true, suggested: FEATURE_GROUPS,
        description: 'The groups of columns, always output in this order: x (the input itself), square (x² per column), product (xᵢ·xⱼ for each pair i < j), sin (sin x per column).' },
    ],
  },
  add: {
    type: 'add', label: 'Add', category: 'merge', next: 'dense',
    description: 'Adds two inputs of the same shape.',
    inputs: [{ name: 'a', description: 'First summand.' }, { name: 'b', description: 'Second summand, same shape as a.' }],
    outputs: [outPort], params: [],
  },
  concat: {
    type: 'concat', label: 'Concatenate', category: 'merge', next: 'dense',
    description: 'Joins two inputs side by side: widths add up.',
    inputs: [{ name: 'a', description: 'Left columns.' }, { name: 'b', description: 'Right columns.' }],
    outputs: [outPort], params: [],
  },
  'cross-entropy': {
    type: 'cross-entropy', label: 'Cross-entropy', category: 'loss',
    description: 'Classification loss: binary (sigmoid, one unit) or categorical (softmax, one unit per class).',
    inputs: lossPorts, outputs: [],
    params: [
      { name: 'mode', kind: 'enum', values: CROSS_ENTROPY_MODES, required: true, suggested: 'binary', description: 'Binary or categorical cross-entropy.' },
      { name: 'fromLogits', kind: 'boolean', default: false, description: 'The predictions are logits (no sigmoid/softmax applied yet).' },
    ],
  },
  mse: {
    type: 'mse', label: 'Mean squared error', category: 'loss',
    description: 'Regression loss: the mean of (prediction − label)².',
    inputs: lossPorts, outputs: [], params: [],
  },
};

export const NODE_TYPE_NAMES = Object.keys(NODE_TYPES) as NodeType[];

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NODE_TYPES, value);
}

export function isLossType(type: NodeType): boolean {
  return NODE_TYPES[type].category === 'loss';
}

export function portsOf(type: NodeType): { inputs: readonly PortInfo[]; outputs: readonly PortInfo[] } {
  const info = NODE_TYPES[type];
  return { inputs: info.inputs, outputs: info.outputs };
}

export function paramSpec(type: NodeType, name: string): ParamSpec | undefined {
  return NODE_TYPES[type].params.find((p) => p.name === name);
}

/**
 * The parameters a new node of `type` starts with: every default, and the suggested value of each required
 * parameter (so a node dropped from the palette is valid at once).
 */
export function paramDefaults(type: NodeType): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const spec of NODE_TYPES[type].params) {
    if (spec.kind === 'dataset') defaults[spec.name] = structuredCloneRecord(spec.suggested);
    else if (spec.kind === 'number' && spec.defaultByFn) continue; // depends on fn; only written when set
    else if (spec.required && 'suggested' in spec && spec.suggested !== undefined) defaults[spec.name] = copyList(spec.suggested);
    else if (spec.default !== undefined) defaults[spec.name] = copyList(spec.default);
  }
  return defaults;
}

/** The value a parameter has in effect: the file's value if valid-looking, else its default. */
export function effectiveParam(type: NodeType, params: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(params, name) && params[name] !== undefined) return params[name];
  const spec = paramSpec(type, name);
  if (!spec) return undefined;
  if (spec.kind === 'number' && spec.defaultByFn) {
    const fn = params.fn;
    return typeof fn === 'string' ? spec.defaultByFn[fn as ActivationName] : undefined;
  }
  return 'default' in spec ? spec.default : undefined;
}

/** A list value gets its own copy, so a node's params never share the table's array. */
function copyList<T>(value: T): T {
  return (Array.isArray(value) ? [...(value as unknown[])] : value) as T;
}

/**
 * A features node's `include` as the core reads it: the known groups it names, each once, in FEATURE_GROUPS order;
 * undefined when it is not a list of known group names (the params check says why).
 */
export function featureGroupsOf(include: unknown): FeatureGroup[] | undefined {
  if (!Array.isArray(include) || !include.every((group) => (FEATURE_GROUPS as readonly unknown[]).includes(group))) return undefined;
  return FEATURE_GROUPS.filter((group) => include.includes(group));
}

export interface AppliedActivation { fn: ActivationName; alpha: number }

/**
 * The function a node applies last to its output: an activation node's `fn`, or a dense node's `activation` (none
 * when it is linear, the default). Undefined when there is none or its name is not valid (the params check says so).
 * The one place that knows a dense node can end in an activation; checks, compile and summary ask it.
 */
export function appliedActivation(node: { type: NodeType; params: Record<string, unknown> }): AppliedActivation | undefined {
  const fn = node.type === 'activation' ? node.params.fn : node.type === 'dense' ? effectiveParam('dense', node.params, 'activation') : undefined;
  if (typeof fn !== 'string' || !(ACTIVATION_FUNCTIONS as readonly string[]).includes(fn)) return undefined;
  if (node.type === 'dense' && fn === 'linear') return undefined;
  // A dense node has no alpha of its own: leaky_relu and elu take the activation node's default.
  const alpha = node.type === 'activation' ? effectiveParam('activation', node.params, 'alpha') : effectiveParam('activation', { fn }, 'alpha');
  return { fn: fn as ActivationName, alpha: typeof alpha === 'number' ? alpha : 0 };
}

function structuredCloneRecord(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Widths of a 2-D value: the feature dimension, or null when unknown. */
export function widthOf(shape: Shape | undefined): number | null {
  if (!shape || shape.length !== 2) return null;
  const width = shape[1];
  return typeof width === 'number' ? width : null;
}

/**
 * The output shapes of one node from the shapes of its inputs (undefined when an input is missing). Inputs are
 * taken as given; whether they fit together is the validator's concern (see shapes.ts).
 */
export function outputShapes(
  type: NodeType,
  params: Record<string, unknown>,
  inputShapes: Readonly<Record<string, Shape | undefined>>,
): Record<string, Shape> {
  switch (type) {
    case 'input':
      return {}; // the input's shapes come from its dataset (shapes.ts)
    case 'dense': {
      const units = params.units;
      const width = typeof units === 'number' && Number.isInteger(units) && units >= 1 ? units : null;
      return { out: ['batch', width] };
    }
    case 'activation':
    case 'dropout':
      return { out: ['batch', widthOf(inputShapes.in)] };
    case 'features': {
      // No columns (an empty choice, or only products of one column) is reported by shapes.ts; the width stays unknown.
      const width = widthOf(inputShapes.in);
      const groups = featureGroupsOf(params.include);
      const columns = width === null || groups === undefined ? 0 : featuresWidth(groups, width);
      return { out: ['batch', columns > 0 ? columns : null] };
    }
    case 'add': {
      const a = widthOf(inputShapes.a);
      const b = widthOf(inputShapes.b);
      return { out: ['batch', a !== null && b !== null && a !== b ? null : a ?? b] };
    }
    case 'concat': {
      const a = widthOf(inputShapes.a);
      const b = widthOf(inputShapes.b);
      return { out: ['batch', a !== null && b !== null ? a + b : null] };
    }
    case 'cross-entropy':
    case 'mse':
      return {};
  }
}
