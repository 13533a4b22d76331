// Entry of dist/worker.js: one worker thread per run. It waits for `start`, trains, reports and exits; `stop` is
// also signalled through the shared flag in `start`, which the loop reads even when it never yields. A stepping
// session (NN Graph: Step) instead stays alive between `step` messages until `stop`.
import { parentPort } from 'node:worker_threads';
import { receiveHostToWorker, type WorkerStartMessage } from '../../protocol/workerMessages';
import { runTraining, type PostToHost } from './workerRun';
import { CommandQueue, runSteppingSession } from './workerStepping';

const port = parentPort;
if (port === null) throw new Error('dist/worker.js must run as a worker thread');

let started: WorkerStartMessage | undefined;
const sessionCommands = new CommandQueue();
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
      const run = message.stepping === true ? runSteppingSession(message, post, sessionCommands) : runTraining(message, post);
      void run.then(() => port.close());
      return;
    }
    case 'step':
      sessionCommands.push('step');
      return;
    case 'stop':
      if (started !== undefined) Atomics.store(new Int32Array(started.stopFlag), 0, 1);
      sessionCommands.push('stop');
      return;
    default: {
      const unexpected: never = message;
      throw new Error(`unexpected message ${JSON.stringify(unexpected)}`);
    }
  }
});
