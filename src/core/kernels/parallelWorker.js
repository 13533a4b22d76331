// @ts-check
// The second kernel thread. Plain JavaScript so it starts the same way from the repository (under tsx, whose loader
// does not reach worker threads) and from dist/ (the build copies it to dist/kernels-worker.js). It lends its thread
// to the wasm module's workerLoop, which waits for jobs in the shared memory and returns only when told to quit.
'use strict';
const { workerData } = require('node:worker_threads');

/** @type {{ module: WebAssembly.Module, memory: WebAssembly.Memory, ctrl: number, spins: number }} */
const data = workerData;
const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory } });
const workerLoop = /** @type {(ctrl: number, spins: number) => void} */ (instance.exports.workerLoop);
workerLoop(data.ctrl, data.spins);
