// `nngraph train FILE`: runs the training loop, reports each epoch, stops cleanly on Ctrl-C, saves weights on request.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type EpochReport, type StopReason, train, type TrainResult, writeSafetensors } from '../core/index';
import type { TrainOptions } from './args';
import { CliError, describeFsError } from './errors';
import type { Output } from './output';
import { epochJson, epochLine, formatDuration, progressLine, thousands } from './progress';
import { prepareRun, type PreparedRun } from './trainSetup';
import { version } from './version';

/** Asked by the training loop between batches: has the user pressed Ctrl-C? */
export interface Interruption { requested(): boolean }

export const exitCodeInterrupted = 130;

export async function runTrain(file: string, options: TrainOptions, output: Output, interruption: Interruption): Promise<number> {
  const run = prepareRun(file, options, output);
  try {
    if (!options.json && !options.quiet) {
      output.out(describeRun(run));
      const mapping = classMapping(run);
      if (mapping !== undefined) output.out(mapping);
    }
    if (run.training.epochs === 0) return finishWithoutTraining(run, file, options, output);
    const result = await trainWithReports(run, options, output, interruption);
    return finish(run, result, file, options, output);
  } finally {
    run.program.dispose();
    run.backend.dispose();
  }
}

function describeRun(run: PreparedRun): string {
  const { dataset, training, program } = run;
  const source = run.datasetRef.kind === 'builtin' ? run.datasetRef.name : run.datasetRef.path;
  const parameters = program.getWeights().reduce((sum, tensor) => sum + tensor.data.length, 0);
  const classes = dataset.classCount > 0 ? `, ${dataset.classCount} classes` : '';
  return `Training "${run.name}" on ${source}: ${thousands(dataset.sampleCount)} samples (${thousands(run.trainCount)} training, `
    + `${thousands(run.validationCount)} validation), ${dataset.featureCount} features${classes}; ${thousands(parameters)} parameters; `
    + `${training.optimizer.type} learning rate ${training.optimizer.learningRate}, batch ${training.batchSize}, `
    + `${training.epochs} epochs, seed ${training.seed}; ${run.backend.name} kernels`;
}

/** For a CSV with text labels: which class index stands for which label (they are numbered in sorted order). */
function classMapping(run: PreparedRun): string | undefined {
  const names = run.dataset.classNames;
  if (run.datasetRef.kind !== 'csv' || names === undefined) return undefined;
  return `Classes of '${run.datasetRef.label}': ${names.map((name, index) => `${index} = ${JSON.stringify(name)}`).join(', ')}`;
}

async function trainWithReports(run: PreparedRun, options: TrainOptions, output: Output, interruption: Interruption): Promise<TrainResult> {
  const { epochs } = run.training;
  const showBar = output.interactive && !options.json && !options.quiet;
  let lastBarMs = -Infinity;
  try {
    return await train(run.program, run.dataset, run.training, {
      yieldEveryMs: 50,
      shouldStop: () => interruption.requested(),
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
    });
  } catch (error) {
    throw new CliError(`nngraph: cannot train: ${(error as Error).message}`);
  }
}

function finish(run: PreparedRun, result: TrainResult, file: string, options: TrainOptions, output: Output): number {
  const { stop } = result;
  const last = result.epochs.at(-1);
  let savedTo: string | undefined;
  if (options.saveWeights !== undefined && stop.kind !== 'non-finite') savedTo = saveWeights(run, file, options.saveWeights);
  const elapsedMs = result.epochs.reduce((sum, epoch) => sum + epoch.elapsedMs, 0);
  if (stop.kind === 'non-finite') {
    output.err(`nngraph: training stopped: ${stop.message}`);
    if (options.saveWeights !== undefined) output.err('nngraph: the weights were not saved: they are no longer finite');
  }
  if (options.json) {
    output.out(summaryJson(stop, result, last, savedTo, elapsedMs));
  } else {
    output.out(summaryLine(stop, result, last, elapsedMs, run.training.epochs));
    if (savedTo !== undefined) output.out(`Weights saved to ${savedTo}`);
  }
  if (stop.kind === 'non-finite') return 1;
  return stop.kind === 'cancelled' ? exitCodeInterrupted : 0;
}

function summaryLine(stop: StopReason, result: TrainResult, last: EpochReport | undefined, elapsedMs: number, epochs: number): string {
  const metrics = last ? `: loss ${last.loss.toFixed(4)}${last.accuracy !== undefined ? `, accuracy ${last.accuracy.toFixed(4)}` : ''}`
    + `${last.valLoss !== undefined ? `, val_loss ${last.valLoss.toFixed(4)}` : ''}${last.valAccuracy !== undefined ? `, val_accuracy ${last.valAccuracy.toFixed(4)}` : ''}` : '';
  switch (stop.kind) {
    case 'completed': return `Trained ${epochs} epochs (${thousands(result.stepsRun)} steps) in ${formatDuration(elapsedMs)}${metrics}`;
    case 'cancelled': return `Stopped by Ctrl-C after ${result.epochs.length} complete epochs and ${thousands(result.stepsRun)} steps${metrics}`;
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
  if (savedTo !== undefined) summary.weights = savedTo;
  summary.elapsed_ms = Math.round(elapsedMs * 1000) / 1000;
  return JSON.stringify(summary);
}

/** `--epochs 0`: nothing to train; report the starting loss (useful to compare with another framework) and save. */
function finishWithoutTraining(run: PreparedRun, file: string, options: TrainOptions, output: Output): number {
  const { program, dataset } = run;
  const start = program.evaluate(dataset.features, dataset.labels, dataset.sampleCount);
  const savedTo = options.saveWeights !== undefined ? saveWeights(run, file, options.saveWeights) : undefined;
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

/** Writes through a temporary file and a rename, so an interrupted save never leaves half a weights file. */
function saveWeights(run: PreparedRun, file: string, path: string): string {
  const bytes = writeSafetensors(run.program.getWeights(), { producer: `nngraph ${version}`, graph: basename(file) });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(`nngraph: cannot write the weights file '${path}': ${describeFsError(error)}`);
  }
  return path;
}
