// How much memory a program's buffers take, and the budget a model must fit in. The sizes come from the one table
// of buffers in layout.ts; the graph checker prices a model with it before anything is allocated, so a model too
// big to train is an error in the Problems panel and in `nngraph check`, not a frozen machine or an
// "Invalid typed array length" an hour later.
import { planBufferLengths, type BufferPlan } from './layout';

/** 2 GiB: the most a WebAssembly kernel memory can hold (kernels/wasm/memory.ts), and a sane ceiling for a laptop. */
export const memoryBudgetBytes = 2 * 1024 ** 3;

/** Bytes of every float32 buffer of a program with this plan, for batches of up to `capacity` rows. */
export function programMemoryBytes(plan: BufferPlan, capacity: number): number {
  let floats = 0;
  for (const length of planBufferLengths(plan, capacity)) floats += length;
  return floats * Float32Array.BYTES_PER_ELEMENT;
}

/** "6.4 GB", "512 MB", "3 KB" (powers of 1024, as the limit is). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The sentence that refuses a model over the budget, or undefined when it fits. */
export function describeMemoryExcess(plan: BufferPlan, batchSize: number, budgetBytes = memoryBudgetBytes): string | undefined {
  const bytes = programMemoryBytes(plan, batchSize);
  if (bytes <= budgetBytes) return undefined;
  return `The model needs ${formatBytes(bytes)} for parameters, gradients, optimizer state and activations at batch size `
    + `${batchSize}; the limit is ${formatBytes(budgetBytes)}. Use fewer units or a smaller batch size.`;
}
