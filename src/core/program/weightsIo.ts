// Named weight tensors in and out of the flat parameter array: `<nodeId>.kernel` [in, units], `<nodeId>.bias` [units].
import type { NamedTensor } from '../types';
import type { FloatArray } from '../tensor';
import type { DenseWeights } from './layout';

export function readWeights(dense: readonly (DenseWeights | null)[]): NamedTensor[] {
  const tensors: NamedTensor[] = [];
  for (const weights of dense) {
    if (weights === null) continue;
    tensors.push({ name: `${weights.nodeId}.kernel`, shape: [weights.inputs, weights.units], data: weights.kernel.slice() });
    if (weights.bias !== null) tensors.push({ name: `${weights.nodeId}.bias`, shape: [weights.units], data: weights.bias.slice() });
  }
  return tensors;
}

/** Checks every tensor first, so a bad set leaves the weights untouched; throws an Error naming the tensor. */
export function writeWeights<T extends FloatArray>(dense: readonly (DenseWeights<T> | null)[], tensors: NamedTensor[]): void {
  const byName = new Map<string, NamedTensor>();
  for (const tensor of tensors) byName.set(tensor.name, tensor);
  const assignments: [target: T, source: Float32Array][] = [];
  for (const weights of dense) {
    if (weights === null) continue;
    const expected: [string, number[], T][] = [[`${weights.nodeId}.kernel`, [weights.inputs, weights.units], weights.kernel]];
    if (weights.bias !== null) expected.push([`${weights.nodeId}.bias`, [weights.units], weights.bias]);
    for (const [name, shape, target] of expected) {
      const tensor = byName.get(name);
      if (tensor === undefined) throw new Error(`weights: tensor "${name}" is missing`);
      const shapeMatches = tensor.shape.length === shape.length && tensor.shape.every((d, i) => d === shape[i]);
      if (!shapeMatches) {
        throw new Error(`weights: tensor "${name}" has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
      }
      if (tensor.data.length !== target.length) {
        throw new Error(`weights: tensor "${name}" holds ${tensor.data.length} values, expected ${target.length}`);
      }
      assignments.push([target, tensor.data]);
    }
  }
  for (const [target, source] of assignments) target.set(source);
}
