// The worker's per-sample reports, for real (worker thread, core, graph compiler): the rows are the plotted points, the
// last report is the trained weights' own per-sample loss (checked against the core on a batch of one, from the saved
// weights), and what the host forwards to the panel passes the panel's validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerHost, type WorkerStartOptions } from '../../../src/extension/training/workerHost';
import { loadRun } from '../../../src/extension/worker/loadRun';
import { receiveWorkerToHost, type WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { sampleLossesSchema, sampleSetSchema } from '../../../src/protocol/messages';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController } from '../../../src/extension/training/runController';
import { buildWorker, graphText, moonsGraph, startOptionsFor } from './helpers';

async function runWorker(workerPath: string, options: Omit<WorkerStartOptions, 'runId'>): Promise<WorkerToHostMessage[]> {
  const messages: WorkerToHostMessage[] = [];
  const run = new WorkerHost(workerPath, { ...options, runId: 3 }, { onMessage: (message) => messages.push(message), onExit: () => undefined });
  await run.done;
  return messages;
}

test('a moons run reports the plotted points\' losses, and the last report is the trained weights\' loss per sample', async () => {
  const workerPath = await buildWorker();
  const options = startOptionsFor(moonsGraph(6), {
    boundary: { gridSize: 16, intervalMs: 0, maxPoints: 200 }, samples: { maxSamples: 2000, intervalMs: 0 },
  });
  const messages = await runWorker(workerPath, options);
  const ready = messages.find((m) => m.type === 'ready');
  assert.ok(ready?.type === 'ready' && ready.points !== undefined && ready.samples !== undefined);
  const { points, samples } = ready;
  // With points the sample set is those points (200 of 1000 rows, every 5th), not 2,000 rows.
  assert.equal(samples.row.length, points.x.length);
  assert.deepEqual(samples.row, Array.from({ length: 200 }, (_, i) => i * 5));
  assert.deepEqual(samples.label, points.label);
  const heldOut = samples.validation.filter(Boolean).length;
  assert.ok(heldOut > 20 && heldOut < 60, `about a fifth of the points are validation rows: ${heldOut}`);
  const reports = messages.flatMap((m) => (m.type === 'samples' ? [m.report] : []));
  // One before training, one per epoch (interval 0), one at the end.
  assert.ok(reports.length >= 7, `${reports.length} reports`);
  assert.equal(reports[0].epochsDone, 0);
  const last = reports[reports.length - 1];
  assert.equal(last.epochsDone, 6);
  assert.ok(last.losses.length === 200 && last.outputs.length === 200 && last.width === 1);
  const mean = (values: Float64Array): number => values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(mean(last.losses) < mean(reports[0].losses) * 0.7, `the mean loss falls: ${mean(reports[0].losses)} → ${mean(last.losses)}`);

  // The trained weights, read back from the finished message, give the same loss for each row alone.
  const end = messages.find((m) => m.type === 'finished');
  assert.ok(end?.type === 'finished' && end.weightsFile !== undefined);
  const run = await loadRun({ ...options, type: 'start', runId: 0, savedWeights: end.weightsFile, stopFlag: new SharedArrayBuffer(4) });
  try {
    assert.equal(run.weights.kind, 'restored');
    const { dataset } = run.data;
    let largest = 0;
    for (let i = 0; i < samples.row.length; i++) {
      const row = samples.row[i];
      const alone = run.program.evaluate(
        dataset.features.subarray(row * 2, row * 2 + 2), dataset.labels.subarray(row, row + 1), 1,
      ).loss;
      largest = Math.max(largest, Math.abs(alone - last.losses[i]));
      const p = last.outputs[i];
      const pTrue = samples.label[i] === 1 ? p : 1 - p;
      assert.ok(Math.abs(-Math.log(pTrue) - last.losses[i]) < 1e-5 * Math.max(1, last.losses[i]), `row ${row}: −log ${pTrue} vs ${last.losses[i]}`);
      assert.equal(last.predicted[i], p > 0.5 ? 1 : 0);
    }
    assert.ok(largest < 1e-6, `largest difference from the core on a batch of one: ${largest}`);
  } finally {
    run.dispose();
  }
});

test('a digits run (no plot) reports up to maxSamples rows with ten probabilities each', async () => {
  const workerPath = await buildWorker();
  const text = graphText({
    dataset: { builtin: 'digits' }, hidden: [16], outputUnits: 10, mode: 'categorical', optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 1,
  });
  const messages = await runWorker(workerPath, startOptionsFor(text, { samples: { maxSamples: 500, intervalMs: 0 } }));
  const ready = messages.find((m) => m.type === 'ready');
  assert.ok(ready?.type === 'ready' && ready.samples !== undefined && ready.points === undefined);
  assert.ok(ready.samples.row.length <= 500 && ready.samples.row.length >= 400, `${ready.samples.row.length} rows`);
  const last = messages.filter((m) => m.type === 'samples').at(-1);
  assert.ok(last?.type === 'samples' && last.report.width === 10);
  for (let i = 0; i < last.report.losses.length; i++) {
    let sum = 0;
    for (let c = 0; c < 10; c++) sum += last.report.outputs[i * 10 + c];
    assert.ok(Math.abs(sum - 1) < 1e-5);
    const p = last.report.outputs[i * 10 + ready.samples.label[i]];
    assert.ok(Math.abs(-Math.log(p) - last.report.losses[i]) < 1e-4 * Math.max(1, last.report.losses[i]));
  }
});

test('the host forwards reports as panel messages its schema accepts, and the worker channel refuses inconsistent ones', async () => {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  const outputs = Float32Array.of(0.9, 0.2, 0.6);
  const losses = Float64Array.of(0.1, 0.2, 0.5);
  const report = { globalStep: 4, epochsDone: 1, width: 1, outputs, losses, predicted: Int32Array.of(1, 0, 1) };
  const good = { type: 'samples', runId: 1, report };
  assert.ok(receiveWorkerToHost(good).ok);
  for (const bad of [
    { ...report, predicted: Int32Array.of(1, 0) },
    { ...report, outputs: Float32Array.of(0.9, 0.2) },
    { ...report, losses: Float32Array.of(0.1, 0.2, 0.5) },
    { ...report, width: 0 },
  ]) assert.equal(receiveWorkerToHost({ ...good, report: bad }).ok, false);
  const controller = new RunController({
    runId: 1, documentUri: 'file:///m.nngraph', workerPath: '', history, broadcaster,
    config: { documentName: 'm', mode: 'train', dataset: 'moons', optimizer: 'adam', learningRate: 0.1, epochs: 1, batchSize: 1, seed: 1, validationSplit: 0 },
    start: startOptionsFor(moonsGraph(1)),
    host: (_start, listener) => {
      queueMicrotask(() => {
        listener.onMessage({ type: 'ready', runId: 1, info: { sampleCount: 3, trainCount: 3, validationCount: 0, stepsPerEpoch: 1, featureCount: 2, classCount: 2, paramCount: 1, weights: { kind: 'fresh' }, backend: 'js' }, samples: { row: [0, 5, 10], label: [1, 0, 0], validation: [false, false, true] } });
        listener.onMessage(good as WorkerToHostMessage);
      });
      return { step: () => undefined, stop: () => undefined, kill: () => undefined };
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const [record] = history.snapshot();
  assert.ok(record.samples !== undefined && record.sampleLosses !== undefined);
  assert.ok(sampleSetSchema.safeParse(record.samples).success);
  assert.ok(sampleLossesSchema.safeParse(record.sampleLosses).success);
  const bytes = Uint8Array.from(Buffer.from(record.sampleLosses.losses, 'base64'));
  assert.deepEqual([...new Float64Array(bytes.buffer)], [0.1, 0.2, 0.5]);
  assert.equal(sampleSetSchema.safeParse({ row: [0, 1], label: [1], validation: [true, false] }).success, false);
  assert.equal(controller.runId, 1);
});
