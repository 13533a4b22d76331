// A PyTorch run seen from the host as a training worker: it takes the worker's start options and speaks the worker's
// messages (ready, progress, finished, failed), so RunController, the run history and the panel treat it like any
// other run. Underneath, src/node/pytorchRunner.ts runs the exported script with the person's Python, alone or
// under torchrun. It starts from the weights the worker would (the saved ones when they fit the graph, else the
// seed's), and gives back the weights PyTorch trained, also after Stop. No vscode here: tested in plain Node.
import {
  createDataFileReader, resolveCsvFile,
} from '../../core/node';
import {
  createJsBackend, createProgram, loadBuiltinDataset, matchWeights, readSafetensors, writeSafetensors, WeightsError,
  type BatchReport, type Dataset, type EpochReport, type WeightsOrigin,
} from '../../core/index';
import { pytorchEngineFiles, type PytorchEngineFiles } from '../../graph/index';
import { PytorchRun, type ScriptRunInfo } from '../../node/pytorchRunner';
import type { WorkerToHostMessage } from '../../protocol/workerMessages';
import type { RunHost, WorkerExit, WorkerHostListener, WorkerStartOptions } from './workerHost';

export interface PytorchSettings {
  python: string;
  processes: number;
  graphName: string;
}

/**
 * How long Stop waits for the script to finish its batch and save before every process is killed: PyTorch under
 * torchrun answers in seconds, not in the worker's fraction of one.
 */
export const pytorchStopGraceMs = 30_000;

export class PytorchHost implements RunHost {
  private run: PytorchRun | undefined;
  private stopRequested = false;
  private killed = false;
  private ended = false;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly pending = { steps: [] as number[], losses: [] as number[], accuracies: [] as number[], epochs: [] as EpochReport[] };
  private latest: BatchReport | undefined;
  private lastFlushMs = -Infinity;

  constructor(
    private readonly start: WorkerStartOptions, private readonly settings: PytorchSettings,
    private readonly listener: WorkerHostListener,
  ) {
    void this.begin();
  }

  private async begin(): Promise<void> {
    let prepared: { files: PytorchEngineFiles; initialWeights: Uint8Array; origin: WeightsOrigin };
    try {
      prepared = await this.prepare();
    } catch (error) {
      this.send({ type: 'failed', runId: this.start.runId, message: error instanceof Error ? error.message : String(error) });
      this.end({ kind: 'finished' });
      return;
    }
    if (this.stopRequested || this.killed) {
      this.end({ kind: 'terminated' });
      return;
    }
    const { runId } = this.start;
    this.run = new PytorchRun(
      { ...prepared.files, initialWeights: prepared.initialWeights, epochs: this.start.training.epochs },
      { python: this.settings.python, processes: this.settings.processes, wantWeights: true },
      {
        onStarted: (info) => this.send({
          type: 'ready', runId, info: this.runInfo(info, prepared.origin), initialWeightsFile: prepared.initialWeights,
        }),
        onBatch: (report) => this.batch(report),
        onEpoch: (report) => {
          this.pending.epochs.push(report);
          this.flush();
        },
      },
    );
    const result = await this.run.result;
    this.flush();
    if (this.killed) {
      this.end({ kind: 'terminated' });
      return;
    }
    if (result.status === 'failed') {
      this.send({ type: 'failed', runId, message: `PyTorch did not finish the run: ${result.message ?? 'no reason given'}` });
    } else {
      this.send({
        type: 'finished', runId, stop: { kind: result.status }, epochs: result.epochs.length, stepsRun: result.stepsRun,
        ...(result.weights !== undefined ? { weightsFile: result.weights } : {}),
      });
    }
    this.end({ kind: 'finished' });
  }

  /** The script's files, and the weights to start from: the saved ones when they fit the graph, else the seed's. */
  private async prepare(): Promise<{ files: PytorchEngineFiles; initialWeights: Uint8Array; origin: WeightsOrigin }> {
    const { spec, training, dataset } = this.start;
    let builtinRows: Dataset | undefined;
    let csvPath: string | undefined;
    if (dataset.ref.kind === 'builtin') {
      builtinRows = loadBuiltinDataset(dataset.ref.name, dataset.ref.options, training.seed, createDataFileReader());
    } else {
      if (dataset.csvFile === undefined) throw new Error(`the CSV data set '${dataset.ref.path}' was not resolved to a file`);
      // The path rule again, right before Python reads it, as the worker does.
      const resolution = await resolveCsvFile(dataset.csvFile);
      if (!resolution.ok) throw new Error(`the CSV path '${dataset.ref.path}' ${resolution.message}`);
      csvPath = resolution.path;
    }
    const files = pytorchEngineFiles({
      graphName: this.settings.graphName, spec, training, normalize: dataset.normalize, datasetRef: dataset.ref, builtinRows,
    }, csvPath);
    const program = createProgram(spec, { seed: training.seed, batchSize: training.batchSize, optimizer: training.optimizer, backend: createJsBackend() });
    try {
      let origin: WeightsOrigin = { kind: 'fresh' };
      if (this.start.savedWeights !== undefined) {
        try {
          const { tensors } = readSafetensors(this.start.savedWeights, 'the saved weights file');
          const matched = matchWeights(program.getWeights(), tensors, 'the saved weights file');
          program.setWeights(matched);
          origin = { kind: 'restored', tensorCount: matched.length };
        } catch (error) {
          if (!(error instanceof WeightsError)) throw error;
          origin = { kind: 'mismatch', reason: error.message };
        }
      }
      return { files, initialWeights: writeSafetensors(program.getWeights()), origin };
    } finally {
      program.dispose();
    }
  }

  private runInfo(info: ScriptRunInfo, weights: WeightsOrigin): Extract<WorkerToHostMessage, { type: 'ready' }>['info'] {
    const processes = info.processes > 1 ? `, ${info.processes} processes` : '';
    return {
      sampleCount: info.sampleCount, trainCount: info.trainCount, validationCount: info.validationCount,
      stepsPerEpoch: info.stepsPerEpoch, featureCount: info.featureCount, classCount: this.start.spec.classCount,
      paramCount: info.paramCount, weights, backend: `PyTorch ${info.torchVersion} (${info.device}${processes})`,
    };
  }

  private batch(report: BatchReport): void {
    this.pending.steps.push(report.globalStep);
    this.pending.losses.push(report.batchLoss ?? report.loss);
    this.pending.accuracies.push(report.batchAccuracy ?? Number.NaN);
    this.latest = report;
    if (performance.now() - this.lastFlushMs >= this.start.streamIntervalMs) this.flush();
  }

  /** Sends what arrived since the last progress message, as the worker batches its own. */
  private flush(): void {
    const { steps, losses, accuracies, epochs } = this.pending;
    if (steps.length === 0 && epochs.length === 0) return;
    this.lastFlushMs = performance.now();
    this.send({
      type: 'progress', runId: this.start.runId,
      batches: { globalStep: Float64Array.from(steps), loss: Float64Array.from(losses), accuracy: Float64Array.from(accuracies) },
      epochs: epochs.splice(0), ...(this.latest !== undefined ? { latest: this.latest } : {}),
    });
    steps.length = 0;
    losses.length = 0;
    accuracies.length = 0;
  }

  private send(message: WorkerToHostMessage): void {
    if (!this.ended) this.listener.onMessage(message);
  }

  private end(exit: WorkerExit): void {
    if (this.ended) return;
    this.ended = true;
    if (this.killTimer !== undefined) clearTimeout(this.killTimer);
    this.listener.onExit(exit);
  }

  /** The Step command trains with the built-in engine only; a PyTorch run has no Steps. */
  step(): void {
    // Nothing to do: TrainingService never starts a stepping PyTorch run.
  }

  /** Asks every process to stop after its batch (rank 0 saves); kills them if they have not ended after the grace. */
  stop(graceMs = pytorchStopGraceMs): void {
    if (this.ended) return;
    this.stopRequested = true;
    this.run?.stop('SIGINT');
    this.killTimer ??= setTimeout(() => this.kill(), graceMs);
  }

  /** Ends every process now (the file closed, the window goes); nothing is saved. */
  kill(): void {
    if (this.ended) return;
    this.killed = true;
    this.run?.kill();
  }
}
