// Commands from the host in arrival order; `next` waits while there is none. A paused run waits here for its Step.
export type RunCommand = 'step' | 'stop';

export class CommandQueue {
  private readonly queued: RunCommand[] = [];
  private waiting: ((command: RunCommand) => void) | undefined;

  push(command: RunCommand): void {
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting(command);
    } else {
      this.queued.push(command);
    }
  }

  next(): Promise<RunCommand> {
    const command = this.queued.shift();
    if (command !== undefined) return Promise.resolve(command);
    return new Promise((resolve) => { this.waiting = resolve; });
  }
}
