// Errors the command line reports as one clear line and an exit code, never a stack trace.

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export { describeFsError } from '../node/fsErrors';
