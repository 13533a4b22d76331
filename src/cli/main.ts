// The `nngraph` command: check, summarize, train, predict with, explain, export, import and diff .nngraph files without VS Code. Bundled to dist/cli.js.
import { parseArgs, UsageError, type Command } from './args';
import { usageText } from './usage';
import { runCheck } from './check';
import { runDiff } from './diff';
import { CliError } from './errors';
import { runExplain } from './explain';
import { runExport } from './export';
import { runImport } from './import';
import { processOutput, type Output } from './output';
import { runPredict } from './predict';
import { runSummary } from './summary';
import { exitCodeInterrupted, exitCodeTerminated, runTrain, type Interruption, type StopSignal } from './train';
import { version } from './version';

/**
 * The first Ctrl-C (or SIGTERM, as a service manager or `kill` sends it) asks the run to stop after its current
 * batch and save what it was asked to; a second signal ends the process at once.
 */
function listenForInterrupt(output: Output): Interruption {
  let received: StopSignal | undefined;
  const listeners: Array<(signal: StopSignal) => void> = [];
  const onSignal = (signal: StopSignal): void => {
    if (received !== undefined) process.exit(signal === 'SIGTERM' ? exitCodeTerminated : exitCodeInterrupted);
    received = signal;
    output.err(signal === 'SIGTERM'
      ? 'SIGTERM received: stopping after the current batch (send it again to quit at once)…'
      : 'Stopping after the current batch (press Ctrl-C again to quit at once)…');
    for (const listener of listeners) listener(signal);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return {
    requested: () => received !== undefined,
    signal: () => received,
    onRequest: (listener) => {
      if (received !== undefined) listener(received);
      else listeners.push(listener);
    },
  };
}

async function runCommand(command: Command, output: Output): Promise<number> {
  switch (command.kind) {
    case 'help':
      output.out(usageText[command.topic ?? 'main']);
      return 0;
    case 'version':
      output.out(version);
      return 0;
    case 'check':
      return runCheck(command.files, output, command.data);
    case 'summary':
      return runSummary(command.file, output, command.data);
    case 'train':
      return runTrain(command.file, command.options, output, listenForInterrupt(output));
    case 'predict':
      return runPredict(command.file, command.options, output);
    case 'explain':
      return runExplain(command.file, command.options, output);
    case 'export':
      return runExport(command.file, command.options, output);
    case 'import':
      return runImport(command.model, command.options, output);
    case 'diff':
      return runDiff(command.before, command.after, command, output);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const output = processOutput();
  try {
    return await runCommand(parseArgs(argv), output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`nngraph: ${error.message}`);
      output.err(`Run 'nngraph ${error.topic ? `${error.topic} ` : ''}--help' for usage.`);
      return 2;
    }
    if (error instanceof CliError) {
      output.err(error.message);
      return error.exitCode;
    }
    output.err(`nngraph: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
