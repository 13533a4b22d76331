// The chain rule's pieces at each dense and activation node, computed by the core's own backward ops on this one
// sample: what a node receives (δ = ∂L/∂output) and what it sends back to its input.
import { gemm } from '../kernels/js';
import { denseBackward } from '../ops/dense';
import { activationBackward } from '../ops/activations';
import type { ActivationChain, DenseChain } from './types';
import type { SamplePass } from './samplePass';

export function chainPieces(pass: SamplePass, nodeIdOfValue: (value: number) => string): { dense: DenseChain[]; activations: ActivationChain[] } {
  const { spec, values, valueGrads } = pass;
  const dense: DenseChain[] = [];
  const activations: ActivationChain[] = [];
  spec.ops.forEach((op, i) => {
    const outputGrad = valueGrads[i + 1];
    if (op.kind === 'dense') {
      const weights = pass.dense[i]!;
      const inputGrad = new Float64Array(weights.inputs);
      // Into scratch, so the pass's own weight gradients are left as the backward pass wrote them.
      const kernelGrad = new Float64Array(weights.kernel.length);
      const biasGrad = weights.bias === null ? null : new Float64Array(weights.units);
      denseBackward(gemm, values[op.input], weights.kernel, outputGrad, inputGrad, kernelGrad, biasGrad, 1, weights.inputs, weights.units, false);
      dense.push({ nodeId: op.nodeId, inputNodeId: nodeIdOfValue(op.input), input: values[op.input].slice(), outputGrad: outputGrad.slice(), inputGrad });
    } else if (op.kind === 'activation') {
      const width = spec.valueWidths[i + 1];
      const x = values[op.input];
      const y = values[i + 1];
      const inputGrad = new Float64Array(width);
      activationBackward(op.fn, x, y, outputGrad, inputGrad, 1, width, op.alpha, false);
      let derivative: Float64Array | null = null;
      if (op.fn !== 'softmax') {
        derivative = new Float64Array(width);
        activationBackward(op.fn, x, y, new Float64Array(width).fill(1), derivative, 1, width, op.alpha, false);
      }
      activations.push({ nodeId: op.nodeId, fn: op.fn, inputNodeId: nodeIdOfValue(op.input), input: x.slice(), derivative, inputGrad });
    }
  });
  return { dense, activations };
}
