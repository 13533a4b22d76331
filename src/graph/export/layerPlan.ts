// How a compiled program becomes layers for a layers API (Keras, TF.js): one layer per op in op order, except that a
// Dense whose output feeds only an activation the framework knows by name takes it as its `activation` argument, as
// the tutorial writes it. Also whether the layers form a plain chain (Sequential) or need the functional API.
import type { ActivationName, FeatureGroup, OpSpec, ProgramSpec } from '../../core/index';

/** Activations Keras and TF.js know by a name that means what ours means (their leaky_relu slopes differ from ours). */
const NAMED_ACTIVATIONS: ReadonlySet<ActivationName> = new Set(['relu', 'sigmoid', 'tanh', 'softmax', 'gelu', 'softplus', 'linear']);

/** The activation's name in Keras and TF.js, when one means exactly ours (elu only with its default alpha of 1). */
export function namedActivation(fn: ActivationName, alpha: number): ActivationName | undefined {
  return NAMED_ACTIVATIONS.has(fn) || (fn === 'elu' && alpha === 1) ? fn : undefined;
}

/**
 * A dense op's kernel regularizer as Keras and TF.js name it (l1, l2 or l1_l2; both add l1·Σ|w| + l2·Σw² to the
 * loss, as the core does), or undefined when the op has none.
 */
export function kernelRegularizer(op: Extract<OpSpec, { kind: 'dense' }>): { kind: 'l1' | 'l2' | 'l1_l2'; l1: number; l2: number } | undefined {
  const l1 = op.l1 ?? 0;
  const l2 = op.l2 ?? 0;
  if (l1 > 0 && l2 > 0) return { kind: 'l1_l2', l1, l2 };
  if (l1 > 0) return { kind: 'l1', l1, l2 };
  if (l2 > 0) return { kind: 'l2', l1, l2 };
  return undefined;
}

export type PlannedLayer =
  | { kind: 'dense'; op: Extract<OpSpec, { kind: 'dense' }>; name: string; activation?: ActivationName }
  | { kind: 'activation'; fn: ActivationName; alpha: number }
  | { kind: 'dropout'; rate: number }
  /** The features node's groups; both frameworks get a small custom layer (written only when the graph has one). */
  | { kind: 'features'; groups: FeatureGroup[] }
  | { kind: 'add' | 'concat' };

/** A layer, the values it reads and the value it gives (value 0 is the features; op i gives value i + 1). */
export interface LayerStep { layer: PlannedLayer; inputs: number[]; output: number }

export interface LayerPlan {
  steps: LayerStep[];
  /** Each layer reads the one before it and the last gives the predictions: keras.Sequential / tf.sequential. */
  chain: boolean;
}

const opInputs = (op: OpSpec): number[] => (op.kind === 'add' || op.kind === 'concat' ? [...op.inputs] : [op.input]);

/** How many ops (and the loss) read each value. */
function readersOf(spec: ProgramSpec): number[] {
  const readers = spec.valueWidths.map(() => 0);
  for (const op of spec.ops) for (const input of opInputs(op)) readers[input]++;
  readers[spec.loss.predictions]++;
  return readers;
}

function plannedLayer(op: Exclude<OpSpec, { kind: 'dense' }>): PlannedLayer {
  switch (op.kind) {
    case 'activation': return { kind: 'activation', fn: op.fn, alpha: op.alpha };
    case 'dropout': return { kind: 'dropout', rate: op.rate };
    case 'features': return { kind: 'features', groups: op.groups };
    case 'add': case 'concat': return { kind: op.kind };
  }
}

/** Dense layers are named dense_1, dense_2… in graph order (generated, never from the file). */
export function layerPlan(spec: ProgramSpec): LayerPlan {
  const readers = readersOf(spec);
  const steps: LayerStep[] = [];
  let denseCount = 0;
  for (let index = 0; index < spec.ops.length; index++) {
    const op = spec.ops[index];
    const output = index + 1;
    if (op.kind !== 'dense') {
      steps.push({ layer: plannedLayer(op), inputs: opInputs(op), output });
      continue;
    }
    const next = spec.ops[index + 1];
    const activation = next?.kind === 'activation' && next.input === output && readers[output] === 1 ? namedActivation(next.fn, next.alpha) : undefined;
    denseCount++;
    steps.push({ layer: { kind: 'dense', op, name: `dense_${denseCount}`, ...(activation ? { activation } : {}) }, inputs: [op.input], output: activation ? output + 1 : output });
    if (activation) index++;
  }
  const chain = steps.every((step, i) => step.inputs.length === 1 && step.inputs[0] === (i === 0 ? 0 : steps[i - 1].output))
    && (steps.length === 0 ? spec.loss.predictions === 0 : steps[steps.length - 1].output === spec.loss.predictions);
  return { steps, chain };
}
