// Optimizer updates on the wasm kernels. The optimizers hold the parameter and state buffers but not the backend,
// so they ask here: when every buffer lives in one kernel memory, the SIMD kernel does the update and this returns
// true; otherwise it returns false and the caller runs its own loop.
import { KernelMemory } from './memory';

/**
 * One Adam step (Keras's form, `stepSize` = lr·√(1−β2ᵗ)/(1−β1ᵗ)) over the first `count` values, float64 arithmetic on the
 * SIMD kernel. False, with nothing changed, when the buffers are not all in one kernel memory.
 */
export function wasmAdamUpdate(
  params: Float32Array, grads: Float32Array, firstMoment: Float32Array, secondMoment: Float32Array, count: number,
  stepSize: number, beta1: number, beta2: number, epsilon: number,
): boolean {
  const memory = KernelMemory.owning(params);
  if (memory === undefined || memory.adam === undefined) return false;
  if (KernelMemory.owning(grads) !== memory || KernelMemory.owning(firstMoment) !== memory
    || KernelMemory.owning(secondMoment) !== memory) return false;
  if (grads.length < count || firstMoment.length < count || secondMoment.length < count || params.length < count) {
    throw new RangeError(`adam: every buffer needs ${count} values`);
  }
  // 1 − β formed here in float64, as the TypeScript update forms it; the kernel keeps every constant in float64.
  memory.adam(params.byteOffset, grads.byteOffset, firstMoment.byteOffset, secondMoment.byteOffset, count,
    stepSize, beta1, 1 - beta1, beta2, 1 - beta2, epsilon);
  return true;
}
