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

/** Polls until `check` holds (the machine may be busy; nothing here asserts on time). */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await wait(5);
}

test('changes reach a panel batched: one message per interval however many steps', async () => {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history, 40);
  const received: HostToTrainingPanel[] = [];
  const sink = (message: HostToTrainingPanel): void => {
    received.push(message);
    setImmediate(() => broadcaster.acknowledged(sink));
  };
  broadcaster.addSink(sink);
  history.addRun(header(1));
  for (let step = 1; step <= 500; step++) {
    history.appendBatch(1, step, 1 / step, null);
    broadcaster.changed();
  }
  await until(() => received.length >= 2);
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
  const sink = (message: HostToTrainingPanel): void => {
    assert.ok(hostToTrainingPanelSchema.safeParse(JSON.parse(JSON.stringify(message))).success, 'every message passes the validator');
    panel = applyHostMessage(panel, message);
    setImmediate(() => broadcaster.acknowledged(sink));
  };
  broadcaster.addSink(sink);
  for (let step = 31; step <= 60; step++) history.appendBatch(1, step, step, null);
  history.appendEpoch(1, { epoch: 2, globalStep: 60, loss: 0.4, accuracy: null, valLoss: null, valAccuracy: null, samplesPerSecond: 1, elapsedMs: 2 });
  broadcaster.changed();
  await until(() => (panel.get(1)?.epochs.length ?? 0) === 2);
  const run = panel.get(1);
  assert.ok(run !== undefined);
  assert.deepEqual(run.batches.series.step, Array.from({ length: 60 }, (_, i) => i + 1));
  assert.deepEqual(run.epochs.map((point) => point.epoch), [1, 2]);
  assert.deepEqual(history.snapshot()[0].batches.step, run.batches.series.step);
  broadcaster.dispose();
});

test('a panel that has not acknowledged gets nothing more; after it does, the changes arrive merged in one message', async () => {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history, 5);
  const received: HostToTrainingPanel[] = [];
  const sink = (message: HostToTrainingPanel): void => { received.push(message); };
  broadcaster.addSink(sink);
  history.addRun(header(1));
  for (let step = 1; step <= 10; step++) {
    history.appendBatch(1, step, step, null);
    broadcaster.changed();
    await wait(10);
  }
  assert.deepEqual(received.map((message) => message.type), ['snapshot'], 'held back while the snapshot is unacknowledged');
  broadcaster.acknowledged(sink);
  await until(() => received.length === 2);
  assert.deepEqual(received.map((message) => message.type), ['snapshot', 'update']);
  const update = received[1];
  assert.ok(update.type === 'update');
  assert.deepEqual(update.updates[0].batches?.step, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  broadcaster.dispose();
});

test('clearing forgets finished runs and keeps running ones', () => {
  const history = new RunHistory();
  history.addRun({ ...header(1), status: 'completed' });
  history.addRun(header(2));
  history.clearFinished();
  assert.deepEqual(history.snapshot().map((run) => run.runId), [2]);
});

test('a new run reaches a panel at once, even one that has not acknowledged its last message', async () => {
  const { RunController } = await import('../../../src/extension/training/runController');
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history, 40);
  const received: HostToTrainingPanel[] = [];
  // This panel never acknowledges (a webview that is busy painting): flow control would hold updates for 2 s.
  broadcaster.addSink((message) => received.push(message));
  const hosts: { stop(): void }[] = [];
  const controller = new RunController({
    runId: 9, documentUri: 'file:///g.nngraph', config: header(9).config, workerPath: '', history, broadcaster,
    start: { spec: undefined as never, training: undefined as never, dataset: undefined as never, streamIntervalMs: 33, statsIntervalMs: 250 },
    host: () => {
      const host = { step: () => undefined, stop: () => undefined, kill: () => undefined };
      hosts.push(host);
      return host;
    },
  });
  const updates = received.filter((message) => message.type === 'update');
  assert.equal(updates.length, 1, 'the run was sent synchronously, not held for an acknowledgement');
  assert.equal(updates[0].type === 'update' ? updates[0].updates[0].header?.runId : undefined, 9);
  assert.equal(controller.controllable, false, 'an engine without pause (PyTorch) is not controllable');
  assert.equal(controller.pause(), false);
  assert.equal(hosts.length, 1);
  broadcaster.dispose();
});
