// A stepping session inside the worker thread (NN Graph: Step): the run is prepared once, then each `step` command
// trains exactly one batch on the same trainer, so the optimizer's moments, the shuffled data order and the
// epoch/step counters carry on from Step to Step as they would in one Keras fit(). Between Steps the worker sits
// idle waiting for the next command. Never throws: any failure becomes a `failed` message.
import type { WorkerStartMessage } from '../../protocol/workerMessages';
import { computeConfusion, createStepper, serializeWeights } from './coreBridge';
import { prepareRun, type PostToHost } from './workerRun';

export type SessionCommand = 'step' | 'stop';

/** Commands from the host in arrival order; `next` waits while there is none. */
export class CommandQueue {
  private readonly queued: SessionCommand[] = [];
  private waiting: ((command: SessionCommand) => void) | undefined;

  push(command: SessionCommand): void {
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting(command);
    } else {
      this.queued.push(command);
    }
  }

  next(): Promise<SessionCommand> {
    const command = this.queued.shift();
    if (command !== undefined) return Promise.resolve(command);
    return new Promise((resolve) => { this.waiting = resolve; });
  }
}

export async function runSteppingSession(start: WorkerStartMessage, post: PostToHost, commands: CommandQueue): Promise<void> {
  try {
    await runSteppingUnsafe(start, post, commands);
  } catch (error) {
    post({ type: 'failed', runId: start.runId, message: error instanceof Error ? error.message : String(error) });
  }
}

async function runSteppingUnsafe(start: WorkerStartMessage, post: PostToHost, commands: CommandQueue): Promise<void> {
  const { runId, spec, training } = start;
  const { data, program, stream, postBoundary } = await prepareRun(start, post);
  try {
    const trainer = createStepper(program, data.dataset, training);
    let stepsRun = 0;
    for (;;) {
      // A stop that arrived while the data loaded (or during the last step) wins over queued steps.
      const command = Atomics.load(new Int32Array(start.stopFlag), 0) !== 0 ? 'stop' : await commands.next();
      if (command === 'stop') {
        post({ type: 'finished', runId, stop: { kind: 'cancelled' }, epochs: trainer.epochs.length, stepsRun });
        return;
      }
      const event = trainer.step();
      stepsRun++;
      if (event.kind === 'non-finite') {
        stream.flush(true);
        post({ type: 'finished', runId, stop: event.stop, epochs: trainer.epochs.length, stepsRun });
        return;
      }
      stream.addBatch(event.batch);
      if (event.epoch !== undefined) stream.addEpoch(event.epoch);
      stream.flush(true);
      postBoundary(event.batch.globalStep);
      const weightsFile = serializeWeights(program.getWeights());
      const confusion = spec.classCount < 2 ? undefined : computeConfusion(program, data);
      post({
        type: 'stepped', runId, report: event.batch, epoch: event.epoch, weightsFile, confusion, done: trainer.done,
      }, [weightsFile.buffer as ArrayBuffer]);
      if (trainer.done) {
        post({ type: 'finished', runId, stop: { kind: 'completed' }, epochs: trainer.epochs.length, stepsRun });
        return;
      }
    }
  } finally {
    program.dispose();
  }
}
