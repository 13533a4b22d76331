// Entry of dist/worker.js: one worker thread per run. It waits for `start`, trains, reports and exits; `stop` is
// also signalled through the shared flag in `start`, which the loop reads even when it never yields.
import { parentPort } from 'node:worker_threads';
import { isHostToWorkerMessage, type WorkerStartMessage } from '../../protocol/workerMessages';
import { runTraining } from './workerRun';

const port = parentPort;
if (port === null) throw new Error('dist/worker.js must run as a worker thread');

let started: WorkerStartMessage | undefined;
port.on('message', (message: unknown) => {
  if (!isHostToWorkerMessage(message)) return;
  switch (message.type) {
    case 'start':
      if (started !== undefined) return;
      started = message;
      void runTraining(message, (reply, transfer) => port.postMessage(reply, transfer ?? [])).then(() => port.close());
      return;
    case 'stop':
      if (started !== undefined) Atomics.store(new Int32Array(started.stopFlag), 0, 1);
      return;
    default: {
      const unexpected: never = message;
      throw new Error(`unexpected message ${JSON.stringify(unexpected)}`);
    }
  }
});
