// Assembles kernels.wat into WebAssembly bytes with wabt (a devDependency). Used by the build, which writes
// dist/kernels.wasm, and by the unit tests and the benchmark, which run from source. The shipped extension only ever
// reads the built file, so wabt is never needed at run time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const kernelsWatPath = fileURLToPath(new URL('./kernels.wat', import.meta.url));

/** The SIMD kernels as a wasm binary. Throws with wabt's message (file:line:column) if the text does not assemble. */
export async function assembleKernels() {
  const wabt = await wabtInit();
  const features = { simd: true, threads: true };
  const parsed = wabt.parseWat('kernels.wat', readFileSync(kernelsWatPath, 'utf8'), features);
  try {
    parsed.resolveNames();
    parsed.validate(features);
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
