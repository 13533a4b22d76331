// Builds every bundle of the extension and the command line. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// protobufjs (ONNX export) runs only when a model is exported, but its CommonJS entry looks side-effectful to esbuild,
// so every bundle of the graph layer (the webviews too) would carry it. Declaring it free of side effects lets
// esbuild drop it wherever exportOnnx is not called.
const sideEffectFreePackages = {
  name: 'side-effect-free-packages',
  setup(build) {
    build.onResolve({ filter: /^protobufjs(\/|$)/ }, async (args) => {
      if (args.pluginData === 'resolved') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolved' });
      return resolved.errors.length > 0 ? resolved : { ...resolved, sideEffects: false };
    });
  },
};

const common = { bundle: true, plugins: [sideEffectFreePackages], sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning', legalComments: 'linked' };
// `module` first: jsonc-parser's `main` is a UMD build whose internal require() calls esbuild cannot follow.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };
const browser = { ...common, platform: 'browser', format: 'iife', target: 'es2022', loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' } };

/** Each bundle the product ships; one build() call per entry so a failure names its bundle. */
const bundles = [
  { name: 'extension host', entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', ...node, external: ['vscode'] },
  { name: 'training worker', entryPoints: ['src/extension/worker/main.ts'], outfile: 'dist/worker.js', ...node },
  { name: 'command line', entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', ...node, banner: { js: '#!/usr/bin/env node' } },
  { name: 'graph editor webview', entryPoints: ['webview/editor/main.tsx'], outfile: 'dist/webview/editor.js', ...browser },
  { name: 'graph diff webview', entryPoints: ['webview/diff/main.tsx'], outfile: 'dist/webview/diff.js', ...browser },
  { name: 'training panel webview', entryPoints: ['webview/training/main.tsx'], outfile: 'dist/webview/training.js', ...browser },
  { name: 'integration tests', entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/index.js', ...node, external: ['vscode', 'mocha'] },
];

mkdirSync('dist', { recursive: true });

// --- WebAssembly SIMD kernels (src/core/kernels/wasm): assemble the WAT text with wabt, and ship the second kernel
// thread's script beside the bundles, where src/core/kernels finds both through __dirname.
{
  const { assembleKernels } = await import('./src/core/kernels/wasm/assemble.mjs');
  const kernels = await assembleKernels().catch((error) => { console.error(`build failed: kernels.wasm\n${error.message}`); process.exit(1); });
  writeFileSync('dist/kernels.wasm', kernels);
  copyFileSync('src/core/kernels/parallelWorker.js', 'dist/kernels-worker.js');
}
// --- end of the kernels step
const present = bundles.filter((b) => b.entryPoints.every((e) => existsSync(e)));
for (const { name, ...options } of present) {
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log(`watching ${name}`);
  } else {
    await esbuild.build(options).catch(() => { console.error(`build failed: ${name}`); process.exit(1); });
  }
}
if (!watch) console.log(`built ${present.length} bundles${production ? ' (production)' : ''}`);
