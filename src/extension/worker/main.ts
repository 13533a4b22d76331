// Entry of dist/worker.js: one worker thread per run. It waits for `start`, then drives the run (runLoop.ts): a
// Train steps until done and exits; a Step session pauses after each step until the next `step` or `stop`. `stop` is
// also signalled through the shared flag in `start`, which the loop reads even when it never yields.
import { parentPort } from 'node:worker_threads';
import { receiveHostToWorker, type WorkerStartMessage } from '../../protocol/workerMessages';
import { CommandQueue } from './commandQueue';
import { RunControls } from './runControls';
import { runInWorker, type PostToHost } from './runLoop';

const port = parentPort;
if (port === null) throw new Error('dist/worker.js must run as a worker thread');

let started: WorkerStartMessage | undefined;
const commands = new CommandQueue();
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
      const post: PostToHost = (reply, transfer) => port.postMessage(reply, transfer ?? []);
      void runInWorker(message, post, commands, controls).then(() => port.close());
      return;
    }
    case 'step':
      commands.push('step');
      return;
    case 'setLearningRate':
      controls.setLearningRate(message.learningRate);
      return;
    case 'stop':
      if (started !== undefined) Atomics.store(new Int32Array(started.stopFlag), 0, 1);
      commands.push('stop');
      return;
    default: {
      const unexpected: never = message;
      throw new Error(`unexpected message ${JSON.stringify(unexpected)}`);
    }
  }
});
