// The host's side of live control, with a fake engine that records what it was asked: a learning-rate change goes
// to the engine and shows in the run's configuration (optimizer label, list of changes) in the same run; pause and
// resume go through, and the worker's `paused` answer marks the run paused and hands its weights to be saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import type { WorkerHostListener } from '../../../src/extension/training/workerHost';
import { moonsGraph, startOptionsFor } from './helpers';

test('a live run takes a new learning rate, pause and resume; its header says so', () => {
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  const asked: string[] = [];
  let listener: WorkerHostListener | undefined;
  const pausedWeights: (Uint8Array | undefined)[] = [];
  const controller = new RunController({
    runId: 4, documentUri: 'file:///moons.nngraph', workerPath: '', history, broadcaster,
    config: {
      documentName: 'moons.nngraph', mode: 'train', dataset: 'moons', optimizer: 'Adam (learning rate 0.05)', learningRate: 0.05,
      epochs: 2, batchSize: 32, seed: 42, validationSplit: 0.2,
    },
    pace: { choice: 'auto', effective: 'normal' },
    start: startOptionsFor(moonsGraph(2)),
    events: { onPaused: (weightsFile) => pausedWeights.push(weightsFile) },
    host: (_start, hostListener) => {
      listener = hostListener;
      return {
        step: () => asked.push('step'), stop: () => asked.push('stop'), kill: () => asked.push('kill'),
        pause: () => asked.push('pause'), resume: () => asked.push('resume'),
        setPace: (rate) => asked.push(`pace ${rate}`), setLearningRate: (rate) => asked.push(`lr ${rate}`),
      };
    },
  });
  assert.equal(controller.controllable, true);
  assert.deepEqual(history.header(4)?.pace, { choice: 'auto', effective: 'normal' });
  assert.equal(controller.setLearningRate(0.001), true);
  const header = history.header(4);
  assert.equal(header?.runId, 4, 'the same run');
  assert.equal(header?.config.learningRate, 0.001);
  assert.equal(header?.config.optimizer, 'Adam (learning rate 0.001)');
  assert.deepEqual(header?.learningRateChanges, [{ globalStep: 1, learningRate: 0.001 }]);
  controller.setPace(undefined, { choice: 'fastest', effective: 'fastest' });
  assert.deepEqual(history.header(4)?.pace, { choice: 'fastest', effective: 'fastest' });
  assert.equal(controller.pause(), true);
  const weights = Uint8Array.from([1, 2, 3]);
  listener?.onMessage({ type: 'paused', runId: 4, weightsFile: weights });
  assert.equal(history.header(4)?.status, 'paused');
  assert.match(history.header(4)?.summary ?? '', /^Paused before the first step; Play resumes/);
  assert.deepEqual(pausedWeights, [weights], 'the paused run\'s weights go to be saved');
  assert.equal(controller.resume(), true);
  assert.equal(history.header(4)?.status, 'running');
  assert.deepEqual(asked, ['lr 0.001', 'pace undefined', 'pause', 'resume']);
  listener?.onExit({ kind: 'terminated' });
  assert.equal(controller.setLearningRate(0.1), false, 'an ended run takes no more changes');
  assert.equal(controller.resume(), false);
  broadcaster.dispose();
});
