// The exported PyTorch script's JSON lines (with --json --progress), read into the core's own report types so that
// everything downstream (the command line's output, the training panel) treats a PyTorch run like one of ours.
// Lines: {"run": {...}} before the first step, {"batch": {...}} per batch, the epoch lines of `nngraph train --json`,
// and the summary {"done": true, ...}. Anything else the script prints (a warning of PyTorch's) is not ours to read.
import type { BatchReport, EpochReport } from '../core/index';

/** What the script says about the run before its first step. */
export interface ScriptRunInfo {
  sampleCount: number;
  trainCount: number;
  validationCount: number;
  featureCount: number;
  stepsPerEpoch: number;
  paramCount: number;
  /** `cpu`, `cuda:0`… */
  device: string;
  processes: number;
  torchVersion: string;
}

export interface ScriptSummary {
  stop: 'completed' | 'cancelled';
  epochs: number;
  steps?: number;
}

export type ScriptLine =
  | { kind: 'run'; info: ScriptRunInfo }
  | { kind: 'batch'; report: BatchReport }
  | { kind: 'epoch'; report: EpochReport }
  | { kind: 'summary'; summary: ScriptSummary };

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOf(fields: Fields, name: string): number | undefined {
  const value = fields[name];
  return typeof value === 'number' ? value : undefined;
}

/** One line of the script's stdout; undefined for anything that is not one of its report lines. */
export function parseScriptLine(text: string, lastBatch: BatchReport | undefined): ScriptLine | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isFields(value)) return undefined;
  if (isFields(value.run)) return runLine(value.run);
  if (isFields(value.batch)) return batchLine(value.batch);
  if (value.done === true) return summaryLine(value);
  if (typeof value.epoch === 'number') return epochLine(value, lastBatch);
  return undefined;
}

function runLine(run: Fields): ScriptLine | undefined {
  const counts = ['samples', 'train', 'validation', 'features', 'steps_per_epoch', 'params', 'processes'].map((name) => numberOf(run, name));
  if (counts.some((count) => count === undefined)) return undefined;
  const [sampleCount, trainCount, validationCount, featureCount, stepsPerEpoch, paramCount, processes] = counts as number[];
  return {
    kind: 'run',
    info: {
      sampleCount, trainCount, validationCount, featureCount, stepsPerEpoch, paramCount, processes,
      device: typeof run.device === 'string' ? run.device : 'cpu',
      torchVersion: typeof run.torch === 'string' ? run.torch : '',
    },
  };
}

function batchLine(batch: Fields): ScriptLine | undefined {
  const epoch = numberOf(batch, 'epoch');
  const step = numberOf(batch, 'step');
  const stepsPerEpoch = numberOf(batch, 'steps_per_epoch');
  const globalStep = numberOf(batch, 'global_step');
  const loss = numberOf(batch, 'loss');
  const samplesSeen = numberOf(batch, 'samples_seen');
  if (epoch === undefined || step === undefined || stepsPerEpoch === undefined || globalStep === undefined
    || loss === undefined || samplesSeen === undefined) return undefined;
  const report: BatchReport = { epoch, step, stepsPerEpoch, globalStep, loss, samplesSeen };
  const accuracy = numberOf(batch, 'accuracy');
  const batchLoss = numberOf(batch, 'batch_loss');
  const batchAccuracy = numberOf(batch, 'batch_accuracy');
  if (accuracy !== undefined) report.accuracy = accuracy;
  if (batchLoss !== undefined) report.batchLoss = batchLoss;
  if (batchAccuracy !== undefined) report.batchAccuracy = batchAccuracy;
  return { kind: 'batch', report };
}

/** The epoch line carries no step count: the epoch's last batch line (which came just before it) has it. */
function epochLine(line: Fields, lastBatch: BatchReport | undefined): ScriptLine | undefined {
  const loss = numberOf(line, 'loss');
  if (loss === undefined) return undefined;
  const report: EpochReport = {
    epoch: line.epoch as number, loss,
    globalStep: lastBatch?.globalStep ?? 0, samplesSeen: lastBatch?.samplesSeen ?? 0,
    samplesPerSecond: numberOf(line, 'samples_per_s') ?? 0, elapsedMs: numberOf(line, 'elapsed_ms') ?? 0,
  };
  const accuracy = numberOf(line, 'accuracy');
  const valLoss = numberOf(line, 'val_loss');
  const valAccuracy = numberOf(line, 'val_accuracy');
  if (accuracy !== undefined) report.accuracy = accuracy;
  if (valLoss !== undefined) report.valLoss = valLoss;
  if (valAccuracy !== undefined) report.valAccuracy = valAccuracy;
  return { kind: 'epoch', report };
}

function summaryLine(line: Fields): ScriptLine | undefined {
  const stop = line.stop;
  if (stop !== 'completed' && stop !== 'cancelled') return undefined;
  const steps = numberOf(line, 'steps');
  return { kind: 'summary', summary: { stop, epochs: numberOf(line, 'epochs') ?? 0, ...(steps !== undefined ? { steps } : {}) } };
}
