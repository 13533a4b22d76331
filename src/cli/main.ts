// The `nngraph` command: check, summarize, train and diff .nngraph files without VS Code. Bundled to dist/cli.js.
import { parseArgs, UsageError, usageText, type Command } from './args';
import { runCheck } from './check';
import { runDiff } from './diff';
import { CliError } from './errors';
import { processOutput, type Output } from './output';
import { runSummary } from './summary';
import { exitCodeInterrupted, runTrain, type Interruption } from './train';
import { version } from './version';

/** The first Ctrl-C asks the run to stop after its current batch; a second one ends the process at once. */
function listenForInterrupt(output: Output): Interruption {
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(exitCodeInterrupted);
    interrupted = true;
    output.err('Stopping after the current batch (press Ctrl-C again to quit at once)…');
  });
  return { requested: () => interrupted };
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
      return runCheck(command.files, output);
    case 'summary':
      return runSummary(command.file, output);
    case 'train':
      return runTrain(command.file, command.options, output, listenForInterrupt(output));
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
