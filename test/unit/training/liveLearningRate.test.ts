// The worker's setLearningRate command with the real worker: a Step session whose rate is changed between Steps
// carries on (no restart: the step counter goes on), a rate of 1e-30 freezes the weights, the old rate moves them
// again; a rate that is not a finite number > 0 is refused by the host and dropped by the worker's check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSafetensors } from '../../../src/core/weights';
import { WorkerHost } from '../../../src/extension/training/workerHost';
import { receiveHostToWorker, type WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker, moonsGraph, startOptionsFor } from './helpers';

type Stepped = Extract<WorkerToHostMessage, { type: 'stepped' }>;

const weightsOf = (message: Stepped): number[] => readSafetensors(message.weightsFile, 'step').tensors.flatMap((tensor) => Array.from(tensor.data));

test('setLearningRate between Steps: the same run goes on at the new rate', async () => {
  const stepped: Stepped[] = [];
  let host: WorkerHost | undefined;
  // Before each Step: the rate that Step should use (undefined: leave it).
  const plan: Array<number | undefined> = [undefined, 1e-30, undefined, 0.05];
  const next = (): void => {
    const rate = plan[stepped.length];
    if (stepped.length >= plan.length) { host?.stop(); return; }
    if (rate !== undefined) host?.setLearningRate(rate);
    host?.step();
  };
  host = new WorkerHost(await buildWorker(), { ...startOptionsFor(moonsGraph(2)), stepping: true, runId: 3 }, {
    onMessage: (message) => {
      if (message.type === 'ready') next();
      if (message.type === 'stepped') { stepped.push(message); next(); }
    },
    onExit: () => undefined,
  });
  const exit = await host.done;
  assert.deepEqual(exit, { kind: 'finished' });
  assert.throws(() => host?.setLearningRate(-1), /the learning rate must be a finite number > 0, got -1/);
  assert.deepEqual(stepped.map((message) => message.report.globalStep), [1, 2, 3, 4], 'one run, no restart');
  const [first, frozen, stillFrozen, moved] = stepped.map(weightsOf);
  assert.deepEqual(frozen, first, 'at 1e-30 a step leaves the weights as they were');
  assert.deepEqual(stillFrozen, first, 'the rate stays changed until changed again');
  const distance = moved.reduce((sum, w, i) => sum + Math.abs(w - first[i]), 0);
  assert.ok(distance > 1e-3, `back at 0.05 the weights move again (by ${distance})`);
});

test('the worker\'s check drops a setLearningRate whose rate is not a finite number > 0', () => {
  for (const learningRate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(receiveHostToWorker({ type: 'setLearningRate', learningRate }).ok, false, String(learningRate));
  }
  assert.equal(receiveHostToWorker({ type: 'setLearningRate', learningRate: '0.1' }).ok, false);
  assert.equal(receiveHostToWorker({ type: 'setLearningRate' }).ok, false);
  assert.equal(receiveHostToWorker({ type: 'setLearningRate', learningRate: 0.1 }).ok, true);
});
