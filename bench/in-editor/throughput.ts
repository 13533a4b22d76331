// The in-editor training path's throughput against the command line's, on the same graphs:
//   in-editor: dist/worker.js in a worker thread, driven by the extension's host code (RunController → RunHistory →
//              PanelBroadcaster → a panel sink that serializes every message as VS Code does), with the decision
//              boundary and node statistics on, as in the editor;
//   command line: `node dist/cli.js train FILE --json`.
// Throughput is training samples per second as both report it per epoch (time inside the training loop, so node
// start-up and data generation do not count on either side). Each side runs `repeats` times, interleaved, and the
// best run of each counts: on a shared machine the other processes only ever slow a run down, so the fastest run is
// the closest to what the code itself costs (the medians are printed too).
//
// Run: npm run build && node --import tsx bench/in-editor/throughput.ts [--repeats N] [--backend auto|js|wasm]
// Prints one line per graph and exits 1 when a ratio is below 0.9.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileText } from '../../src/graph/index';
import { PanelBroadcaster } from '../../src/extension/training/panelBroadcaster';
import { RunController } from '../../src/extension/training/runController';
import { RunHistory } from '../../src/extension/training/runHistory';

const root = join(__dirname, '..', '..');
const workerPath = join(root, 'dist', 'worker.js');
const cliPath = join(root, 'dist', 'cli.js');

interface Workload { name: string; text: string }

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

function withEpochs(text: string, epochs: number): string {
  const graph = JSON.parse(text) as { training: Record<string, unknown> };
  graph.training.epochs = epochs;
  return JSON.stringify(graph, null, 2);
}

function mnistSizeGraph(): string {
  const node = (id: string, type: string, params: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, params });
  return JSON.stringify({
    format: 'nngraph', version: 1, name: 'MNIST-size 784→128→10',
    nodes: [
      node('data', 'input', { dataset: { builtin: 'blobs', samples: 8000, classes: 10, features: 784 } }),
      node('hidden', 'dense', { units: 128 }), node('relu', 'activation', { fn: 'relu' }),
      node('out', 'dense', { units: 10 }), node('prob', 'activation', { fn: 'softmax' }),
      node('loss', 'cross-entropy', { mode: 'categorical' }),
    ],
    edges: [
      { from: 'data.features', to: 'hidden.in' }, { from: 'hidden.out', to: 'relu.in' }, { from: 'relu.out', to: 'out.in' },
      { from: 'out.out', to: 'prob.in' }, { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: { optimizer: { type: 'adam', learningRate: 0.001 }, epochs: 3, batchSize: 32, seed: 42, validationSplit: 0.1, metrics: ['accuracy'] },
  });
}

const workloads: Workload[] = [
  { name: 'tutorial (moons 2→10→1), 300 epochs', text: withEpochs(readFileSync(join(root, 'examples', 'tutorial.nngraph'), 'utf8'), 300) },
  { name: 'MNIST-size (blobs 784→128→10), 3 epochs', text: mnistSizeGraph() },
  { name: 'digits (examples/digits.nngraph), 20 epochs', text: withEpochs(readFileSync(join(root, 'examples', 'digits.nngraph'), 'utf8'), 20) },
];

/** Samples per second over every epoch: Σ samples / Σ time, both as the training loop reports them. */
function pooledRate(epochs: readonly { samplesPerSecond: number; elapsedMs: number }[]): number {
  let samples = 0;
  let ms = 0;
  for (const epoch of epochs) {
    samples += (epoch.samplesPerSecond * epoch.elapsedMs) / 1000;
    ms += epoch.elapsedMs;
  }
  return ms > 0 ? (samples * 1000) / ms : 0;
}

function runCli(file: string): number {
  const result = spawnSync(process.execPath, [cliPath, 'train', file, '--json'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nngraph train failed (${result.status}): ${result.stderr}`);
  const epochs = result.stdout.split('\n').filter((line) => line.startsWith('{"epoch"'))
    .map((line) => JSON.parse(line) as { samples_per_s: number; elapsed_ms: number })
    .map((line) => ({ samplesPerSecond: line.samples_per_s, elapsedMs: line.elapsed_ms }));
  return pooledRate(epochs);
}

async function runInEditor(text: string, backend: 'auto' | 'js' | 'wasm'): Promise<{ rate: number; backend: string; panelMessages: number }> {
  const compiled = compileText(text);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  let panelMessages = 0;
  const sink = (message: Parameters<Parameters<PanelBroadcaster['addSink']>[0]>[0]): void => {
    panelMessages++;
    JSON.stringify(message);
    setTimeout(() => broadcaster.acknowledged(sink), 5);
  };
  broadcaster.addSink(sink);
  const epochs: { samplesPerSecond: number; elapsedMs: number }[] = [];
  let backendName = '';
  const controller = new RunController({
    runId: 1, documentUri: 'file:///bench.nngraph', workerPath, history, broadcaster,
    config: {
      documentName: 'bench.nngraph', mode: 'train', dataset: 'bench', optimizer: 'bench',
      learningRate: compiled.training.optimizer.learningRate, epochs: compiled.training.epochs,
      batchSize: compiled.training.batchSize, seed: compiled.training.seed, validationSplit: compiled.training.validationSplit,
    },
    start: {
      spec: compiled.spec, training: compiled.training, dataset: { ref: compiled.dataset, normalize: compiled.normalize },
      streamIntervalMs: 33, statsIntervalMs: 250, backend,
      boundary: compiled.spec.featureCount === 2 && compiled.spec.classCount >= 2 ? { gridSize: 64, intervalMs: 300, maxPoints: 600 } : undefined,
    },
    events: {
      onReady: (info) => { backendName = info.backend; },
      onProgress: (_latest, reports) => { for (const report of reports) epochs.push(report); },
    },
  });
  const outcome = await controller.outcome;
  broadcaster.dispose();
  if (outcome.status !== 'completed') throw new Error(`in-editor run ended ${outcome.status}: ${outcome.summary}`);
  return { rate: pooledRate(epochs), backend: backendName, panelMessages };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const repeats = Math.max(1, Number(argument('--repeats', '5')));
  const backend = argument('--backend', 'auto') as 'auto' | 'js' | 'wasm';
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-bench-in-editor-'));
  let worst = Infinity;
  console.log(`in-editor vs command line, samples/s (best of ${repeats}, median in brackets); in-editor backend: ${backend}`);
  for (const [index, workload] of workloads.entries()) {
    const file = join(folder, `w${index}.nngraph`);
    writeFileSync(file, workload.text);
    const cliRates: number[] = [];
    const editorRates: number[] = [];
    let editorBackend = '';
    let panelMessages = 0;
    for (let repeat = 0; repeat < repeats; repeat++) {
      cliRates.push(runCli(file));
      const editor = await runInEditor(workload.text, backend);
      editorRates.push(editor.rate);
      editorBackend = editor.backend;
      panelMessages = editor.panelMessages;
    }
    const cli = Math.max(...cliRates);
    const editor = Math.max(...editorRates);
    const ratio = editor / cli;
    const medianRatio = median(editorRates) / median(cliRates);
    worst = Math.min(worst, ratio);
    console.log(
      `${workload.name}: in-editor ${Math.round(editor).toLocaleString('en-US')} samples/s (${editorBackend}, `
      + `${panelMessages} panel messages), command line ${Math.round(cli).toLocaleString('en-US')} samples/s; `
      + `ratio ${ratio.toFixed(2)} [${medianRatio.toFixed(2)}]`,
    );
  }
  rmSync(folder, { recursive: true, force: true });
  console.log(`worst ratio ${worst.toFixed(2)} (target ≥ 0.90): ${worst >= 0.9 ? 'ok' : 'BELOW TARGET'}`);
  process.exitCode = worst >= 0.9 ? 0 : 1;
}

void main();
