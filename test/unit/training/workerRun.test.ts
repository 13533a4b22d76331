// The training worker for real: built from source, run in a worker thread on the real core and graph compiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors } from '../../../src/core/weights';
import { WorkerHost, type WorkerExit, type WorkerStartOptions } from '../../../src/extension/training/workerHost';
import type { WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker, graphText, moonsGraph, startOptionsFor } from './helpers';

interface Collected { messages: WorkerToHostMessage[]; exit: WorkerExit; run: WorkerHost }

async function runWorker(
  workerPath: string, options: Omit<WorkerStartOptions, 'runId'>, onMessage?: (message: WorkerToHostMessage, run: WorkerHost) => void,
): Promise<Collected> {
  const messages: WorkerToHostMessage[] = [];
  let run: WorkerHost | undefined;
  run = new WorkerHost(workerPath, { ...options, runId: 7 }, {
    onMessage: (message) => { messages.push(message); if (run !== undefined) onMessage?.(message, run); },
    onExit: () => undefined,
  });
  const exit = await run.done;
  return { messages, exit, run };
}

/** Every batch's own loss, in order, from the progress messages' columns. */
function batchLosses(messages: WorkerToHostMessage[]): number[] {
  return messages.flatMap((m) => (m.type === 'progress' ? [...m.batches.loss] : []));
}

function finished(messages: WorkerToHostMessage[]): Extract<WorkerToHostMessage, { type: 'finished' }> {
  const message = messages.find((m) => m.type === 'finished');
  assert.ok(message !== undefined && message.type === 'finished', `no finished message: ${JSON.stringify(messages.filter((m) => m.type === 'failed'))}`);
  return message;
}

test('a moons run learns, streams every epoch, draws boundaries and returns its weights and confusion matrix', async () => {
  const workerPath = await buildWorker();
  const { messages, exit } = await runWorker(workerPath, startOptionsFor(moonsGraph(15), {
    boundary: { gridSize: 32, intervalMs: 0, maxPoints: 200 },
  }));
  assert.deepEqual(exit, { kind: 'finished' });
  const ready = messages.find((m) => m.type === 'ready');
  assert.ok(ready?.type === 'ready');
  assert.equal(ready.info.trainCount, 800);
  assert.ok(ready.points !== undefined && ready.points.x.length <= 200 && ready.points.x.length > 100);
  const epochs = messages.flatMap((m) => (m.type === 'progress' ? m.epochs : []));
  assert.deepEqual(epochs.map((e) => e.epoch), Array.from({ length: 15 }, (_, i) => i + 1), 'no epoch point is lost');
  assert.ok(epochs[14].loss < epochs[0].loss * 0.7, `loss falls: ${epochs[0].loss} → ${epochs[14].loss}`);
  assert.ok((epochs[14].valAccuracy ?? 0) > 0.85);
  const steps = messages.flatMap((m) => (m.type === 'progress' ? [...m.batches.globalStep] : []));
  assert.deepEqual(steps, Array.from({ length: 15 * 25 }, (_, i) => i + 1), 'every batch reaches the host, in order');
  const batches = steps;
  const progressMessages = messages.filter((m) => m.type === 'progress').length;
  assert.ok(progressMessages < batches.length / 5, `reports are batched (${progressMessages} messages for ${batches.length} steps)`);
  const grids = messages.filter((m) => m.type === 'boundary');
  assert.ok(grids.length >= 2);
  const last = grids[grids.length - 1];
  assert.ok(last.type === 'boundary' && last.grid.cellClass.length === 32 * 32);
  assert.ok(new Set(last.grid.cellClass).size === 2, 'the trained boundary separates two classes');
  const end = finished(messages);
  assert.deepEqual(end.stop, { kind: 'completed' });
  assert.ok(end.weightsFile !== undefined);
  const names = readSafetensors(end.weightsFile).tensors.map((t) => t.name).sort();
  assert.deepEqual(names, ['hidden0.bias', 'hidden0.kernel', 'out.bias', 'out.kernel']);
  assert.ok(end.confusion !== undefined && end.confusion.split === 'validation');
  assert.equal(end.confusion.counts.flat().reduce((a, b) => a + b, 0), 200);
});

test('a later run starts from saved weights that fit, and fresh (saying why) from weights that do not', async () => {
  const workerPath = await buildWorker();
  const first = finished((await runWorker(workerPath, startOptionsFor(moonsGraph(3)))).messages);
  const firstLoss = batchLosses((await runWorker(workerPath, startOptionsFor(moonsGraph(1)))).messages)[0];
  const resumed = await runWorker(workerPath, startOptionsFor(moonsGraph(1), { savedWeights: first.weightsFile }));
  const ready = resumed.messages.find((m) => m.type === 'ready');
  assert.ok(ready?.type === 'ready');
  assert.deepEqual(ready.info.weights, { kind: 'restored', tensorCount: 4 });
  const resumedLoss = batchLosses(resumed.messages)[0];
  assert.ok(resumedLoss < firstLoss, `trained weights start lower (${resumedLoss} < ${firstLoss})`);

  const wider = graphText({
    dataset: { builtin: 'moons', samples: 1000, noise: 0.15 }, hidden: [8], outputUnits: 1, mode: 'binary',
    optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 1,
  });
  const mismatched = await runWorker(workerPath, startOptionsFor(wider, { savedWeights: first.weightsFile }));
  const mismatchReady = mismatched.messages.find((m) => m.type === 'ready');
  assert.ok(mismatchReady?.type === 'ready' && mismatchReady.info.weights.kind === 'mismatch');
  assert.match(mismatchReady.info.weights.reason, /hidden0\.kernel/);

  const garbage = await runWorker(workerPath, startOptionsFor(moonsGraph(1), { savedWeights: new Uint8Array([1, 2, 3]) }));
  const garbageReady = garbage.messages.find((m) => m.type === 'ready');
  assert.ok(garbageReady?.type === 'ready' && garbageReady.info.weights.kind === 'mismatch');
});

test('a learning rate of 1e6 stops the run with the epoch, step and node where the numbers blew up', async () => {
  const workerPath = await buildWorker();
  const text = graphText({
    dataset: { builtin: 'moons', samples: 1000, noise: 0.15 }, hidden: [16], outputUnits: 1, mode: 'binary',
    optimizer: { type: 'sgd', learningRate: 1e6 }, epochs: 5,
  });
  const end = finished((await runWorker(workerPath, startOptionsFor(text))).messages);
  assert.equal(end.stop.kind, 'non-finite');
  assert.ok(end.stop.kind === 'non-finite' && end.stop.step >= 1 && end.stop.epoch === 1 && end.stop.nodeId !== '');
  // The weights kept are those from before the failing step, bit for bit: the same run stopped one step earlier.
  assert.ok(end.weightsFile !== undefined, 'the last finite weights are returned for saving');
  const kept = readSafetensors(end.weightsFile).tensors;
  assert.ok(kept.every((tensor) => tensor.data.every(Number.isFinite)));
  const stepsBefore = end.stop.kind === 'non-finite' ? end.stop.step - 1 : 0;
  if (stepsBefore > 0) {
    const earlier = finished((await runWorker(workerPath, startOptionsFor(text, { maxSteps: stepsBefore }))).messages);
    assert.deepEqual(end.weightsFile, earlier.weightsFile, `the kept weights are those after step ${stepsBefore}`);
  }
  console.log(`non-finite at step ${end.stop.kind === 'non-finite' ? end.stop.step : '?'}; the weights after step ${stepsBefore} were kept`);
});

test('Stop ends a long run at its next step, cooperatively', async () => {
  const workerPath = await buildWorker();
  let stopAt = 0;
  const { messages, exit } = await runWorker(workerPath, startOptionsFor(moonsGraph(100_000)), (message, run) => {
    if (message.type === 'progress' && stopAt === 0) {
      stopAt = performance.now();
      run.stop(5000);
    }
  });
  const stoppedMs = performance.now() - stopAt;
  assert.deepEqual(exit, { kind: 'finished' });
  assert.deepEqual(finished(messages).stop, { kind: 'cancelled' });
  assert.ok(finished(messages).weightsFile !== undefined, 'a stopped run still returns its weights');
  console.log(`cooperative stop took ${stoppedMs.toFixed(0)} ms`);
});

test('a worker stuck in a step is terminated after the grace period', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-hung-'));
  const hung = join(folder, 'hung.js');
  writeFileSync(hung, "require('node:worker_threads').parentPort.once('message', () => { for (;;) {} });\n");
  const options = startOptionsFor(moonsGraph(1));
  const run = new WorkerHost(hung, { ...options, runId: 1 }, { onMessage: () => undefined, onExit: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stopAt = performance.now();
  run.stop(300);
  const exit = await run.done;
  assert.deepEqual(exit, { kind: 'terminated' });
  console.log(`hung worker terminated ${(performance.now() - stopAt).toFixed(0)} ms after Stop`);
});

test('a worker that dies is reported as crashed, not left hanging', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-crash-'));
  const crashing = join(folder, 'crash.js');
  writeFileSync(crashing, "require('node:worker_threads').parentPort.once('message', () => { throw new Error('boom'); });\n");
  const run = new WorkerHost(crashing, { ...startOptionsFor(moonsGraph(1)), runId: 1 }, { onMessage: () => undefined, onExit: () => undefined });
  const exit = await run.done;
  assert.equal(exit.kind, 'crashed');
  assert.ok(exit.kind === 'crashed' && exit.message.includes('boom'));
});

test('Step runs exactly one batch and returns the weights, so the next Step continues from them', async () => {
  const workerPath = await buildWorker();
  const first = await runWorker(workerPath, startOptionsFor(moonsGraph(10), { maxSteps: 1 }));
  const end = finished(first.messages);
  assert.deepEqual(end.stop, { kind: 'completed' });
  assert.equal(end.stepsRun, 1);
  assert.equal(batchLosses(first.messages).length, 1);
  assert.ok(end.weightsFile !== undefined);
  const second = await runWorker(workerPath, startOptionsFor(moonsGraph(10), { maxSteps: 1, savedWeights: end.weightsFile }));
  const ready = second.messages.find((m) => m.type === 'ready');
  assert.ok(ready?.type === 'ready' && ready.info.weights.kind === 'restored');
  const weightsAfter = readSafetensors(finished(second.messages).weightsFile ?? new Uint8Array()).tensors;
  const weightsBefore = readSafetensors(end.weightsFile).tensors;
  assert.notDeepEqual(weightsAfter[0].data, weightsBefore[0].data, 'the second step moved the weights on');
});
