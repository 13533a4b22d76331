// Starting points for a new graph (the "New Graph…" command) and the parameters a node starts with when it is added.
import type { JsonObject, JsonValue } from './format';
import { NODE_TYPES } from './nodeTypes';
import type { NodeType } from './types';

export interface GraphTemplate { id: string; label: string; detail: string; fileName: string; build: () => JsonObject }

/** What a freshly added node holds: its required parameters at their suggested values; the rest keep defaults. */
export function initialParams(type: NodeType): JsonObject {
  const params: JsonObject = {};
  for (const spec of NODE_TYPES[type].params) {
    if (spec.required === true && 'suggested' in spec && spec.suggested !== undefined) {
      // A list gets its own copy: the table's array is shared by every node made from it.
      params[spec.name] = (Array.isArray(spec.suggested) ? [...spec.suggested] : spec.suggested) as JsonValue;
    }
  }
  return params;
}

type Layer = [id: string, type: NodeType, params: JsonObject];

/** A chain of layers from the input to the loss, laid out left to right, with the labels wired to the loss. */
function chain(name: string, layers: Layer[], training: JsonObject): JsonObject {
  const nodes: JsonValue[] = layers.map(([id, type, params], index) => ({
    id, type, position: { x: index * 220, y: 0 }, params,
  }));
  const edges: JsonValue[] = [];
  for (let i = 1; i < layers.length; i++) {
    const [fromId, fromType] = layers[i - 1];
    const [toId, toType] = layers[i];
    const fromPort = fromType === 'input' ? 'features' : 'out';
    const toPort = toType === 'cross-entropy' || toType === 'mse' ? 'predictions' : 'in';
    edges.push({ from: `${fromId}.${fromPort}`, to: `${toId}.${toPort}` });
  }
  const inputId = layers[0][0];
  const lossId = layers[layers.length - 1][0];
  edges.push({ from: `${inputId}.labels`, to: `${lossId}.labels` });
  return { format: 'nngraph', version: 1, name, nodes, edges, training };
}

function training(optimizer: JsonObject, epochs: number, batchSize: number, validationSplit: number): JsonObject {
  return { optimizer, epochs, batchSize, seed: 42, validationSplit, metrics: ['accuracy'] };
}

export const GRAPH_TEMPLATES: readonly GraphTemplate[] = [
  {
    id: 'binary-classifier', label: 'Binary classifier (tutorial)', fileName: 'binary-classifier.nngraph',
    detail: 'moons → dense(10) → relu → dense(1) → sigmoid → binary cross-entropy',
    build: () => chain('Binary classifier from the tutorial', [
      ['data', 'input', { dataset: { builtin: 'moons', samples: 1000, noise: 0.15 } }],
      ['hidden', 'dense', { units: 10 }],
      ['relu', 'activation', { fn: 'relu' }],
      ['out', 'dense', { units: 1 }],
      ['prob', 'activation', { fn: 'sigmoid' }],
      ['loss', 'cross-entropy', { mode: 'binary' }],
    ], training({ type: 'adam', learningRate: 0.001 }, 10, 32, 0.2)),
  },
  {
    id: 'spiral-softmax', label: 'Spiral softmax classifier', fileName: 'spiral-softmax.nngraph',
    detail: '3-class spiral → dense(64) → relu → dense(3) → softmax → categorical cross-entropy',
    build: () => chain('Spiral softmax classifier', [
      ['data', 'input', { dataset: { builtin: 'spiral', samples: 300, classes: 3, noise: 0.2 } }],
      ['hidden', 'dense', { units: 64 }],
      ['relu', 'activation', { fn: 'relu' }],
      ['logits', 'dense', { units: 3 }],
      ['softmax', 'activation', { fn: 'softmax' }],
      ['loss', 'cross-entropy', { mode: 'categorical' }],
    ], training({ type: 'adam', learningRate: 0.01 }, 200, 32, 0.2)),
  },
  {
    id: 'digits-mlp', label: 'Digits MLP', fileName: 'digits-mlp.nngraph',
    detail: '8×8 digits → dense(64) → relu → dropout(0.2) → dense(10) → softmax → categorical cross-entropy',
    build: () => chain('Handwritten digits MLP', [
      ['data', 'input', { dataset: { builtin: 'digits' } }],
      ['hidden', 'dense', { units: 64, init: 'he_uniform' }],
      ['relu', 'activation', { fn: 'relu' }],
      ['dropout', 'dropout', { rate: 0.2 }],
      ['logits', 'dense', { units: 10 }],
      ['softmax', 'activation', { fn: 'softmax' }],
      ['loss', 'cross-entropy', { mode: 'categorical' }],
    ], training({ type: 'adam', learningRate: 0.001 }, 30, 32, 0.2)),
  },
  {
    id: 'blank', label: 'Blank graph', fileName: 'untitled.nngraph',
    detail: 'No nodes yet: drag an input, layers and a loss from the palette',
    build: () => ({
      format: 'nngraph', version: 1, name: 'Untitled', nodes: [], edges: [],
      training: training({ type: 'adam', learningRate: 0.001 }, 10, 32, 0.2),
    }),
  },
];
