// Benchmark child: trains one workload with PyTorch on the CPU through the script `nngraph export --to pytorch`
// writes (the same generator, exportPytorch, fed the workload's graph and its rows as the CSV export writes them),
// with its own training loop, on 1 or 2 threads. Python's start-up, the imports and the CSV reading are not timed:
// the clock is the script's own per-epoch `elapsed_ms` (perf_counter around each epoch: the shuffle, the batches,
// validation), and the first epoch is warm-up, as it is for ours and TF.js.
//   pytorch.ts probe [PYTHON]          which Python has torch and numpy, and whether it honours the thread count
//   pytorch.ts PYTHON W1|W2|W3|W4 1|2  one run
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetCsv, exportPytorch } from '../src/graph/index';
import { isWorkloadId, multiplyAddsPerSample, prepareWorkload } from './workloads';
import { printResult } from './measure';

/** Under the parent's cap for this child (run.mjs, 420 s), so a slow run is reported here with what it saw. */
const PYTHON_TIMEOUT_MS = 400_000;

/**
 * This torch is built with OpenMP (no MKL here; BLAS is whatever the system links): OMP_NUM_THREADS sets its
 * intra-op threads at start-up, the others are set too so an MKL or OpenBLAS build is held to the same count.
 */
function threadEnv(threads: number): NodeJS.ProcessEnv {
  const count = String(threads);
  return { ...process.env, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count };
}

/** Runs the script file in this Python and then reports what it cost: peak RSS and the threads torch used. */
const WRAPPER = String.raw`
import json, resource, runpy, sys
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
import torch
print(json.dumps({"peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "torch_threads": torch.get_num_threads()}), flush=True)
`;

const PROBE = 'import json, numpy, torch; print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}))';

function lastLine(text: string): string {
  return text.trim().split('\n').slice(-1)[0] ?? '';
}

/** The first candidate that imports torch and numpy and runs torch on 1 and on 2 threads when told to. */
function probe(candidates: string[]): { python: string; torch: string } {
  const tried: string[] = [];
  for (const python of candidates) {
    const versions: Record<string, unknown>[] = [];
    let why: string | undefined;
    for (const threads of [1, 2]) {
      const run = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', env: threadEnv(threads), timeout: 60_000 });
      if (run.status !== 0) {
        why = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'not found' : lastLine(run.stderr || String(run.error ?? 'failed'));
        break;
      }
      versions.push(JSON.parse(lastLine(run.stdout)) as Record<string, unknown>);
      if (versions[versions.length - 1].threads !== threads) why = `torch ignores OMP_NUM_THREADS=${threads}`;
    }
    if (why === undefined) return { python, torch: String(versions[0].torch) };
    tried.push(`${python}: ${why}`);
  }
  throw new Error(`no Python with torch and numpy (${tried.join('; ')}); install Debian's python3-torch or pass --python PATH`);
}

interface EpochLine { epoch: number; loss: number; val_accuracy?: number; elapsed_ms: number }

function run(python: string, id: string, threads: number): void {
  if (!isWorkloadId(id)) throw new Error(`unknown workload ${id}`);
  const workload = prepareWorkload(id);
  const { spec, training, dataset } = workload;
  // With one epoch there is no warm-up epoch to leave out: train a second one and time it; the workload's own
  // results (final loss, accuracy, training time) are read from its epochs only.
  const epochs = Math.max(2, training.epochs);
  const folder = mkdtempSync(join(tmpdir(), `nngraph-bench-pytorch-${id}-`));
  try {
    const csv = datasetCsv(dataset);
    const label = csv.slice(0, csv.indexOf('\n')).split(',').pop() ?? 'label';
    writeFileSync(join(folder, 'data.csv'), csv);
    const script = exportPytorch({
      graphName: `benchmark ${id}`, spec, training, normalize: workload.normalize, data: { csv: 'data.csv', label },
    });
    writeFileSync(join(folder, 'train.py'), script);
    const child = spawnSync(python, ['-c', WRAPPER, join(folder, 'train.py'), '--epochs', String(epochs), '--json', '--device', 'cpu'], {
      cwd: folder, encoding: 'utf8', env: threadEnv(threads), timeout: PYTHON_TIMEOUT_MS, maxBuffer: 16 << 20,
    });
    if (child.status !== 0) {
      throw new Error(`the exported script failed: ${child.error?.message ?? lastLine(child.stderr)}`);
    }
    const objects = child.stdout.trim().split('\n').filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const lines = objects.filter((object): object is EpochLine & Record<string, unknown> => typeof object.epoch === 'number');
    const cost = objects[objects.length - 1] as { peak_rss_kib?: number; torch_threads?: number };
    if (lines.length !== epochs || cost.peak_rss_kib === undefined) {
      throw new Error(`expected ${epochs} epoch lines and the cost line, got: ${child.stdout.slice(-500)}`);
    }
    const timedMs = lines.slice(1).reduce((sum, line) => sum + line.elapsed_ms, 0);
    const own = lines.slice(0, training.epochs);
    const last = own[own.length - 1];
    printResult({
      implementation: `PyTorch ${threads} thr`,
      workload: id,
      samplesPerSecond: ((epochs - 1) * workload.data.trainingRows.length) / (timedMs / 1000),
      finalLoss: last.loss,
      validationAccuracy: last.val_accuracy,
      peakRssMiB: cost.peak_rss_kib / 1024,
      trainSeconds: own.reduce((sum, line) => sum + line.elapsed_ms, 0) / 1000,
      multiplyAddsPerSample: multiplyAddsPerSample(spec),
      note: `torch threads=${cost.torch_threads}; RSS includes reading the CSV`,
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === 'probe') {
    const candidates = argv[1] !== undefined ? [argv[1]] : ['python3', '/usr/bin/python3'];
    process.stdout.write(`${JSON.stringify(probe(candidates))}\n`);
    return;
  }
  const [python, id, threads] = argv;
  if (python === undefined || id === undefined || (threads !== '1' && threads !== '2')) {
    throw new Error('usage: pytorch.ts probe [PYTHON] | pytorch.ts PYTHON W1|W2|W3|W4 1|2');
  }
  run(python, id, Number(threads));
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
