import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostToTrainingPanel, RunHeader } from '../../../src/protocol/messages';
import { hostToTrainingPanelSchema } from '../../../src/protocol/messages';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { applyHostMessage, type RunMap } from '../../../webview/training/runStore';

const header = (runId: number): RunHeader => ({
  runId, documentUri: 'file:///g.nngraph', startedAt: 0, status: 'running',
  config: {
    documentName: 'g.nngraph', mode: 'train', dataset: 'moons', optimizer: 'Adam', learningRate: 0.01, epochs: 3,
    batchSize: 32, seed: 1, validationSplit: 0, 
  },
});

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('changes reach a panel batched: one message per interval however many steps', async () => {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history, 40);
  const received: HostToTrainingPanel[] = [];
  broadcaster.addSink((message) => received.push(message));
  history.addRun(header(1));
  for (let step = 1; step <= 500; step++) {
    history.appendBatch(1, step, 1 / step, null);
    broadcaster.changed();
  }
  await wait(80);
  const updates = received.filter((message) => message.type === 'update');
  assert.equal(updates.length, 1, 'five hundred steps in one burst make one message');
  assert.equal(received[0].type, 'snapshot');
  broadcaster.dispose();
});

test('a panel that opens mid-run replays the history and then continues without gaps or repeats', async () => {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history, 5);
  history.addRun(header(1));
  for (let step = 1; step <= 30; step++) history.appendBatch(1, step, step, null);
  history.appendEpoch(1, { epoch: 1, globalStep: 30, loss: 0.5, accuracy: null, valLoss: null, valAccuracy: null, samplesPerSecond: 1, elapsedMs: 1 });
  broadcaster.changed();
  let panel: RunMap = new Map();
  broadcaster.addSink((message) => {
    assert.ok(hostToTrainingPanelSchema.safeParse(JSON.parse(JSON.stringify(message))).success, 'every message passes the validator');
    panel = applyHostMessage(panel, message);
  });
  for (let step = 31; step <= 60; step++) history.appendBatch(1, step, step, null);
  history.appendEpoch(1, { epoch: 2, globalStep: 60, loss: 0.4, accuracy: null, valLoss: null, valAccuracy: null, samplesPerSecond: 1, elapsedMs: 2 });
  broadcaster.changed();
  await wait(30);
  const run = panel.get(1);
  assert.ok(run !== undefined);
  assert.deepEqual(run.batches.series.step, Array.from({ length: 60 }, (_, i) => i + 1));
  assert.deepEqual(run.epochs.map((point) => point.epoch), [1, 2]);
  assert.deepEqual(history.snapshot()[0].batches.step, run.batches.series.step);
  broadcaster.dispose();
});

test('clearing forgets finished runs and keeps running ones', () => {
  const history = new RunHistory();
  history.addRun({ ...header(1), status: 'completed' });
  history.addRun(header(2));
  history.clearFinished();
  assert.deepEqual(history.snapshot().map((run) => run.runId), [2]);
});
