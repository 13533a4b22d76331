// What a node on the canvas shows beyond the file: live training state and the statistics toggle.
import type { Node } from '@xyflow/react';
import { appliedActivation, type FlowNodeData } from '../../src/graph/index';
import type { TrainingOverlay } from '../../src/protocol/messages';
import type { NodeExplain } from './explain/decorate';

export type NodeStats = NonNullable<TrainingOverlay['nodeStats']>[string];

export interface EditorNodeData extends FlowNodeData {
  loss?: number;
  stats?: NodeStats;
  failure?: string;
  showStats: boolean;
  /** Explain mode: this sample's output (and gradient) at the node, and whether the step cursor is on it. */
  explain?: NodeExplain;
}

export type EditorNode = Node<EditorNodeData, 'nngraph'>;

/** The parameters worth seeing on the node itself, Keras-summary style. */
export function keyParams(data: FlowNodeData): string {
  const p = data.params;
  switch (data.nodeType) {
    case 'input': {
      const dataset = p.dataset as Record<string, unknown> | undefined;
      if (dataset && typeof dataset.builtin === 'string') return dataset.builtin;
      if (dataset && typeof dataset.csv === 'string') return `${dataset.csv} → ${String(dataset.label ?? '?')}`;
      return 'no dataset';
    }
    case 'dense': {
      const applied = appliedActivation({ type: 'dense', params: p });
      return `units ${String(p.units ?? '?')}${applied ? ` · ${applied.fn}` : ''}`;
    }
    case 'activation': return String(p.fn ?? '?');
    case 'dropout': return `rate ${String(p.rate ?? '?')}`;
    case 'features': return Array.isArray(p.include) ? p.include.map(String).join(', ') : '?';
    case 'cross-entropy': return `${String(p.mode ?? '?')}${p.fromLogits === true ? ', from logits' : ''}`;
    case 'add': case 'concat': case 'mse': return '';
  }
}
