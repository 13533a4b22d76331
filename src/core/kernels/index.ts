// Chooses the numeric backend. The default is the WebAssembly SIMD kernels (on two threads where the machine has
// the cores), falling back to the plain-TypeScript kernels where WebAssembly SIMD or dist/kernels.wasm is missing.
import { availableParallelism } from 'node:os';
import type { Backend } from './types';
import { createJsBackend } from './js';
import { createWasmBackend } from './wasm/backend';
import { loadKernelModule } from './wasm/load';
import type { WasmModule } from './wasm/webassembly';

export type BackendPreference = 'js' | 'wasm' | 'auto';

export interface BackendOptions {
  /** Kernel threads for the wasm backend, 1 or 2 (default: 2 when the machine has two cores or more). */
  threads?: number;
  /** An already compiled kernels module (tests assemble it from the WAT source); default: kernels.wasm from disk. */
  module?: WasmModule;
}

/** Why the wasm backend is unavailable here, or undefined when it is available. */
export function wasmUnavailableReason(): string | undefined {
  const loaded = loadKernelModule();
  return loaded.ok ? undefined : loaded.reason;
}

/**
 * The backend for a training program. 'auto' (the default) is the wasm backend when it can run, else js; 'wasm'
 * throws an Error saying why it cannot run. Dispose the backend when the program is done: it holds a thread and
 * its memory only grows.
 */
export function createBackend(preference: BackendPreference = 'auto', options: BackendOptions = {}): Backend {
  if (preference === 'js') return createJsBackend();
  const threads = Math.max(1, Math.min(2, Math.floor(options.threads ?? availableParallelism())));
  if (options.module !== undefined) return createWasmBackend(options.module, { threads });
  const loaded = loadKernelModule();
  if (loaded.ok) return createWasmBackend(loaded.module, { threads });
  if (preference === 'wasm') throw new Error(`The WebAssembly backend is unavailable: ${loaded.reason}.`);
  return createJsBackend();
}
