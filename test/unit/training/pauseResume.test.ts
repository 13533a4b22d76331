// Pause, Step, resume and pace with the real worker. Nothing here reads the wall clock: each check is on the run's
// state (the step counter when paused and after a Step, the messages that came, the final weights). A paced run that
// is paused, stepped, sped up and resumed ends with exactly the weights of a plain unpaced run from the same seed:
// pace and pauses change when the steps run, never what they compute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerHost } from '../../../src/extension/training/workerHost';
import { receiveHostToWorker, type WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker, moonsGraph, startOptionsFor } from './helpers';

type Message<T extends WorkerToHostMessage['type']> = Extract<WorkerToHostMessage, { type: T }>;

async function plainRunWeights(text: string): Promise<Uint8Array> {
  const messages: WorkerToHostMessage[] = [];
  const host = new WorkerHost(await buildWorker(), { ...startOptionsFor(text), runId: 1 }, {
    onMessage: (message) => messages.push(message), onExit: () => undefined,
  });
  await host.done;
  const finished = messages.find((message): message is Message<'finished'> => message.type === 'finished');
  assert.ok(finished?.weightsFile !== undefined);
  return finished.weightsFile;
}

test('a paced run pauses (weights sent, counter still), steps one batch, then resumes unpaced to the same weights as a plain run', async () => {
  const text = moonsGraph(2);
  const messages: WorkerToHostMessage[] = [];
  let host: WorkerHost | undefined;
  // Two epochs of 25 steps at 1 epoch per second would take two seconds; the test never waits for the pace.
  host = new WorkerHost(await buildWorker(), { ...startOptionsFor(text, { epochsPerSecond: 1 }), runId: 7 }, {
    onMessage: (message) => {
      messages.push(message);
      if (message.type === 'progress' && message.latest !== undefined && message.latest.globalStep >= 2 && !messages.some((m) => m.type === 'paused')) {
        host?.pause();
      }
      if (message.type === 'paused') host?.step();
      if (message.type === 'stepped') {
        host?.setPace(undefined);
        host?.resume();
      }
    },
    onExit: () => undefined,
  });
  assert.deepEqual(await host.done, { kind: 'finished' });
  const paused = messages.filter((message): message is Message<'paused'> => message.type === 'paused');
  const stepped = messages.filter((message): message is Message<'stepped'> => message.type === 'stepped');
  const finished = messages.find((message): message is Message<'finished'> => message.type === 'finished');
  assert.equal(paused.length, 1, 'one pause, announced once');
  assert.ok(paused[0].report !== undefined && paused[0].weightsFile !== undefined, 'a pause sends the weights trained so far');
  const pausedAt = paused[0].report.globalStep;
  assert.ok(pausedAt >= 2 && pausedAt < 50, `paused mid-run, at step ${pausedAt}`);
  assert.equal(stepped.length, 1);
  assert.equal(stepped[0].report.globalStep, pausedAt + 1, 'nothing trained while paused: the Step trained the very next batch');
  assert.equal(finished?.stop.kind, 'completed');
  assert.equal(finished?.stepsRun, 50, 'every step of both epochs ran once');
  const progressAfterPause = messages.slice(messages.indexOf(paused[0]) + 1, messages.indexOf(stepped[0]))
    .filter((message) => message.type === 'progress' && message.batches.globalStep.length > 0);
  assert.equal(progressAfterPause.length <= 1, true, 'between the pause and the Step at most the Step\'s own batch is reported');
  assert.deepEqual(finished?.weightsFile, await plainRunWeights(text), 'pace, pause and Step do not change what the run computes');
});

test('a pause before the first step, then Stop: the run ends cancelled with no weights, and the pace message is checked', async () => {
  const messages: WorkerToHostMessage[] = [];
  let host: WorkerHost | undefined;
  host = new WorkerHost(await buildWorker(), { ...startOptionsFor(moonsGraph(2), { epochsPerSecond: 0.5 }), runId: 8 }, {
    onMessage: (message) => {
      messages.push(message);
      if (message.type === 'ready') host?.pause();
      if (message.type === 'paused') host?.stop();
    },
    onExit: () => undefined,
  });
  assert.deepEqual(await host.done, { kind: 'finished' });
  const paused = messages.find((message): message is Message<'paused'> => message.type === 'paused');
  const finished = messages.find((message): message is Message<'finished'> => message.type === 'finished');
  assert.ok(paused !== undefined);
  assert.ok((paused.report?.globalStep ?? 0) <= 1, 'paused at once (at most the first step ran)');
  assert.equal(finished?.stop.kind, 'cancelled');
  assert.equal(finished?.weightsFile, undefined, 'the pause already sent whatever was trained');
  for (const epochsPerSecond of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '2']) {
    assert.equal(receiveHostToWorker({ type: 'setPace', epochsPerSecond }).ok, false, String(epochsPerSecond));
  }
  assert.equal(receiveHostToWorker({ type: 'setPace' }).ok, true, 'no rate: as fast as possible');
  assert.equal(receiveHostToWorker({ type: 'setPace', epochsPerSecond: 10 }).ok, true);
});
