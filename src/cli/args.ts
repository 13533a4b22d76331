// The command line's grammar: which command, which files, which options. Anything it does not understand becomes a
// UsageError (exit code 2) that says what was wrong, never a guess.

/** Where CSV files may be read from and how large they may be; check, summary and train all take these. */
export interface DataOptions {
  /** CSV paths must stay inside this folder (links included); the graph's folder by default. */
  root?: string;
  /** CSV files larger than this many megabytes (10^6 bytes) are refused; 512 by default. */
  maxCsvMegabytes?: number;
}

export interface TrainOptions extends DataOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** The numeric kernels: WebAssembly SIMD when available ('auto'), or forced. */
  backend?: 'auto' | 'js' | 'wasm';
  initWeights?: string;
  saveWeights?: string;
  /** --force: --save-weights may replace an existing file that is not a safetensors file. */
  force?: boolean;
  json: boolean;
  quiet: boolean;
}

export type Command =
  | { kind: 'help'; topic?: CommandName }
  | { kind: 'version' }
  | { kind: 'check'; files: string[]; data: DataOptions }
  | { kind: 'summary'; file: string; data: DataOptions }
  | { kind: 'train'; file: string; options: TrainOptions }
  | { kind: 'diff'; before: string; after: string; json: boolean; positions: boolean };

export type CommandName = 'check' | 'summary' | 'train' | 'diff';

export class UsageError extends Error {
  constructor(message: string, readonly topic?: CommandName) {
    super(message);
    this.name = 'UsageError';
  }
}

const dataOptionsHelp = `
CSV data sets:
  --root DIR           a CSV path must stay inside DIR, symbolic links included (default: the graph's folder)
  --max-csv-mb N       refuse CSV files over N megabytes (default: 512)`;

export const usageText: Readonly<Record<'main' | CommandName, string>> = {
  main: `Usage: nngraph <command> [options]

Commands:
  check FILE...      check .nngraph files; prints file:line:col - error NGxxx: message
  summary FILE       print the model's layers, output shapes and parameter counts
  train FILE         train the model on its dataset and report loss and metrics per epoch
  diff A B           print what changed between two .nngraph files as networks; exit 1 when they differ

Options:
  -h, --help         show help (nngraph <command> --help for a command's options)
  -V, --version      show the version

Exit codes: 0 success, 1 errors in a file or a failed run, 2 wrong usage, 130 stopped by Ctrl-C, 143 by SIGTERM.`,
  check: `Usage: nngraph check FILE... [--root DIR] [--max-csv-mb N]

Checks each .nngraph file (structure, parameters, wiring, shapes, dataset) and prints one line per problem:
  file:line:col - error NGxxx: message
Exits with 1 when any file has an error (warnings alone exit 0).
${dataOptionsHelp}`,
  summary: `Usage: nngraph summary FILE [--root DIR] [--max-csv-mb N]

Prints a Keras-like table of the model: each layer, its output shape and its number of parameters.
${dataOptionsHelp}`,
  train: `Usage: nngraph train FILE [options]

Trains the model on the dataset named in the file, with the file's training settings unless overridden.

Options:
  --epochs N           number of epochs (0 with --save-weights writes the initial weights)
  --batch-size N       samples per step
  --learning-rate X    the optimizer's learning rate
  --seed N             seed of the weights, the data split, shuffling, dropout and generated datasets
  --backend B          auto (default: WebAssembly SIMD where it runs, else TypeScript), wasm or js
  --init-weights F     start from the weights in the safetensors file F
  --save-weights F     write the trained weights to the safetensors file F (also when stopped by Ctrl-C or
                       SIGTERM, and the last finite ones after a non-finite stop); never the graph or its CSV
  --force              let --save-weights replace an existing file that is not a safetensors file
  --json               one JSON object per epoch on stdout, then a summary with "done": true
  --quiet              print only the final result
${dataOptionsHelp}

Ctrl-C stops after the current batch (and saves the weights if --save-weights is given); exit code 130.
SIGTERM does the same, with exit code 143.`,
  diff: `Usage: nngraph diff A B [--json] [--positions]

Compares two .nngraph files as networks: nodes and edges added or removed, parameters and training settings changed
(old → new). Renamed ids, the order of keys, nodes and edges, and defaults written out are not changes; node
positions are not either, unless --positions is given.

Options:
  --json         one JSON object on stdout with every change (and renames, and moves with --positions)
  --positions    report moved nodes, and count a move as a difference

Exits with 0 when the networks are the same, 1 when they differ, 2 when a file cannot be read (file:line:col).`,
};

const commandNames: readonly CommandName[] = ['check', 'summary', 'train', 'diff'];

function isCommandName(value: string): value is CommandName {
  return (commandNames as readonly string[]).includes(value);
}

/** Splits `--name=value` and `--name value` alike; returns the option name and its value, if inline. */
function splitOption(arg: string): [name: string, inline: string | undefined] {
  const equals = arg.indexOf('=');
  return equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !isCommandName(topic)) throw new UsageError(`unknown command '${topic}'`);
    return topic ? { kind: 'help', topic } : { kind: 'help' };
  }
  if (first === '-V' || first === '--version') return { kind: 'version' };
  if (!isCommandName(first)) {
    throw new UsageError(first.startsWith('-') ? `unknown option '${first}' (the command comes first)` : `unknown command '${first}'`);
  }
  if (rest.includes('-h') || rest.includes('--help')) return { kind: 'help', topic: first };
  switch (first) {
    case 'check': {
      const { files, data } = positionals(rest, first);
      if (files.length === 0) throw new UsageError('check needs at least one .nngraph file', first);
      return { kind: 'check', files, data };
    }
    case 'summary': {
      const { files, data } = positionals(rest, first);
      if (files.length !== 1) throw new UsageError(`summary takes one .nngraph file, got ${files.length}`, first);
      return { kind: 'summary', file: files[0], data };
    }
    case 'train':
      return parseTrain(rest);
    case 'diff':
      return parseDiff(rest);
  }
}

/** `--root` and `--max-csv-mb`, taken by every command that reads a graph's dataset; false for any other option. */
function dataOption(options: DataOptions, name: string, value: () => string, command: CommandName): boolean {
  if (name === '--root') options.root = pathValue(name, value(), command);
  else if (name === '--max-csv-mb') options.maxCsvMegabytes = integerValue(name, value(), 1, command);
  else return false;
  return true;
}

function positionals(args: readonly string[], command: CommandName): { files: string[]; data: DataOptions } {
  const files: string[] = [];
  const data: DataOptions = {};
  let afterDashes = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!afterDashes && arg === '--') {
      afterDashes = true;
      continue;
    }
    if (afterDashes || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const [name, inline] = splitOption(arg);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value`, command);
      i++;
      return next;
    };
    if (!dataOption(data, name, value, command)) throw new UsageError(`unknown option '${arg}' for ${command}`, command);
  }
  return { files, data };
}

function parseTrain(args: readonly string[]): Command {
  const options: TrainOptions = { json: false, quiet: false };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const [name, inline] = splitOption(arg);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value`, 'train');
      i++;
      return next;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`, 'train');
      return true;
    };
    switch (name) {
      case '--epochs': options.epochs = integerValue(name, value(), 0); break;
      case '--batch-size': options.batchSize = integerValue(name, value(), 1); break;
      case '--learning-rate': options.learningRate = positiveValue(name, value()); break;
      case '--seed': options.seed = integerValue(name, value(), -2147483648); break;
      case '--backend': options.backend = backendValue(value()); break;
      case '--init-weights': options.initWeights = pathValue(name, value()); break;
      case '--save-weights': options.saveWeights = pathValue(name, value()); break;
      case '--force': options.force = flag(); break;
      case '--json': options.json = flag(); break;
      case '--quiet': options.quiet = flag(); break;
      default:
        if (!dataOption(options, name, value, 'train')) throw new UsageError(`unknown option '${name}' for train`, 'train');
    }
  }
  if (files.length !== 1) throw new UsageError(`train takes one .nngraph file, got ${files.length}`, 'train');
  if (options.json && options.quiet) throw new UsageError('--json and --quiet cannot be combined', 'train');
  return { kind: 'train', file: files[0], options };
}

function parseDiff(args: readonly string[]): Command {
  const options = { json: false, positions: false };
  const files: string[] = [];
  let afterDashes = false;
  for (const arg of args) {
    if (afterDashes || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') afterDashes = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--positions') options.positions = true;
    else throw new UsageError(`unknown option '${arg}' for diff`, 'diff');
  }
  if (files.length !== 2) throw new UsageError(`diff takes two .nngraph files, got ${files.length}`, 'diff');
  return { kind: 'diff', before: files[0], after: files[1], ...options };
}

function integerValue(name: string, text: string, min: number, command: CommandName = 'train'): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${name} must be an integer${min === 0 ? ' ≥ 0' : min === 1 ? ' ≥ 1' : ''}, got '${text}'`, command);
  }
  return value;
}

function positiveValue(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a number > 0, got '${text}'`, 'train');
  return value;
}

function backendValue(text: string): 'auto' | 'js' | 'wasm' {
  if (text === 'auto' || text === 'js' || text === 'wasm') return text;
  throw new UsageError(`--backend must be auto, wasm or js, got '${text}'`, 'train');
}

function pathValue(name: string, text: string, command: CommandName = 'train'): string {
  if (text === '') throw new UsageError(`${name} needs a file name`, command);
  return text;
}
