// Finds and compiles the kernels' WebAssembly module. The build writes dist/kernels.wasm next to every bundle, so a
// bundle finds it beside itself; code run from source (tsx) finds the repository's dist/ build.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWasm, wasmApi, type WasmModule } from './webassembly';

/** Where kernels.wasm may be, in the order they are tried. */
export function kernelsWasmCandidates(): string[] {
  return [join(__dirname, 'kernels.wasm'), join(__dirname, '..', '..', '..', '..', 'dist', 'kernels.wasm')];
}

/** The smallest module using SIMD128 and a shared memory: the two features the kernels need. */
const FEATURE_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x02, 0x0b, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x6d, 0x02, 0x03, 0x01, 0x01, // import env.m memory shared 1..1
  0x03, 0x02, 0x01, 0x00, // function section
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, // code: v128.const 0…0
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b,
]);

/** True when this runtime runs WebAssembly SIMD128 over shared memory (Node 20 does; some embedders do not). */
export function wasmSimdSupported(): boolean {
  try {
    return typeof SharedArrayBuffer === 'function' && wasmApi !== undefined && wasmApi.validate(FEATURE_PROBE);
  } catch {
    return false;
  }
}

export type KernelModuleResult =
  | { ok: true; module: WasmModule; path: string }
  | { ok: false; reason: string };

/** Compiles the first kernels.wasm found; says why not when there is none or it does not compile. */
export function loadKernelModule(candidates: readonly string[] = kernelsWasmCandidates()): KernelModuleResult {
  if (!wasmSimdSupported()) return { ok: false, reason: 'this runtime has no WebAssembly SIMD128 with shared memory' };
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      return { ok: true, module: compileWasm(new Uint8Array(readFileSync(path))), path };
    } catch (error) {
      return { ok: false, reason: `${path} does not compile: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { ok: false, reason: `kernels.wasm not found (looked in ${candidates.join(', ')}); run \`npm run build\`` };
}
