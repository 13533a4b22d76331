// `nngraph train FILE`: runs the training loop, reports each epoch, stops cleanly on Ctrl-C, saves weights on request.
import { basename, dirname, resolve } from 'node:path';
import { lastFiniteWeights, trainRun, type BatchReport, type EarlyStopOutcome, type EpochReport, type StopReason, type TrainResult } from '../core/index';
import type { TrainingEngine } from '../graph/index';
import { UsageError, type TrainOptions } from './args';
import { CliError } from './errors';
import type { Output } from './output';
import { epochJson, epochLine, formatDuration, progressLine, thousands } from './progress';
import { checkPytorchSetup, trainWithPytorch, type PytorchSettings } from './trainPytorch';
import { prepareRun, type PreparedRun } from './trainSetup';
import { version } from './version';
import { checkWeightsTarget, saveWeightsFile, weightsTarget } from './weightsOutput';
import type { WriteTarget } from '../node/safeWrite';

/** Asked by the training loop between batches: has the user pressed Ctrl-C, or has the process been sent SIGTERM? */
export interface Interruption {
  requested(): boolean;
  /** Calls `listener` at the first stop request (at once if there was one): the PyTorch engine passes it on. */
  onRequest(listener: (signal: StopSignal) => void): void;
  /** The signal that asked for the stop: it decides the exit code (130 or 143) and the summary's words. */
  signal(): StopSignal | undefined;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

export const exitCodeInterrupted = 130;
export const exitCodeTerminated = 143;

export async function runTrain(file: string, options: TrainOptions, output: Output, interruption: Interruption): Promise<number> {
  // The output path is checked before the data is read, so a typo in it costs nothing.
  if (options.saveWeights !== undefined) checkWeightsTarget(weightsTarget(file, options.saveWeights, options.force === true));
  const prepared = prepareRun(file, options, output);
  try {
    const engine = engineOf(prepared, options);
    if (engine === 'pytorch') await checkPytorchSetup(pytorchSettings(options));
    const target = options.saveWeights === undefined ? undefined : weightsTarget(file, options.saveWeights, options.force === true, csvFileOf(prepared, file));
    if (target !== undefined) checkWeightsTarget(target);
    if (!options.json && !options.quiet) {
      output.out(describeRun(prepared, options));
      const mapping = classMapping(prepared);
      if (mapping !== undefined) output.out(mapping);
    }
    if (prepared.run.training.epochs === 0) return finishWithoutTraining(prepared, file, target, options, output);
    const result = engine === 'pytorch'
      ? await trainWithPytorch(prepared, pytorchSettings(options), reporter(prepared, options, output), interruption, file)
      : await trainWithReports(prepared, options, output, interruption);
    return finish(prepared, result, file, target, options, output, interruption);
  } finally {
    prepared.run.dispose();
  }
}

function csvFileOf(prepared: PreparedRun, file: string): string | undefined {
  // The path rule has already kept the data inside the root; here it only names the file weights must not replace.
  return prepared.datasetRef.kind === 'csv' ? resolve(dirname(resolve(file)), prepared.datasetRef.path) : undefined;
}

/** The engine in effect: --engine, else the file's; the PyTorch engine's options need it, --backend the built-in one. */
function engineOf(prepared: PreparedRun, options: TrainOptions): TrainingEngine {
  const engine = options.engine ?? prepared.engine;
  if (engine === 'builtin' && (options.nproc !== undefined || options.python !== undefined)) {
    throw new UsageError('--nproc and --python apply to the pytorch engine only (--engine pytorch, or training.engine in the file)', 'train');
  }
  if (engine === 'pytorch' && options.backend !== undefined) throw new UsageError('--backend chooses the kernels of the builtin engine only', 'train');
  return engine;
}

function pytorchSettings(options: TrainOptions): PytorchSettings {
  return { python: options.python ?? 'python3', processes: options.nproc ?? 1 };
}

/** How each batch and epoch is shown: a progress bar on a terminal, an epoch line, or a JSON line. */
function reporter(prepared: PreparedRun, options: TrainOptions, output: Output): { onBatch(batch: BatchReport): void; onEpoch(report: EpochReport): void } {
  const { epochs } = prepared.run.training;
  const showBar = output.interactive && !options.json && !options.quiet;
  let lastBarMs = -Infinity;
  return {
    onBatch: (batch) => {
      // A bar redrawn every batch would cost more than small batches themselves; ten times a second is enough.
      const now = performance.now();
      if (!showBar || (now - lastBarMs < 100 && batch.step !== batch.stepsPerEpoch)) return;
      lastBarMs = now;
      output.status(progressLine(batch, epochs));
    },
    onEpoch: (report) => {
      if (options.json) output.out(epochJson(report));
      else if (!options.quiet) output.out(epochLine(report, epochs));
    },
  };
}

function describeRun(prepared: PreparedRun, options: TrainOptions): string {
  const { run } = prepared;
  const { dataset } = run.data;
  const { training } = run;
  const source = prepared.datasetRef.kind === 'builtin' ? prepared.datasetRef.name : prepared.datasetRef.path;
  const classes = dataset.classCount > 0 ? `, ${dataset.classCount} classes` : '';
  return `Training "${prepared.name}" on ${source}: ${thousands(dataset.sampleCount)} samples (${thousands(run.trainCount)} training, `
    + `${thousands(run.validationCount)} validation), ${dataset.featureCount} features${classes}; ${thousands(run.paramCount)} parameters; `
    + `${training.optimizer.type} learning rate ${training.optimizer.learningRate}, batch ${training.batchSize}, `
    + `${training.epochs} epochs, seed ${training.seed}; ${engineDescription(prepared, options)}`;
}

function engineDescription(prepared: PreparedRun, options: TrainOptions): string {
  if ((options.engine ?? prepared.engine) !== 'pytorch') return `${prepared.backendName} kernels`;
  const { python, processes } = pytorchSettings(options);
  return `PyTorch engine (${python}${processes > 1 ? `, ${processes} processes under torchrun` : ''})`;
}

/** For a CSV with text labels: which class index stands for which label (they are numbered in sorted order). */
function classMapping(prepared: PreparedRun): string | undefined {
  const names = prepared.run.data.dataset.classNames;
  if (prepared.datasetRef.kind !== 'csv' || names === undefined) return undefined;
  return `Classes of '${prepared.datasetRef.label}': ${names.map((name, index) => `${index} = ${JSON.stringify(name)}`).join(', ')}`;
}

async function trainWithReports(prepared: PreparedRun, options: TrainOptions, output: Output, interruption: Interruption): Promise<TrainResult> {
  const show = reporter(prepared, options, output);
  try {
    return await trainRun(prepared.run, {
      yieldEveryMs: 50,
      shouldStop: () => interruption.requested(),
      onBatch: show.onBatch,
      onEpoch: show.onEpoch,
    });
  } catch (error) {
    throw new CliError(`nngraph: cannot train: ${(error as Error).message}`);
  }
}

function finish(
  prepared: PreparedRun, result: TrainResult, file: string, target: WriteTarget | undefined, options: TrainOptions, output: Output,
  interruption: Interruption,
): number {
  const { stop } = result;
  const last = result.epochs.at(-1);
  let savedTo: string | undefined;
  const elapsedMs = result.epochs.reduce((sum, epoch) => sum + epoch.elapsedMs, 0);
  if (stop.kind === 'non-finite') {
    output.err(`nngraph: training stopped: ${stop.message}`);
    if (target !== undefined) savedTo = saveLastFiniteWeights(prepared, file, target, stop, output);
  } else if (target !== undefined) {
    savedTo = saveWeights(prepared, file, target);
  }
  const signal = interruption.signal();
  if (options.json) {
    output.out(summaryJson(stop, result, last, savedTo, elapsedMs));
  } else {
    output.out(summaryLine(stop, result, last, elapsedMs, prepared.run.training.epochs, signal));
    if (stop.kind === 'completed' && stop.earlyStopping !== undefined) output.out(earlyStoppingLine(stop.earlyStopping));
    if (savedTo !== undefined) output.out(`Weights saved to ${savedTo}`);
  }
  if (stop.kind === 'non-finite') return 1;
  if (stop.kind !== 'cancelled') return 0;
  return signal === 'SIGTERM' ? exitCodeTerminated : exitCodeInterrupted;
}

/**
 * The step guard checks the loss and the gradients before the optimizer update, so at a non-finite stop the program
 * still holds the weights from before the failing step, bit for bit; they are saved when they are all finite.
 */
function saveLastFiniteWeights(
  prepared: PreparedRun, file: string, target: WriteTarget, stop: Extract<StopReason, { kind: 'non-finite' }>, output: Output,
): string | undefined {
  const weights = lastFiniteWeights(prepared.run.program);
  if (weights === undefined) {
    output.err('nngraph: the weights were not saved: an update before the failing step had already made them non-finite');
    return undefined;
  }
  const savedTo = saveWeightsFile(target, weights, metadataFor(file));
  output.err(`nngraph: the last finite weights (from before epoch ${stop.epoch}, step ${stop.step}) were kept and saved to ${savedTo}`);
  return savedTo;
}

function summaryLine(
  stop: StopReason, result: TrainResult, last: EpochReport | undefined, elapsedMs: number, epochs: number, signal: StopSignal | undefined,
): string {
  const metrics = last ? `: loss ${last.loss.toFixed(4)}${last.accuracy !== undefined ? `, accuracy ${last.accuracy.toFixed(4)}` : ''}`
    + `${last.valLoss !== undefined ? `, val_loss ${last.valLoss.toFixed(4)}` : ''}${last.valAccuracy !== undefined ? `, val_accuracy ${last.valAccuracy.toFixed(4)}` : ''}` : '';
  switch (stop.kind) {
    case 'completed':
      if (stop.earlyStopping?.stoppedEpoch !== undefined) {
        return `Stopped early after epoch ${stop.earlyStopping.stoppedEpoch} of ${epochs} (${thousands(result.stepsRun)} steps) in ${formatDuration(elapsedMs)}${metrics}`;
      }
      return `Trained ${epochs} epochs (${thousands(result.stepsRun)} steps) in ${formatDuration(elapsedMs)}${metrics}`;
    case 'cancelled': return `Stopped by ${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} after ${result.epochs.length} complete epochs and ${thousands(result.stepsRun)} steps${metrics}`;
    case 'non-finite': return `Stopped at epoch ${stop.epoch}, step ${stop.step} (node "${stop.nodeId}")`;
  }
}

function summaryJson(stop: StopReason, result: TrainResult, last: EpochReport | undefined, savedTo: string | undefined, elapsedMs: number): string {
  const summary: Record<string, unknown> = { done: true, stop: stop.kind, epochs: result.epochs.length, steps: result.stepsRun };
  if (last) {
    summary.loss = last.loss;
    if (last.accuracy !== undefined) summary.accuracy = last.accuracy;
    if (last.valLoss !== undefined) summary.val_loss = last.valLoss;
    if (last.valAccuracy !== undefined) summary.val_accuracy = last.valAccuracy;
  }
  if (stop.kind === 'non-finite') Object.assign(summary, { message: stop.message, at_epoch: stop.epoch, at_step: stop.step, node: stop.nodeId });
  if (stop.kind === 'completed' && stop.earlyStopping !== undefined) Object.assign(summary, earlyStoppingJson(stop.earlyStopping));
  if (savedTo !== undefined) summary.weights = savedTo;
  summary.elapsed_ms = Math.round(elapsedMs * 1000) / 1000;
  return JSON.stringify(summary);
}

/** Which epoch was best and whose weights the run ends with (and so the saved file holds). */
function earlyStoppingLine(outcome: EarlyStopOutcome): string {
  const best = `the best val_loss was ${outcome.bestValLoss.toFixed(4)} at epoch ${outcome.bestEpoch}`;
  return outcome.restoredBestWeights
    ? `Early stopping: ${best}; its weights were restored and are the ones kept`
    : `Early stopping: ${best}; the weights kept are those of the last epoch, ${outcome.weightsEpoch} (restoreBestWeights is off)`;
}

/** `stop` says "early-stopped" when it did; the epochs say which was best and whose weights were kept. */
function earlyStoppingJson(outcome: EarlyStopOutcome): Record<string, unknown> {
  return {
    ...(outcome.stoppedEpoch !== undefined ? { stop: 'early-stopped', stopped_epoch: outcome.stoppedEpoch } : {}),
    best_epoch: outcome.bestEpoch, best_val_loss: outcome.bestValLoss, weights_epoch: outcome.weightsEpoch,
    restored_best_weights: outcome.restoredBestWeights,
  };
}

/** `--epochs 0`: nothing to train; report the starting loss (useful to compare with another framework) and save. */
function finishWithoutTraining(prepared: PreparedRun, file: string, target: WriteTarget | undefined, options: TrainOptions, output: Output): number {
  const { dataset } = prepared.run.data;
  const start = prepared.run.evaluateAll();
  const savedTo = target !== undefined ? saveWeights(prepared, file, target) : undefined;
  if (options.json) {
    const summary: Record<string, unknown> = { done: true, stop: 'completed', epochs: 0, steps: 0, loss: start.loss };
    if (start.accuracy !== undefined) summary.accuracy = start.accuracy;
    if (savedTo !== undefined) summary.weights = savedTo;
    output.out(JSON.stringify({ ...summary, elapsed_ms: 0 }));
  } else {
    const accuracy = start.accuracy !== undefined ? `, accuracy ${start.accuracy.toFixed(4)}` : '';
    output.out(`No epochs to train; the initial weights give loss ${start.loss.toFixed(4)}${accuracy} on all ${thousands(dataset.sampleCount)} samples`);
    if (savedTo !== undefined) output.out(`Weights saved to ${savedTo}`);
  }
  return 0;
}

/** Atomic, and never onto the graph, its data or a file of another kind (see node/safeWrite.ts). */
function saveWeights(prepared: PreparedRun, file: string, target: WriteTarget): string {
  return saveWeightsFile(target, prepared.run.program.getWeights(), metadataFor(file));
}

function metadataFor(file: string): Record<string, string> {
  return { producer: `nngraph ${version}`, graph: basename(file) };
}
