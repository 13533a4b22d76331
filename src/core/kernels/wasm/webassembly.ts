// The part of the WebAssembly JS API the kernels use, typed here because the project compiles against ES2022 and
// Node's types without the DOM library (which is where TypeScript declares WebAssembly). Declaring it as a module
// keeps it from clashing with a global declaration anywhere else.

/** A compiled module: opaque, passed to instantiate and to worker threads. */
export interface WasmModule {
  readonly [Symbol.toStringTag]: string;
}

export interface WasmMemory {
  /** Shared memories hand out a SharedArrayBuffer; after `grow` a new, longer one. */
  readonly buffer: SharedArrayBuffer;
  /** Adds pages of 64 KiB; throws a RangeError when it cannot. */
  grow(pages: number): number;
}

export interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/**
 * The runtime's WebAssembly object, or undefined where there is none. Cast through unknown: with the DOM library (the
 * webview type check sees the core through the graph layer) the built-in WebAssembly typing differs from ours.
 */
export const wasmApi: WasmApi | undefined = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Compiles kernel bytes (throws the runtime's CompileError on a bad module). */
export function compileWasm(bytes: Uint8Array): WasmModule {
  if (wasmApi === undefined) throw new Error('this runtime has no WebAssembly');
  return new wasmApi.Module(bytes);
}
