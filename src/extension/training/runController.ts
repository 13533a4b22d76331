// One run from the host's side: starts the worker, turns its messages into history entries for the panels, tells
// the VS Code side (status bar, notification, graph overlay) what happened, and settles with the outcome exactly
// once, whether the worker finished, failed, crashed or had to be terminated. No vscode: tested in plain Node.
import type { BatchReport, EpochReport } from '../../core/index';
import type { BoundaryView, RunConfigView, RunFailure, RunHeader, RunInfoView, RunStatus, SampleLossesView } from '../../protocol/messages';
import { finiteOrNull } from '../../protocol/trainingSeries';
import type {
  BatchColumns, BoundaryGrid, NodeStat, RunInfo, SampleReport, StopReason, WorkerToHostMessage,
} from '../../protocol/workerMessages';
import { describeOptimizer, describeStop, describeWeightsOrigin } from './describeRun';
import { formatMetric } from './formatMetric';
import { weightsFingerprint } from './runStart';
import { neuronViewOf } from './neuronViewOf';
import type { PanelBroadcaster } from './panelBroadcaster';
import type { RunHistory } from './runHistory';
import type { ResourceLimits } from 'node:worker_threads';
import { TrainingClock } from './trainingClock';
import { WorkerHost, type RunHost, type WorkerExit, type WorkerHostListener, type WorkerStartOptions } from './workerHost';

export interface RunOutcome {
  status: RunStatus;
  summary: string;
  stop?: StopReason;
  failure?: RunFailure;
  stepsRun: number;
  epochs: number;
  /** The trained weights as a safetensors file; absent when the run failed, diverged or was terminated. */
  weightsFile?: Uint8Array;
  lastLoss?: number;
}

export interface RunEvents {
  /** `initialWeightsFile`: the weights the run starts from (safetensors), when the worker sent a copy. */
  onReady?(info: RunInfo, initialWeightsFile?: Uint8Array): void;
  onProgress?(latest: BatchReport | undefined, epochs: readonly EpochReport[], nodeStats: NodeStat[] | undefined): void;
  /** The run paused on request; `weightsFile` holds its weights when steps ran since they were last sent. */
  onPaused?(weightsFile: Uint8Array | undefined): void;
}

export interface RunOptions {
  runId: number;
  documentUri: string;
  config: RunConfigView;
  /** The run's pace, as the panel shows it; absent where the engine has none (PyTorch). */
  pace?: RunHeader['pace'];
  workerPath: string;
  start: Omit<WorkerStartOptions, 'runId'>;
  history: RunHistory;
  broadcaster: PanelBroadcaster;
  events?: RunEvents;
  stopGraceMs?: number;
  /** The worker thread's heap limits (tests pass tiny ones); defaultWorkerResourceLimits otherwise. */
  resourceLimits?: ResourceLimits;
  /** Another engine that speaks the worker's messages (PyTorch); the worker thread when absent. */
  host?: (start: WorkerStartOptions, listener: WorkerHostListener) => RunHost;
}

export class RunController {
  readonly runId: number;
  readonly outcome: Promise<RunOutcome>;
  private readonly worker: RunHost;
  private info: RunInfo | undefined;
  /** Elapsed training time and samples per second count from it; it stands still while a Step run is paused. */
  private readonly clock: TrainingClock;
  private finished: Extract<WorkerToHostMessage, { type: 'finished' }> | undefined;
  private failedMessage: string | undefined;
  private lastBatch: BatchReport | undefined;
  private stopRequestedAt: number | undefined;
  /** Why a stepping session was ended by the host (an edit, Train, Reset Weights), for its summary. */
  private endReason: string | undefined;
  /** The Step in progress in a stepping session, settled by its `stepped` message or by the end of the worker. */
  private pendingStep: { outcome: Promise<RunOutcome>; resolve(outcome: RunOutcome): void } | undefined;
  private settled: RunOutcome | undefined;

  constructor(private readonly options: RunOptions) {
    this.runId = options.runId;
    this.clock = new TrainingClock(options.start.stepping !== true);
    options.history.addRun({
      runId: options.runId, documentUri: options.documentUri, startedAt: Date.now(), status: 'starting',
      config: options.config, summary: 'Loading data…', ...(options.pace !== undefined ? { pace: options.pace } : {}),
    });
    // A new run and its first batch reach the panels at once, even one still applying its last message: a run that
    // ends within a second must never leave a panel saying "No training runs yet".
    options.broadcaster.flush(true);
    let resolveOutcome: (outcome: RunOutcome) => void = () => undefined;
    this.outcome = new Promise((resolve) => { resolveOutcome = resolve; });
    const listener: WorkerHostListener = {
      onMessage: (message) => this.handle(message),
      onExit: (exit) => {
        const outcome = this.settle(exit);
        this.settled = outcome;
        this.resolveStep(outcome);
        resolveOutcome(outcome);
      },
    };
    const start = { ...options.start, runId: options.runId };
    this.worker = options.host !== undefined ? options.host(start, listener)
      : new WorkerHost(options.workerPath, start, listener, options.resourceLimits);
  }

  /** Whether the worker has ended (a stepping session can then take no more Steps). */
  get ended(): boolean {
    return this.settled !== undefined;
  }

  /**
   * Trains the next batch of a stepping session (`start.stepping`); resolves with that Step's outcome and weights,
   * or with the run's final outcome when the worker ended instead (failed, diverged, stopped). One Step at a time:
   * a call while one is in progress returns that one.
   */
  step(): Promise<RunOutcome> {
    if (this.settled !== undefined) return Promise.resolve(this.settled);
    if (this.pendingStep !== undefined) return this.pendingStep.outcome;
    let resolve: (outcome: RunOutcome) => void = () => undefined;
    const outcome = new Promise<RunOutcome>((settle) => { resolve = settle; });
    this.pendingStep = { outcome, resolve };
    this.clock.setTraining(true);
    this.options.history.updateHeader(this.runId, { status: 'running', summary: 'Training one batch…' });
    this.options.broadcaster.changed();
    this.worker.step();
    return outcome;
  }

  /** Ends a stepping session for `reason` ("the graph was edited"); its weights were saved after each Step. */
  endSession(reason: string): void {
    this.endReason ??= reason;
    this.worker.stop(this.options.stopGraceMs);
  }

  private resolveStep(outcome: RunOutcome): void {
    const pending = this.pendingStep;
    this.clock.setTraining(false);
    this.pendingStep = undefined;
    pending?.resolve(outcome);
  }

  /** Whether this run's engine takes pause, resume, pace and learning-rate changes (the built-in one does). */
  get controllable(): boolean {
    return this.worker.pause !== undefined;
  }

  /** Pauses a training run after its current step; the header says Paused once the worker has. */
  pause(): boolean {
    if (this.settled !== undefined || this.worker.pause === undefined) return false;
    this.options.history.updateHeader(this.runId, { summary: 'Pausing…' });
    this.options.broadcaster.changed();
    this.worker.pause();
    return true;
  }

  /** Resumes a paused run (a Step session too): it trains on at its pace until done, paused or stopped. */
  resume(): boolean {
    if (this.settled !== undefined || this.worker.resume === undefined || this.pendingStep !== undefined) return false;
    this.clock.setTraining(true);
    this.options.history.updateHeader(this.runId, { status: 'running', summary: 'Training…' });
    this.options.broadcaster.changed();
    this.worker.resume();
    return true;
  }

  /** A new pace from the next step on; `pace` is what the panel shows. */
  setPace(epochsPerSecond: number | undefined, pace: RunHeader['pace']): void {
    if (this.settled !== undefined || this.worker.setPace === undefined) return;
    this.worker.setPace(epochsPerSecond);
    this.options.history.updateHeader(this.runId, { pace });
    this.options.broadcaster.changed();
  }

  /**
   * A new learning rate from the next step on, keeping the optimizer's state; the run's configuration and its list of
   * changes show it. False when the run has ended or its engine cannot.
   */
  setLearningRate(learningRate: number): boolean {
    if (this.settled !== undefined || this.worker.setLearningRate === undefined) return false;
    this.worker.setLearningRate(learningRate);
    const header = this.options.history.header(this.runId);
    if (header === undefined) return true;
    const optimizer = { ...this.options.start.training.optimizer, learningRate };
    // The first step at the new rate (as the host knows the run's progress; a running run may be a few steps on).
    const globalStep = (this.lastBatch?.globalStep ?? 0) + 1;
    this.options.history.updateHeader(this.runId, {
      config: { ...header.config, learningRate, optimizer: describeOptimizer(optimizer) },
      learningRateChanges: [...(header.learningRateChanges ?? []), { globalStep, learningRate }],
    });
    this.options.broadcaster.changed();
    return true;
  }

  /** Asks the run to stop; the worker is terminated if it has not ended after the grace period. */
  stop(): void {
    this.stopRequestedAt ??= performance.now();
    this.options.history.updateHeader(this.runId, { summary: 'Stopping…' });
    this.options.broadcaster.changed();
    this.worker.stop(this.options.stopGraceMs);
  }

  /** Ends the worker at once (the file or window closed). */
  kill(): void {
    this.stopRequestedAt ??= performance.now();
    this.worker.kill();
  }

  private handle(message: WorkerToHostMessage): void {
    const { history, broadcaster } = this.options;
    switch (message.type) {
      case 'ready':
        this.info = message.info;
        this.clock.markReady();
        history.updateHeader(this.runId, {
          status: 'running', summary: 'Training…', info: this.infoView(message.info, message.initialWeightsFile),
        });
        if (message.points !== undefined) history.setPicture(this.runId, 'points', message.points);
        if (message.samples !== undefined) history.setPicture(this.runId, 'samples', message.samples);
        this.options.events?.onReady?.(message.info, message.initialWeightsFile);
        break;
      case 'progress': {
        const first = this.lastBatch === undefined;
        this.addProgress(message.batches, message.latest, message.epochs);
        this.options.events?.onProgress?.(this.lastBatch, message.epochs, message.nodeStats);
        if (first && this.lastBatch !== undefined) {
          broadcaster.flush(true);
          return;
        }
        break;
      }
      case 'boundary':
        history.setPicture(this.runId, 'boundary', boundaryView(message.grid));
        break;
      case 'neurons':
        history.setPicture(this.runId, 'neurons', neuronViewOf(message));
        break;
      case 'samples':
        history.setPicture(this.runId, 'sampleLosses', sampleLossesView(message.report));
        break;
      case 'stepped':
        this.stepped(message);
        break;
      case 'paused':
        this.paused(message);
        break;
      case 'finished':
        this.finished = message;
        break;
      case 'failed':
        this.failedMessage = message.message;
        break;
      default: {
        const unexpected: never = message;
        throw new Error(`unexpected worker message ${JSON.stringify(unexpected)}`);
      }
    }
    broadcaster.changed();
  }

  private stepped(message: Extract<WorkerToHostMessage, { type: 'stepped' }>): void {
    const { report } = message;
    const where = `epoch ${report.epoch}, batch ${report.step} of ${report.stepsPerEpoch}`;
    this.options.history.updateHeader(this.runId, {
      // The last Step ends the run: `finished` follows at once, so it is not paused.
      status: message.done ? 'running' : 'paused',
      summary: message.done ? `Step ${report.globalStep} (${where}) ended the last epoch`
        : `Paused after step ${report.globalStep} (${where}); Step trains the next batch`,
      confusion: message.confusion,
    });
    this.resolveStep({
      status: 'completed', stop: { kind: 'completed' }, stepsRun: 1, epochs: message.epoch !== undefined ? 1 : 0,
      summary: `Step ${report.globalStep}: ${where}, batch loss ${formatMetric(report.batchLoss ?? report.loss)}`,
      weightsFile: message.weightsFile, lastLoss: report.loss,
    });
  }

  private paused(message: Extract<WorkerToHostMessage, { type: 'paused' }>): void {
    this.clock.setTraining(false);
    const report = message.report ?? this.lastBatch;
    const where = report !== undefined ? `after step ${report.globalStep} (epoch ${report.epoch}, batch ${report.step} of ${report.stepsPerEpoch})` : 'before the first step';
    this.options.history.updateHeader(this.runId, {
      status: 'paused', summary: `Paused ${where}; Play resumes, Step trains one batch`,
      ...(message.confusion !== undefined ? { confusion: message.confusion } : {}),
    });
    this.options.events?.onPaused?.(message.weightsFile);
  }

  private addProgress(batches: BatchColumns, latestReport: BatchReport | undefined, epochs: readonly EpochReport[]): void {
    const { history } = this.options;
    const { globalStep, loss, accuracy } = batches;
    for (let i = 0; i < globalStep.length; i++) {
      history.appendBatch(this.runId, globalStep[i], finiteOrNull(loss[i]), finiteOrNull(accuracy[i]));
    }
    if (latestReport !== undefined) this.lastBatch = latestReport;
    for (const epoch of epochs) {
      history.appendEpoch(this.runId, {
        epoch: epoch.epoch,
        globalStep: epoch.globalStep,
        loss: finiteOrNull(epoch.loss), accuracy: finiteOrNull(epoch.accuracy),
        valLoss: finiteOrNull(epoch.valLoss), valAccuracy: finiteOrNull(epoch.valAccuracy),
        samplesPerSecond: finiteOrNull(epoch.samplesPerSecond) ?? 0, elapsedMs: finiteOrNull(epoch.elapsedMs) ?? 0,
      });
    }
    const latest = this.lastBatch;
    if (latest === undefined) return;
    const elapsedMs = this.clock.elapsedMs();
    const { samplesSeen } = latest;
    history.updateHeader(this.runId, {
      progress: {
        epoch: latest.epoch, step: latest.step, globalStep: latest.globalStep, samplesSeen,
        samplesPerSecond: elapsedMs > 0 ? (samplesSeen * 1000) / elapsedMs : 0, elapsedMs,
      },
    });
  }

  private infoView(info: RunInfo, initialWeightsFile: Uint8Array | undefined): RunInfoView {
    const { start } = this.options;
    const totalSteps = start.maxSteps ?? info.stepsPerEpoch * start.training.epochs;
    return {
      sampleCount: info.sampleCount, trainCount: info.trainCount, validationCount: info.validationCount,
      stepsPerEpoch: info.stepsPerEpoch, totalSteps, classCount: info.classCount, paramCount: info.paramCount,
      backend: info.backend, weights: describeWeightsOrigin(info.weights),
      ...(initialWeightsFile !== undefined ? { initialWeights: weightsFingerprint(initialWeightsFile) } : {}),
    };
  }

  private settle(exit: WorkerExit): RunOutcome {
    const outcome = this.outcomeOf(exit);
    if (this.endReason !== undefined && outcome.status === 'cancelled') {
      const steps = `${outcome.stepsRun} step${outcome.stepsRun === 1 ? '' : 's'}`;
      outcome.summary = this.options.config.mode === 'step' ? `Stepping ended after ${steps}: ${this.endReason}`
        : `Ended while paused after ${steps}: ${this.endReason}`;
    }
    const stopMs = this.stopRequestedAt !== undefined ? performance.now() - this.stopRequestedAt : undefined;
    this.options.history.updateHeader(this.runId, {
      status: outcome.status,
      summary: stopMs !== undefined && outcome.status === 'cancelled' && this.endReason === undefined
        ? `${outcome.summary}, ${Math.round(stopMs)} ms after Stop` : outcome.summary,
      failure: outcome.failure,
      ...(this.finished?.confusion !== undefined ? { confusion: this.finished.confusion } : {}),
      ...(outcome.stop?.kind === 'completed' && outcome.stop.earlyStopping !== undefined
        ? { earlyStopping: { ...outcome.stop.earlyStopping, bestValLoss: finiteOrNull(outcome.stop.earlyStopping.bestValLoss) } } : {}),
    });
    this.options.broadcaster.flush(true);
    return outcome;
  }

  private outcomeOf(exit: WorkerExit): RunOutcome {
    const lastLoss = this.lastBatch?.loss;
    const stepsSeen = this.lastBatch?.globalStep ?? 0;
    const epochsSeen = this.lastBatch?.epoch ?? 0;
    if (this.finished !== undefined) {
      const { stop, epochs, stepsRun, weightsFile } = this.finished;
      const described = describeStop(stop, epochs, stepsRun, weightsFile !== undefined, this.options.start.training.epochs);
      return { ...described, stop, stepsRun, epochs, weightsFile, lastLoss };
    }
    if (this.failedMessage !== undefined || exit.kind === 'crashed') {
      const message = this.failedMessage ?? (exit.kind === 'crashed' ? exit.message : 'unknown error');
      return {
        status: 'failed', summary: `Failed: ${message}`, failure: { message }, stepsRun: stepsSeen, epochs: epochsSeen,
        lastLoss,
      };
    }
    return {
      status: 'cancelled', stop: { kind: 'cancelled' }, stepsRun: stepsSeen, epochs: epochsSeen, lastLoss,
      summary: `Stopped after ${stepsSeen} steps (the step did not end, so the worker was terminated; weights not saved)`,
    };
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function boundaryView(grid: BoundaryGrid): BoundaryView {
  // A byte per cell is all a heatmap's alpha can show, and it keeps the panel's messages small.
  const confidenceBytes = new Uint8Array(grid.cellConfidence.length);
  for (let i = 0; i < confidenceBytes.length; i++) confidenceBytes[i] = Math.round(Math.min(1, Math.max(0, grid.cellConfidence[i])) * 255);
  return {
    gridSize: grid.gridSize, xMin: grid.xMin, xMax: grid.xMax, yMin: grid.yMin, yMax: grid.yMax,
    cellClass: base64(grid.cellClass), cellConfidence: base64(confidenceBytes), globalStep: grid.globalStep,
  };
}

function sampleLossesView(report: SampleReport): SampleLossesView {
  return {
    globalStep: report.globalStep, epochsDone: report.epochsDone, width: report.width,
    outputs: base64(new Uint8Array(report.outputs.buffer, report.outputs.byteOffset, report.outputs.byteLength)),
    losses: base64(new Uint8Array(report.losses.buffer, report.losses.byteOffset, report.losses.byteLength)),
    predicted: Array.from(report.predicted),
  };
}
