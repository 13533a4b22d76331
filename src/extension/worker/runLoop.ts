// The worker's one loop over a run. Train is "step until done"; Step is the same run, paused after each step until
// the host sends the next `step`, so the optimizer's moments, the data order and the epoch/step counters carry on
// from Step to Step as they would in one Keras fit(). Progress, node statistics and decision-boundary grids stream
// to the host; the weights file and the confusion matrix go with every pause and the end. Never throws: any failure
// becomes a `failed` message naming what went wrong.
import { trainRun, type BatchReport, type EpochReport, type Run, type StopReason, type TrainHooks } from '../../core/index';
import type { NodeStat, RunInfo, WorkerStartMessage, WorkerToHostMessage } from '../../protocol/workerMessages';
import type { CommandQueue } from './commandQueue';
import type { RunControls } from './runControls';
import { DecisionBoundary } from './decisionBoundary';
import { loadRun, lastFiniteWeightsFileOf, weightsFileOf } from './loadRun';
import { ProgressStream } from './progressStream';
import { SampleLosses } from './sampleLosses';

export type PostToHost = (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;

const now = (): number => performance.now();

export async function runInWorker(start: WorkerStartMessage, post: PostToHost, commands: CommandQueue, controls?: RunControls): Promise<void> {
  try {
    await driveRun(start, post, commands, controls);
  } catch (error) {
    post({ type: 'failed', runId: start.runId, message: error instanceof Error ? error.message : String(error) });
  } finally {
    controls?.detach();
  }
}

async function driveRun(start: WorkerStartMessage, post: PostToHost, commands: CommandQueue, controls: RunControls | undefined): Promise<void> {
  const { runId } = start;
  const run = await loadRun(start);
  controls?.attach(run);
  try {
    const boundary = DecisionBoundary.create(run, start, post, now);
    const samples = SampleLosses.create(run, start, post, now, boundary?.rows);
    post({ type: 'ready', runId, info: runInfo(run), points: boundary?.points, samples: samples?.set });
    boundary?.postGrid(0);
    samples?.postReport();
    const stream = new ProgressStream({
      runId, post, now, streamIntervalMs: start.streamIntervalMs, statsIntervalMs: start.statsIntervalMs,
      sampleNodeStats: () => sampleNodeStats(run),
    });
    const stopFlag = new Int32Array(start.stopFlag);
    const stopRequested = (): boolean => Atomics.load(stopFlag, 0) !== 0;
    let lastBatch: BatchReport | undefined;
    let lastEpoch: EpochReport | undefined;
    const hooks: TrainHooks = {
      onBatch: (report) => {
        lastBatch = report;
        stream.addBatch(report);
        if (boundary?.due() === true) boundary.postGrid(report.globalStep);
      },
      onEpoch: (report) => {
        lastEpoch = report;
        stream.addEpoch(report);
        if (samples?.due() === true) samples.postReport();
      },
      shouldStop: stopRequested,
      yieldEveryMs: 25,
    };
    const paused = start.stepping === true;
    let stepsRun = 0;
    for (;;) {
      // A stop that arrived while the data loaded (or during the last step) wins over queued steps.
      if (paused && (stopRequested() || (await commands.next()) === 'stop')) {
        post({ type: 'finished', runId, stop: { kind: 'cancelled' }, epochs: run.epochs.length, stepsRun });
        return;
      }
      lastEpoch = undefined;
      const leg = await trainRun(run, { ...hooks, maxSteps: paused ? 1 : start.maxSteps });
      stepsRun += leg.stepsRun;
      stream.flush(true);
      if (leg.stop.kind !== 'non-finite') {
        boundary?.postGrid(run.globalStep);
        samples?.postReport();
      }
      if (paused && leg.stop.kind === 'completed' && lastBatch !== undefined && leg.stepsRun > 0) {
        const weightsFile = weightsFileOf(run);
        post({
          type: 'stepped', runId, report: lastBatch, epoch: lastEpoch, weightsFile, confusion: confusionOf(run), done: run.done,
        }, [weightsFile.buffer as ArrayBuffer]);
      }
      if (!paused || run.done || leg.stop.kind !== 'completed') {
        finish(run, start, post, leg.stop, stepsRun, paused);
        return;
      }
    }
  } finally {
    run.dispose();
  }
}

/** The end: a paused run already sent its weights with its last pause; a trained one sends them now. */
function finish(run: Run, start: WorkerStartMessage, post: PostToHost, stop: StopReason, stepsRun: number, paused: boolean): void {
  const withResults = !paused && stop.kind !== 'non-finite';
  const weightsFile = paused ? undefined : stop.kind === 'non-finite' ? lastFiniteWeightsFileOf(run) : weightsFileOf(run);
  post({
    type: 'finished', runId: start.runId, stop, epochs: run.epochs.length, stepsRun, weightsFile,
    confusion: withResults ? confusionOf(run) : undefined,
  }, weightsFile !== undefined ? [weightsFile.buffer as ArrayBuffer] : []);
}

function confusionOf(run: Run): ReturnType<Run['confusion']> {
  return run.program.spec.classCount < 2 ? undefined : run.confusion();
}

function runInfo(run: Run): RunInfo {
  const { dataset } = run.data;
  return {
    sampleCount: dataset.sampleCount, trainCount: run.trainCount, validationCount: run.validationCount,
    stepsPerEpoch: Math.max(1, run.stepsPerEpoch),
    featureCount: dataset.featureCount, classCount: dataset.classCount, classNames: dataset.classNames,
    paramCount: run.paramCount, weights: run.weights, backend: run.program.backend.name,
  };
}

function sampleNodeStats(run: Run): NodeStat[] | undefined {
  const stats = run.program.nodeStats();
  if (stats.length === 0) return undefined;
  return stats.map((stat) => ({
    nodeId: stat.nodeId, mean: stat.mean, std: stat.std, zeroFraction: stat.zeroFraction,
    gradNorm: stat.gradNorm ?? stat.weightGradNorm,
  }));
}
