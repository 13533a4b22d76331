// The tests assemble the kernels from the WAT source, so they test the text in the tree and need no build first.
import { assembleKernels } from '../../../src/core/kernels/wasm/assemble.mjs';
import { compileWasm, type WasmModule } from '../../../src/core/kernels/wasm/webassembly';

let compiled: Promise<WasmModule> | undefined;

export function kernelModule(): Promise<WasmModule> {
  compiled ??= assembleKernels().then(compileWasm);
  return compiled;
}

/** Resolves once `isReady()` holds: the second kernel thread starts asynchronously. Polls, asserts no duration. */
export async function until(isReady: () => boolean): Promise<void> {
  while (!isReady()) await new Promise((resolve) => setTimeout(resolve, 5));
}
