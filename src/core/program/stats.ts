// Per-node statistics of the last training step, for the graph's live overlays (dead ReLUs, vanishing gradients).
import type { NodeStats, ProgramSpec } from '../types';
import type { ProgramBuffers } from './layout';
import { l2Norm } from '../tensor';

interface Moments { mean: number; std: number; zeroFraction: number }

function moments(values: Float32Array, count: number): Moments {
  if (count === 0) return { mean: 0, std: 0, zeroFraction: 0 };
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < count; i++) {
    sum += values[i];
    if (values[i] === 0) zeros++;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) * (values[i] - mean);
  return { mean, std: Math.sqrt(squares / count), zeroFraction: zeros / count };
}

/** Stats of every op's output over the last step's `rows` rows, plus the activation folded into the loss, if any. */
export function collectNodeStats(spec: ProgramSpec, buffers: ProgramBuffers, rows: number): NodeStats[] {
  const stats: NodeStats[] = [];
  spec.ops.forEach((op, i) => {
    const count = rows * spec.valueWidths[i + 1];
    const node: NodeStats = {
      nodeId: op.nodeId,
      ...moments(buffers.values[i + 1], count),
      gradNorm: l2Norm(buffers.valueGrads[i + 1], count),
    };
    const dense = buffers.dense[i];
    if (dense !== null) {
      const kernelNorm = l2Norm(dense.kernelGrad, dense.kernelGrad.length);
      const biasNorm = dense.biasGrad === null ? 0 : l2Norm(dense.biasGrad, dense.biasGrad.length);
      node.weightGradNorm = Math.sqrt(kernelNorm * kernelNorm + biasNorm * biasNorm);
    }
    const previous = stats[stats.length - 1];
    if (op.kind === 'activation' && previous?.nodeId === op.nodeId) {
      // A dense node's own activation (a second op of the node): its output is the node's, its weights the dense op's.
      stats[stats.length - 1] = { ...node, ...(previous.weightGradNorm !== undefined ? { weightGradNorm: previous.weightGradNorm } : {}) };
      return;
    }
    stats.push(node);
  });
  const loss = spec.loss;
  if (loss.kind !== 'mse' && loss.fromLogits && loss.activationNodeId !== undefined) {
    const count = rows * spec.valueWidths[loss.predictions];
    stats.push({ nodeId: loss.activationNodeId, ...moments(buffers.probs, count) });
  }
  return stats;
}
