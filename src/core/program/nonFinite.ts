// Explains a step whose loss or gradients are not finite: which node's output went bad first.
import type { ProgramSpec } from '../types';
import type { ProgramBuffers } from './layout';
import { allFinite } from '../tensor';

export interface NonFiniteReport { nodeId: string; message: string; problem: string; location: string }

function describeNumber(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/** Finds the first node (in op order) with a non-finite output over the step's rows; else the first bad gradient. */
export function describeNonFinite(spec: ProgramSpec, buffers: ProgramBuffers, rows: number, loss: number): NonFiniteReport {
  const problem = Number.isFinite(loss) ? 'Gradients became non-finite' : `Loss became ${describeNumber(loss)}`;
  const report = (nodeId: string, location: string): NonFiniteReport =>
    ({ nodeId, problem, location, message: `${problem}; ${location}` });
  if (!allFinite(buffers.values[0], rows * spec.featureCount)) {
    return report(spec.loss.nodeId, 'the input features contain NaN or Infinity');
  }
  for (let i = 0; i < spec.ops.length; i++) {
    if (!allFinite(buffers.values[i + 1], rows * spec.valueWidths[i + 1])) {
      const nodeId = spec.ops[i].nodeId;
      return report(nodeId, `first non-finite output: node "${nodeId}"`);
    }
  }
  if (!Number.isFinite(loss)) {
    return report(spec.loss.nodeId, `every output is finite; the loss node "${spec.loss.nodeId}" is not (check the labels)`);
  }
  for (let i = spec.ops.length - 1; i >= 0; i--) {
    const dense = buffers.dense[i];
    if (dense === null) continue;
    if (!allFinite(dense.kernelGrad, dense.kernelGrad.length) || (dense.biasGrad !== null && !allFinite(dense.biasGrad, dense.biasGrad.length))) {
      return report(dense.nodeId, `first non-finite weight gradient: node "${dense.nodeId}"`);
    }
  }
  return report(spec.loss.nodeId, `node "${spec.loss.nodeId}"`);
}
