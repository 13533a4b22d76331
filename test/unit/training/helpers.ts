// Shared by the training tests: the worker bundle built from source into a temporary folder (so unit tests need no
// `npm run build`), and small graphs compiled by the real graph compiler.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileText } from '../../../src/graph/index';
import type { WorkerStartOptions } from '../../../src/extension/training/workerHost';

const root = join(__dirname, '..', '..', '..');
let built: string | undefined;

/**
 * A package-like folder: dist/worker.js (and the wasm kernels when the project was built, else the js backend runs)
 * beside a link to the shipped data/, which the worker finds as an installed extension's does.
 */
export async function buildWorker(): Promise<string> {
  if (built !== undefined) return built;
  const packageFolder = mkdtempSync(join(tmpdir(), 'nngraph-worker-'));
  symlinkSync(join(root, 'data'), join(packageFolder, 'data'), 'dir');
  const folder = join(packageFolder, 'dist');
  mkdirSync(folder);
  await build({
    entryPoints: [join(root, 'src/extension/worker/main.ts')], outfile: join(folder, 'worker.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
  });
  for (const file of ['kernels.wasm', 'kernels-worker.js']) {
    const from = join(root, 'dist', file);
    if (existsSync(from)) copyFileSync(from, join(folder, file));
  }
  built = join(folder, 'worker.js');
  return built;
}

export interface GraphOptions {
  dataset: Record<string, unknown>;
  hidden: number[];
  outputUnits: number;
  mode: 'binary' | 'categorical';
  optimizer: Record<string, unknown>;
  epochs: number;
  batchSize?: number;
  validationSplit?: number;
}

/** An input → dense/relu… → dense → sigmoid|softmax → cross-entropy graph as .nngraph text. */
export function graphText(options: GraphOptions): string {
  const nodes: unknown[] = [{ id: 'data', type: 'input', position: { x: 0, y: 0 }, params: { dataset: options.dataset } }];
  const edges: { from: string; to: string }[] = [];
  let previous = 'data.features';
  options.hidden.forEach((units, index) => {
    nodes.push({ id: `hidden${index}`, type: 'dense', position: { x: 0, y: 0 }, params: { units } });
    nodes.push({ id: `relu${index}`, type: 'activation', position: { x: 0, y: 0 }, params: { fn: 'relu' } });
    edges.push({ from: previous, to: `hidden${index}.in` }, { from: `hidden${index}.out`, to: `relu${index}.in` });
    previous = `relu${index}.out`;
  });
  const fn = options.mode === 'binary' ? 'sigmoid' : 'softmax';
  nodes.push(
    { id: 'out', type: 'dense', position: { x: 0, y: 0 }, params: { units: options.outputUnits } },
    { id: 'prob', type: 'activation', position: { x: 0, y: 0 }, params: { fn } },
    { id: 'loss', type: 'cross-entropy', position: { x: 0, y: 0 }, params: { mode: options.mode } },
  );
  edges.push(
    { from: previous, to: 'out.in' }, { from: 'out.out', to: 'prob.in' },
    { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
  );
  return JSON.stringify({
    format: 'nngraph', version: 1, nodes, edges,
    training: {
      optimizer: options.optimizer, epochs: options.epochs, batchSize: options.batchSize ?? 32, seed: 42,
      validationSplit: options.validationSplit ?? 0.2, metrics: ['accuracy'],
    },
  });
}

/** The worker's start options for a graph, as the extension builds them. */
export function startOptionsFor(text: string, extra: Partial<WorkerStartOptions> = {}): Omit<WorkerStartOptions, 'runId'> {
  const compiled = compileText(text);
  if (!compiled.ok) throw new Error(`test graph does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return {
    spec: compiled.spec, training: compiled.training,
    dataset: { ref: compiled.dataset, normalize: compiled.normalize },
    streamIntervalMs: 33, statsIntervalMs: 250,
    ...extra,
  };
}

export const moonsGraph = (epochs: number, learningRate = 0.05): string => graphText({
  dataset: { builtin: 'moons', samples: 1000, noise: 0.15 }, hidden: [16], outputUnits: 1, mode: 'binary',
  optimizer: { type: 'adam', learningRate }, epochs,
});
