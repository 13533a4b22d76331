// Entry of dist/worker.js: one worker thread per run. It waits for `start`, then drives the run (runLoop.ts): a
// Train steps until done (at its pace) and exits, pausing and resuming on request; a Step session is the same run
// started paused, one step per `step`. `stop` is also signalled through the shared flag in `start`, which the loop
// reads even when it never yields.
import { parentPort } from 'node:worker_threads';
import { receiveHostToWorker, type WorkerStartMessage } from '../../protocol/workerMessages';
import { RunControls } from './runControls';
import { runInWorker, type PostToHost } from './runLoop';
import { RunSignals } from './runSignals';

const port = parentPort;
if (port === null) throw new Error('dist/worker.js must run as a worker thread');

let started: WorkerStartMessage | undefined;
// Made by `start` (which the host always sends first): pause, resume, Step, stop and the pace for the run loop.
let signals: RunSignals | undefined;
const controls = new RunControls();
port.on('message', (raw: unknown) => {
  const received = receiveHostToWorker(raw);
  if (!received.ok) {
    console.warn(`NN Graph training worker: dropped a message from the host: ${received.reason}`);
    return;
  }
  const message = received.message;
  switch (message.type) {
    case 'start': {
      if (started !== undefined) return;
      started = message;
      signals = new RunSignals(message.stepping === true, message.epochsPerSecond);
      const post: PostToHost = (reply, transfer) => port.postMessage(reply, transfer ?? []);
      void runInWorker(message, post, signals, controls).then(() => port.close());
      return;
    }
    case 'step':
      signals?.step();
      return;
    case 'pause':
      signals?.pause();
      return;
    case 'resume':
      signals?.resume();
      return;
    case 'setPace':
      signals?.setPace(message.epochsPerSecond);
      return;
    case 'setLearningRate':
      controls.setLearningRate(message.learningRate);
      return;
    case 'stop':
      if (started !== undefined) Atomics.store(new Int32Array(started.stopFlag), 0, 1);
      signals?.stop();
      return;
    default: {
      const unexpected: never = message;
      throw new Error(`unexpected message ${JSON.stringify(unexpected)}`);
    }
  }
});
