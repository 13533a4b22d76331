// How runs fail, with the real worker in plain Node: a worker that dies mid-run, one stuck inside a step, one that
// runs out of memory, and many starts and stops. Each time the host carries on, the run is reported, and nothing is
// left behind (threads, timers) or written over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileText } from '../../../src/graph/index';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController, type RunOptions, type RunOutcome } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { buildWorker, graphText, moonsGraph, startOptionsFor } from './helpers';

interface Started { controller: RunController; outcome: Promise<RunOutcome>; firstProgress: Promise<void> }

/** A run as the extension starts one; `firstProgress` settles when the first batch report reaches the host. */
function startRun(workerPath: string, start: RunOptions['start'], extra: Partial<RunOptions> = {}): Started {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  let progressed: () => void = () => undefined;
  const firstProgress = new Promise<void>((resolve) => { progressed = resolve; });
  const controller = new RunController({
    runId: 1, documentUri: 'file:///g.nngraph', workerPath, history, broadcaster,
    config: {
      documentName: 'g.nngraph', mode: 'train', dataset: 'moons', optimizer: 'Adam', learningRate: 0.05,
      epochs: 1, batchSize: 32, seed: 42, validationSplit: 0.2,
    },
    start, events: { onProgress: () => progressed() }, ...extra,
  });
  const outcome = controller.outcome.then((settled) => {
    broadcaster.dispose();
    return settled;
  });
  return { controller, outcome, firstProgress };
}

/**
 * The real worker bundle, loaded by a wrapper that does `onFirstProgress` right after the worker posts its first
 * progress message, i.e. inside the training loop, between two steps.
 */
function wrappedWorker(realWorker: string, onFirstProgress: string): string {
  const wrapper = join(dirname(realWorker), `wrapped-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(wrapper, `const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
let seen = false;
parentPort.postMessage = (message, transfer) => {
  post(message, transfer);
  if (!seen && message && message.type === 'progress') { seen = true; ${onFirstProgress} }
};
require(${JSON.stringify(realWorker)});
`);
  return wrapper;
}

/** Handles and requests keeping the event loop alive (Node ≥ 17.3; the installed @types/node predates it). */
function activeResources(): string[] {
  return (process as NodeJS.Process & { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo();
}

function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}

async function waitFor(condition: () => boolean, deadlineMs: number): Promise<boolean> {
  const until = performance.now() + deadlineMs;
  while (!condition()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

test('a worker killed mid-run: the host carries on, the run is reported failed, the graph file is untouched', async () => {
  const workerPath = await buildWorker();
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-killed-'));
  const graphFile = join(folder, 'g.nngraph');
  const text = moonsGraph(100_000);
  writeFileSync(graphFile, text);
  const run = startRun(wrappedWorker(workerPath, 'process.exit(9);'), startOptionsFor(text));
  const outcome = await run.outcome;
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.summary, /Failed: the training worker exited with code 9/);
  assert.equal(outcome.weightsFile, undefined, 'nothing to save from a dead worker');
  assert.equal(readFileSync(graphFile, 'utf8'), text);
  assert.deepEqual(readdirSync(folder), ['g.nngraph']);
  const next = await startRun(workerPath, startOptionsFor(moonsGraph(1))).outcome;
  assert.equal(next.status, 'completed', 'the next run works');
});

test('Stop while a step is stuck in a loop: the worker is gone within a second', async () => {
  const workerPath = await buildWorker();
  const run = startRun(wrappedWorker(workerPath, 'for (;;) {}'), startOptionsFor(moonsGraph(100_000)));
  await run.firstProgress;
  const stoppedAt = performance.now();
  run.controller.stop();
  const outcome = await run.outcome;
  const exitMs = performance.now() - stoppedAt;
  console.log(`stuck worker gone ${exitMs.toFixed(0)} ms after Stop (grace 600 ms)`);
  assert.equal(outcome.status, 'cancelled');
  assert.match(outcome.summary, /the step did not end, so the worker was terminated/);
  assert.ok(exitMs < 1000, `the issue asks for under 1 s; took ${exitMs.toFixed(0)} ms`);
});

test('a worker that runs out of memory ends its run with a message, and the next run works', async () => {
  const workerPath = await buildWorker();
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-oom-'));
  const rows = ['a,b,c,y'];
  for (let i = 0; i < 200_000; i++) rows.push(`${i % 7},${i % 11},${i % 13},${i % 2}`);
  writeFileSync(join(folder, 'big.csv'), `${rows.join('\n')}\n`);
  const text = graphText({ dataset: { csv: 'big.csv', label: 'y' }, hidden: [4], outputUnits: 1, mode: 'binary', optimizer: { type: 'adam' }, epochs: 1 });
  const compiled = compileText(text, () => ({ featureCount: 3, classCount: 2 }));
  assert.ok(compiled.ok);
  const start: RunOptions['start'] = {
    spec: compiled.spec, training: compiled.training, streamIntervalMs: 33, statsIntervalMs: 250,
    dataset: {
      ref: compiled.dataset, normalize: compiled.normalize,
      csvFile: { root: folder, graphFolder: folder, csvPath: 'big.csv', maxMegabytes: 512, howToRaise: 'the setting nngraph.maxCsvMegabytes' },
    },
  };
  const outcome = await startRun(workerPath, start, { resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } }).outcome;
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.summary, /the training worker ran out of memory \(its limit is 8 MB\)/);
  console.log(`out of memory: ${outcome.summary}`);
  const next = await startRun(workerPath, startOptionsFor(moonsGraph(1))).outcome;
  assert.equal(next.status, 'completed');
});

test('10 start/stop cycles leave no threads or timers behind', async () => {
  const workerPath = await buildWorker();
  // One run first, so that threads the runtime keeps for good (the file-system pool) are counted in the baseline.
  await startRun(workerPath, startOptionsFor(moonsGraph(1))).outcome;
  const threadsBefore = threadCount();
  const resourcesBefore = activeResources().filter((kind) => kind !== 'TTYWrap').length;
  for (let cycle = 0; cycle < 10; cycle++) {
    const run = startRun(workerPath, startOptionsFor(moonsGraph(100_000)));
    await run.firstProgress;
    run.controller.stop();
    const outcome = await run.outcome;
    assert.equal(outcome.status, 'cancelled');
  }
  const settled = await waitFor(() => threadCount() <= threadsBefore, 5000);
  const resourcesAfter = activeResources().filter((kind) => kind !== 'TTYWrap').length;
  console.log(`threads before ${threadsBefore}, after 10 cycles ${threadCount()}; active handles ${resourcesBefore} → ${resourcesAfter}`);
  assert.ok(settled, `threads: ${threadsBefore} before, ${threadCount()} after`);
  assert.ok(resourcesAfter <= resourcesBefore, `handles: ${activeResources().join(', ')}`);
});
