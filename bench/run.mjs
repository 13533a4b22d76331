// `npm run bench`: trains every workload with our core, with TensorFlow.js (cpu and wasm backends) and with the
// exported PyTorch script on the CPU (1 and 2 threads), each run in a child process of its own (so peak RSS and JIT
// state are per run), one after another (so they never share the cores), then prints one table and which engine is
// faster at which size. Options: --only W1,W3   --with-js (also our core on the plain-TS backend)   --no-tfjs-cpu
// --no-pytorch   --python PATH (default: python3, then /usr/bin/python3)   --json FILE (also write the raw results)
// --graph-only (only the graph layer on large files).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const workloads = (option('--only') ?? 'W1,W2,W3,W4').split(',');
const withJs = args.includes('--with-js');
const withTfjsCpu = !args.includes('--no-tfjs-cpu');
const graphOnly = args.includes('--graph-only');
const withPytorch = !args.includes('--no-pytorch');
const CHILD_TIMEOUT_MS = 240_000;
// A PyTorch child also starts Python and reads the workload's CSV (untimed, but tens of seconds for W2 and W3 on a
// loaded machine), and trains a warm-up epoch even where the workload has one; bench/pytorch.ts stops Python 20 s
// before this.
const PYTORCH_CHILD_TIMEOUT_MS = 420_000;

/** Runs one child under tsx and returns the JSON object on its last stdout line, or an error record. */
function child(script, childArgs, timeoutMs = CHILD_TIMEOUT_MS) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...childArgs], {
    cwd: root, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 << 20,
  });
  const line = result.stdout.trim().split('\n').filter((text) => text.startsWith('{')).pop();
  if (result.status === 0 && line !== undefined) return JSON.parse(line);
  const why = result.error?.message ?? result.stderr.trim().split('\n').slice(-3).join(' | ');
  return { error: `${script} ${childArgs.join(' ')} failed after ${((Date.now() - started) / 1000).toFixed(0)} s: ${why}` };
}

const fmt = (value, digits = 0) => (typeof value === 'number' && Number.isFinite(value)
  ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const pad = (text, width, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width));

const benchStarted = Date.now();
console.log(`NN Graph benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);

let gemm;
if (!graphOnly) {
  console.log('\nMatrix kernel (GFLOP/s, median of 5):');
  gemm = child('bench/gemm.ts', []);
  if (gemm.error) console.log(`  ${gemm.error}`);
  else {
    console.log(`  ${pad('shape', 36)}${pad('wasm 1 thread', 15, true)}${pad('wasm 2 threads', 16, true)}${pad('plain JS', 10, true)}`);
    for (const row of gemm.rows) {
      console.log(`  ${pad(row.shape, 36)}${pad(fmt(row.oneThread, 1), 15, true)}${pad(fmt(row.twoThreads, 1), 16, true)}${pad(fmt(row.js, 2), 10, true)}`);
    }
    console.log(`  TF.js wasm (XNNPACK) matMul 1024³: ${fmt(gemm.tfjsWasm1024, 1)} GFLOP/s`);
  }
}

console.log('\nGraph layer on large and hostile files (median wall time):');
const scale = child('bench/graphScale.ts', []);
if (scale.error) console.log(`  ${scale.error}`);
else {
  const ms = (value) => `${fmt(value)} ms`;
  console.log('  (wall time; the CPU time of each is in parentheses where a busy machine makes them differ)');
  const cpu = (label) => (scale.cpuMs?.[label] === undefined ? '' : ` (${fmt(scale.cpuMs[label])} ms CPU)`);
  console.log(`  check, 5 MB file (${fmt(scale.fiveMbNodes)} nodes):        ${pad(ms(scale.check5MbMs), 10, true)}${cpu('check5Mb')}`);
  console.log(`  check, 100k keys in one object (${fmt(scale.keysBytes / 1e6, 1)} MB): ${pad(ms(scale.check100kKeysMs), 10, true)}${cpu('check100kKeys')}`);
  console.log(`  check, 50k nodes with random edges:     ${pad(ms(scale.check50kNodesMs), 10, true)}${cpu('check50kNodes')}`);
  console.log(`  check, 5k nodes (what the host runs when it opens): ${ms(scale.check5kNodesMs)}${cpu('check5kNodes')}`);
  console.log(`  move one node, 1k nodes: edit ${ms(scale.moveEditMs)} + check ${ms(scale.checkAfterMoveMs)} = ${ms(scale.moveHostMs)} in the host${cpu('moveEdit')}${cpu('checkAfterMove')}`);
  console.log(`  after that change, all the host runs (editor's dataset context twice, Problems panel): ${ms(scale.afterChangeMs)}${cpu('afterChange')}`);
  console.log(`  Auto Layout, 5k nodes: ${ms(scale.layout5kMs)} (${scale.layoutOutcome})${cpu('layout5k')}`);
}

if (graphOnly) process.exit(0);

// Which Python runs the PyTorch column: found once; without one the column is missing, and the bench says why.
let pytorch;
if (withPytorch) {
  pytorch = child('bench/pytorch.ts', ['probe', ...(option('--python') ? [option('--python')] : [])]);
  console.log(pytorch.error
    ? `\nPyTorch (CPU): the column is missing: ${pytorch.error}`
    : `\nPyTorch (CPU): ${pytorch.python}, torch ${pytorch.torch}; the exported script's own loop (nngraph export --to pytorch)`);
}
const pytorchReady = pytorch !== undefined && !pytorch.error;
const results = [];
const header = `  ${pad('implementation', 18)}${pad('samples/s', 12, true)}${pad('final loss', 12, true)}${pad('val acc', 9, true)}` +
  `${pad('peak RSS', 11, true)}${pad('train s', 9, true)}${pad('ours ÷ this', 13, true)}`;
for (const workload of workloads) {
  const runs = [child('bench/ours.ts', [workload])];
  if (withJs) runs.push(child('bench/ours.ts', [workload, 'js']));
  if (withTfjsCpu) runs.push(child('bench/tfjs.ts', ['cpu', workload]));
  runs.push(child('bench/tfjs.ts', ['wasm', workload]));
  if (pytorchReady) {
    for (const threads of ['1', '2']) runs.push(child('bench/pytorch.ts', [pytorch.python, workload, threads], PYTORCH_CHILD_TIMEOUT_MS));
  }
  results.push({ workload, runs });
  const ours = runs[0];
  console.log(`\n${workload}:`);
  console.log(header);
  for (const run of runs) {
    if (run.error) { console.log(`  ${run.error}`); continue; }
    const ratio = run === ours || ours.error ? '' : `${fmt(ours.samplesPerSecond / run.samplesPerSecond, 1)}×`;
    console.log(`  ${pad(run.implementation, 18)}${pad(fmt(run.samplesPerSecond), 12, true)}${pad(fmt(run.finalLoss, 4), 12, true)}` +
      `${pad(run.validationAccuracy === undefined ? '' : `${fmt(100 * run.validationAccuracy, 1)}%`, 9, true)}` +
      `${pad(`${fmt(run.peakRssMiB)} MiB`, 11, true)}${pad(fmt(run.trainSeconds, 1), 9, true)}${pad(ratio, 13, true)}` +
      `${run.note ? `  (${run.note})` : ''}`);
  }
}

// The targets from the performance issue, judged on this run's numbers.
const TARGETS = { W1: 30, W2: 3, W3: 3, W4: 5 };
console.log('\nAgainst TF.js wasm (targets: W1 ≥ 30×, W2 ≥ 3×, W3 ≥ 3×, W4 ≥ 5× and val. accuracy within 1 point; RSS no higher):');
for (const { workload, runs } of results) {
  const ours = runs[0];
  const tfjsWasm = runs.find((run) => run.implementation === 'TF.js wasm');
  if (!ours || ours.error || !tfjsWasm || tfjsWasm.error) { console.log(`  ${workload}: incomplete`); continue; }
  const speedup = ours.samplesPerSecond / tfjsWasm.samplesPerSecond;
  const parts = [`${fmt(speedup, 1)}× (target ${TARGETS[workload] ?? '–'}×)`, `RSS ${fmt(ours.peakRssMiB)} vs ${fmt(tfjsWasm.peakRssMiB)} MiB`];
  if (ours.validationAccuracy !== undefined && tfjsWasm.validationAccuracy !== undefined) {
    parts.push(`val. accuracy ${fmt(100 * ours.validationAccuracy, 1)}% vs ${fmt(100 * tfjsWasm.validationAccuracy, 1)}%`);
  }
  console.log(`  ${workload}: ${parts.join(', ')}`);
}
printCrossover(results);
console.log(`\nbenchmark took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
const jsonPath = option('--json');
if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ gemm, scale, pytorch, results }, null, 2));

/** The engine a run belongs to; the fastest of an engine's runs (backends, thread counts) stands for it. */
function engineOf(implementation) {
  if (implementation.startsWith('ours')) return 'ours';
  if (implementation.startsWith('TF.js')) return 'TF.js';
  if (implementation.startsWith('PyTorch')) return 'PyTorch';
  return implementation;
}

function fastestByEngine(runs) {
  const best = new Map();
  for (const run of runs) {
    if (run.error || !Number.isFinite(run.samplesPerSecond)) continue;
    const engine = engineOf(run.implementation);
    if (!best.has(engine) || best.get(engine).samplesPerSecond < run.samplesPerSecond) best.set(engine, run);
  }
  return best;
}

/**
 * Which engine was fastest on each workload, the workloads ordered by size (forward multiply-adds per sample), and
 * where the fastest engine changes along that order: all from this run's numbers.
 */
function printCrossover(allResults) {
  const rows = allResults.map(({ workload, runs }) => ({
    workload, best: fastestByEngine(runs), size: runs.find((run) => run.multiplyAddsPerSample !== undefined)?.multiplyAddsPerSample,
  })).filter((row) => row.size !== undefined && row.best.size > 0).sort((a, b) => a.size - b.size);
  if (rows.length === 0) return;
  const engines = [...new Set(rows.flatMap((row) => [...row.best.keys()]))];
  console.log('\nWhich engine is faster, by size (forward multiply-adds per sample; samples/s, the best backend or thread count of each):');
  console.log(`  ${pad('workload', 10)}${pad('size', 10, true)}${engines.map((engine) => pad(engine, 12, true)).join('')}  fastest`);
  for (const row of rows) {
    const ranked = [...row.best.entries()].sort((a, b) => b[1].samplesPerSecond - a[1].samplesPerSecond);
    const [winner, winnerRun] = ranked[0];
    const margin = ranked.length > 1 ? ` (${fmt(winnerRun.samplesPerSecond / ranked[1][1].samplesPerSecond, 1)}× ${ranked[1][0]})` : '';
    row.winner = winner;
    console.log(`  ${pad(row.workload, 10)}${pad(fmt(row.size), 10, true)}` +
      `${engines.map((engine) => pad(fmt(row.best.get(engine)?.samplesPerSecond), 12, true)).join('')}  ${winner}${margin}`);
  }
  const changes = rows.slice(1).map((row, i) => [rows[i], row]).filter(([before, after]) => before.winner !== after.winner);
  const sized = (row) => `${row.workload} (${fmt(row.size)})`;
  if (changes.length === 0) {
    const range = rows.length === 1 ? `at ${sized(rows[0])}` : `from ${sized(rows[0])} to ${sized(rows[rows.length - 1])}`;
    console.log(`  Crossover: none in this range: ${rows[0].winner} is fastest ${range}.`);
  }
  for (const [before, after] of changes) {
    console.log(`  Crossover between ${sized(before)} and ${sized(after)}: ${before.winner} is fastest up to ${before.workload}, ${after.winner} from ${after.workload}.`);
  }
  // Where the two engines meet, if the gap keeps closing, is read from this ratio along the sizes.
  const paired = rows.filter((row) => row.best.has('ours') && row.best.has('PyTorch'));
  if (paired.length > 0) {
    console.log(`  ours ÷ PyTorch, by size: ${paired.map((row) => `${row.workload} ${fmt(row.best.get('ours').samplesPerSecond / row.best.get('PyTorch').samplesPerSecond, 1)}×`).join(', ')}`);
  }
  if (!rows.every((row) => row.best.has('PyTorch'))) console.log('  (PyTorch is not in every row: see above why.)');
}
