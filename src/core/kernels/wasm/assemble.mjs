// Assembles the kernels' WAT text into WebAssembly bytes with wabt (a devDependency). Used by the build, which writes
// dist/kernels.wasm, and by the unit tests, which run from source. The shipped extension only ever reads the built
// file, so wabt is never needed at run time. kernels.wat is the module; each `;; @include NAME.wat` line in it is
// replaced by that file of this folder (the module's parts, kept in files of one job each).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const kernelsWatPath = fileURLToPath(new URL('./kernels.wat', import.meta.url));

/** The whole module text, parts spliced in. Names the missing part if an include cannot be read. */
export function kernelsWatText() {
  return readFileSync(kernelsWatPath, 'utf8').replace(/^[ \t]*;; @include ([A-Za-z0-9_-]+\.wat)[ \t]*$/gm, (_, name) => {
    const part = fileURLToPath(new URL(`./${name}`, import.meta.url));
    try {
      return readFileSync(part, 'utf8');
    } catch (error) {
      throw new Error(`kernels.wat includes ${name}, which cannot be read: ${error.message}`);
    }
  });
}

/** The SIMD kernels as a wasm binary. Throws with wabt's message (line:column of the spliced text) on an error. */
export async function assembleKernels() {
  const wabt = await wabtInit();
  const features = { simd: true, threads: true };
  const parsed = wabt.parseWat('kernels.wat', kernelsWatText(), features);
  try {
    parsed.resolveNames();
    parsed.validate(features);
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
