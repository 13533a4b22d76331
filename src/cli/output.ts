// Where the command line writes, as one small interface so that commands never touch process.stdout directly.
import type { Diagnostic } from '../graph/index';

export interface Output {
  /** A line (or lines) for stdout. */
  out(text: string): void;
  /** A line (or lines) for stderr. */
  err(text: string): void;
  /** Rewrites the current stdout line in place (a progress bar); only called when stdout is a terminal. */
  status(text: string): void;
  /** Whether stdout is a terminal (progress bars) rather than a file or a pipe. */
  readonly interactive: boolean;
}

export function processOutput(): Output {
  let statusShown = false;
  // `nngraph train … | head`: once the reader has gone, keep working (and saving weights) without writing.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  const clearStatus = (): void => {
    if (statusShown && !stdoutClosed) process.stdout.write('\r\x1b[2K');
    statusShown = false;
  };
  return {
    out: (text) => {
      clearStatus();
      if (!stdoutClosed) process.stdout.write(`${text}\n`);
    },
    err: (text) => {
      clearStatus();
      process.stderr.write(`${text}\n`);
    },
    status: (text) => {
      if (stdoutClosed) return;
      const width = process.stdout.columns ?? 80;
      process.stdout.write(`\r\x1b[2K${text.length >= width ? text.slice(0, width - 1) : text}`);
      statusShown = true;
    },
    interactive: process.stdout.isTTY === true,
  };
}

/** `file:line:col - error NGxxx: message`, 1-based, the way tsc prints. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, column } = diagnostic.range.start;
  return `${file}:${line + 1}:${column + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}
