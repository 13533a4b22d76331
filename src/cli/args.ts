// The command line's grammar: which command, which files, which options. Anything it does not understand becomes a
// UsageError (exit code 2) that says what was wrong, never a guess.
import { exportTargetIds, isExportTarget, type ExportTarget } from '../graph/index';

export type { ExportTarget };

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
  /** Who trains: our core or PyTorch; the graph's `training.engine` when not given. */
  engine?: 'builtin' | 'pytorch';
  /** PyTorch engine: processes (above 1: torchrun with DistributedDataParallel). */
  nproc?: number;
  /** PyTorch engine: the Python that has torch ('python3' by default). */
  python?: string;
}

export interface PredictOptions extends DataOptions {
  weights?: string;
  input?: string;
  json: boolean;
}

export interface ExplainOptions extends DataOptions {
  /** The row of the dataset, in file order, from 0. */
  sample: number;
  weights?: string;
  json: boolean;
}

/** The targets `export --to` knows: the graph layer's table, shared with the editor's Export command. */
const exportTargets = exportTargetIds;

export interface ExportOptions extends DataOptions {
  to: ExportTarget;
  output?: string;
  weights?: string;
  force: boolean;
}

export interface ImportOptions extends DataOptions {
  /** The .nngraph to write (the model's name beside it by default); the weights go beside it. */
  output?: string;
  /** A built-in dataset's name, or a dataset object as JSON; without it the graph declares its featureCount. */
  dataset?: string;
  force: boolean;
}

export type Command =
  | { kind: 'help'; topic?: CommandName }
  | { kind: 'version' }
  | { kind: 'check'; files: string[]; data: DataOptions }
  | { kind: 'summary'; file: string; data: DataOptions }
  | { kind: 'train'; file: string; options: TrainOptions }
  | { kind: 'predict'; file: string; options: PredictOptions }
  | { kind: 'explain'; file: string; options: ExplainOptions }
  | { kind: 'export'; file: string; options: ExportOptions }
  | { kind: 'import'; model: string; options: ImportOptions }
  | { kind: 'diff'; before: string; after: string; json: boolean; positions: boolean };

export type CommandName = 'check' | 'summary' | 'train' | 'predict' | 'explain' | 'export' | 'import' | 'diff';

export class UsageError extends Error {
  constructor(message: string, readonly topic?: CommandName) {
    super(message);
    this.name = 'UsageError';
  }
}

const commandNames: readonly CommandName[] = ['check', 'summary', 'train', 'predict', 'explain', 'export', 'import', 'diff'];

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
    case 'predict':
      return parsePredict(rest);
    case 'explain':
      return parseExplain(rest);
    case 'export':
      return parseExport(rest);
    case 'import':
      return parseImport(rest);
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
  const data: DataOptions = {};
  const files = readOptions(args, command, ({ name, value }) => dataOption(data, name, value, command));
  return { files, data };
}

/** How one option is read: its value (consumed from the next argument unless given inline) or a bare flag. */
interface OptionReader {
  name: string;
  value(): string;
  flag(): true;
}

/**
 * Walks a command's arguments: plain words (and everything after `--`) are files, each option goes to `onOption`,
 * which returns false for an option it does not know.
 */
function readOptions(args: readonly string[], command: CommandName, onOption: (option: OptionReader) => boolean): string[] {
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
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value`, command);
      i++;
      return next;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`, command);
      return true;
    };
    if (!onOption({ name, value, flag })) throw new UsageError(`unknown option '${name}' for ${command}`, command);
  }
  return files;
}

function oneFile(files: readonly string[], command: CommandName): string {
  if (files.length !== 1) throw new UsageError(`${command} takes one .nngraph file, got ${files.length}`, command);
  return files[0];
}

function parseTrain(args: readonly string[]): Command {
  const options: TrainOptions = { json: false, quiet: false };
  const files = readOptions(args, 'train', ({ name, value, flag }) => {
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
      case '--engine': options.engine = engineValue(value()); break;
      case '--nproc': options.nproc = integerValue(name, value(), 1); break;
      case '--python': options.python = pathValue(name, value()); break;
      default: return dataOption(options, name, value, 'train');
    }
    return true;
  });
  const file = oneFile(files, 'train');
  if (options.json && options.quiet) throw new UsageError('--json and --quiet cannot be combined', 'train');
  if (options.engine === 'builtin') {
    const pytorchOnly = ['--nproc', '--python'].filter((name) => args.some((arg) => arg === name || arg.startsWith(`${name}=`)));
    if (pytorchOnly.length > 0) throw new UsageError(`${pytorchOnly.join(' and ')} apply to --engine pytorch only`, 'train');
  }
  return { kind: 'train', file, options };
}

function parsePredict(args: readonly string[]): Command {
  const options: PredictOptions = { json: false };
  const files = readOptions(args, 'predict', ({ name, value, flag }) => {
    switch (name) {
      case '--weights': options.weights = pathValue(name, value(), 'predict'); break;
      case '--input': options.input = pathValue(name, value(), 'predict'); break;
      case '--json': options.json = flag(); break;
      default: return dataOption(options, name, value, 'predict');
    }
    return true;
  });
  return { kind: 'predict', file: oneFile(files, 'predict'), options };
}

function parseExplain(args: readonly string[]): Command {
  let sample: number | undefined;
  const options: Omit<ExplainOptions, 'sample'> = { json: false };
  const files = readOptions(args, 'explain', ({ name, value, flag }) => {
    switch (name) {
      case '--sample': sample = integerValue(name, value(), 0, 'explain'); break;
      case '--weights': options.weights = pathValue(name, value(), 'explain'); break;
      case '--json': options.json = flag(); break;
      default: return dataOption(options, name, value, 'explain');
    }
    return true;
  });
  const file = oneFile(files, 'explain');
  if (sample === undefined) throw new UsageError('explain needs --sample N (a row of the dataset, in file order, from 0)', 'explain');
  return { kind: 'explain', file, options: { ...options, sample } };
}

function parseExport(args: readonly string[]): Command {
  let to: ExportTarget | undefined;
  const options: Omit<ExportOptions, 'to'> = { force: false };
  const files = readOptions(args, 'export', ({ name, value, flag }) => {
    switch (name) {
      case '--to': to = exportTargetValue(value()); break;
      case '-o': case '--output': options.output = pathValue(name, value(), 'export'); break;
      case '--weights': options.weights = pathValue(name, value(), 'export'); break;
      case '--force': options.force = flag(); break;
      default: return dataOption(options, name, value, 'export');
    }
    return true;
  });
  const file = oneFile(files, 'export');
  if (to === undefined) throw new UsageError(`export needs --to (${exportTargets.join(', ')})`, 'export');
  return { kind: 'export', file, options: { ...options, to } };
}

function parseImport(args: readonly string[]): Command {
  const options: ImportOptions = { force: false };
  const files = readOptions(args, 'import', ({ name, value, flag }) => {
    switch (name) {
      case '-o': case '--output': options.output = pathValue(name, value(), 'import'); break;
      case '--dataset': options.dataset = pathValue(name, value(), 'import'); break;
      case '--force': options.force = flag(); break;
      default: return dataOption(options, name, value, 'import');
    }
    return true;
  });
  if (files.length !== 1) throw new UsageError(`import takes one model file (.onnx), got ${files.length}`, 'import');
  return { kind: 'import', model: files[0], options };
}

function exportTargetValue(text: string): ExportTarget {
  if (isExportTarget(text)) return text;
  throw new UsageError(`--to must be one of ${exportTargets.join(', ')}, got '${text}'`, 'export');
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

function engineValue(text: string): 'builtin' | 'pytorch' {
  if (text === 'builtin' || text === 'pytorch') return text;
  throw new UsageError(`--engine must be builtin or pytorch, got '${text}'`, 'train');
}

function pathValue(name: string, text: string, command: CommandName = 'train'): string {
  if (text === '') throw new UsageError(`${name} needs a file name`, command);
  return text;
}
