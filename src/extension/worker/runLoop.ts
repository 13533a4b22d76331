// The worker's one loop over a run. Train is "step until done", at its pace (a wait between steps, pacer.ts) and
// paused on request; Step is the same run started paused, one step per `step`, so the optimizer's moments, the data
// order and the epoch/step counters carry on across Steps, pauses and resumes as they would in one Keras fit().
// Progress, node statistics and decision-boundary grids stream to the host; the weights file and the confusion
// matrix go with every pause, every Step and the end. Never throws: any failure becomes a `failed` message.
import { trainRun, type BatchReport, type EpochReport, type Run, type StopReason, type TrainHooks } from '../../core/index';
import type { NodeStat, RunInfo, WorkerStartMessage, WorkerToHostMessage } from '../../protocol/workerMessages';
import { stepIntervalMsOf } from '../../protocol/pace';
import type { RunControls } from './runControls';
import type { RunSignals } from './runSignals';
import { DecisionBoundary } from './decisionBoundary';
import { NeuronGridStream } from './neuronGrids';
import { loadRun, lastFiniteWeightsFileOf, weightsFileOf } from './loadRun';
import { Pacer } from './pacer';
import { ProgressStream } from './progressStream';
import { SampleLosses } from './sampleLosses';

export type PostToHost = (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;

const now = (): number => performance.now();
/** The longest the loop trains without letting the host's messages in. */
const yieldEveryMs = 25;
/** Above this many parameters (16 MB of float32) the host keeps no copy of a run's starting weights. */
const maxKeptInitialParams = 4_000_000;

export async function runInWorker(start: WorkerStartMessage, post: PostToHost, signals: RunSignals, controls?: RunControls): Promise<void> {
  try {
    await driveRun(start, post, signals, controls);
  } catch (error) {
    post({ type: 'failed', runId: start.runId, message: error instanceof Error ? error.message : String(error) });
  } finally {
    controls?.detach();
  }
}

/** What the loop has trained so far, and what the host has been sent of it. */
interface LoopState {
  lastBatch?: BatchReport;
  lastEpoch?: EpochReport;
  stepsRun: number;
  /** Steps whose weights the host has not been sent yet (a pause or Step sends them). */
  unsentSteps: number;
}

async function driveRun(start: WorkerStartMessage, post: PostToHost, signals: RunSignals, controls: RunControls | undefined): Promise<void> {
  const run = await loadRun(start);
  controls?.attach(run);
  try {
    await new RunDriver(run, start, post, signals).drive();
  } finally {
    run.dispose();
  }
}

/** One loaded run driven to its end: turns of training (paced) or of waiting for a Step, as the signals say. */
class RunDriver {
  private readonly state: LoopState = { stepsRun: 0, unsentSteps: 0 };
  private readonly boundary: DecisionBoundary | undefined;
  private readonly neurons: NeuronGridStream | undefined;
  private readonly samples: SampleLosses | undefined;
  private readonly stream: ProgressStream;
  private readonly pacer: Pacer;
  private readonly hooks: TrainHooks;
  private readonly stopFlag: Int32Array;
  /** A Step session starts paused and reports each Step; a run paused later says so once per pause. */
  private pauseAnnounced: boolean;
  private lastYieldAt = now();

  constructor(private readonly run: Run, private readonly start: WorkerStartMessage, private readonly post: PostToHost, private readonly signals: RunSignals) {
    const { runId } = start;
    this.boundary = DecisionBoundary.create(run, start, post, now);
    this.neurons = NeuronGridStream.create(run, start, post, now);
    this.samples = SampleLosses.create(run, start, post, now, this.boundary?.rows);
    this.stream = new ProgressStream({
      runId, post, now, streamIntervalMs: start.streamIntervalMs, statsIntervalMs: start.statsIntervalMs,
      sampleNodeStats: () => sampleNodeStats(run),
    });
    this.stopFlag = new Int32Array(start.stopFlag);
    this.pacer = new Pacer(now, stepIntervalMsOf(signals.epochsPerSecond, run.stepsPerEpoch));
    this.pauseAnnounced = start.stepping === true;
    const { state, stream, boundary, neurons, samples } = this;
    this.hooks = {
      onBatch: (report) => {
        state.lastBatch = report;
        stream.addBatch(report);
        if (boundary?.due() === true) boundary.postGrid(report.globalStep);
        if (neurons?.due() === true) neurons.postGrids(report.globalStep);
      },
      onEpoch: (report) => {
        state.lastEpoch = report;
        stream.addEpoch(report);
        if (samples?.due() === true) samples.postReport();
      },
      yieldEveryMs,
    };
  }

  async drive(): Promise<void> {
    // The starting weights go to the host once, so "Restart from the same initial weights" can start from exactly them.
    const initialWeightsFile = this.run.paramCount <= maxKeptInitialParams ? weightsFileOf(this.run) : undefined;
    this.post({ type: 'ready', runId: this.start.runId, info: runInfo(this.run), points: this.boundary?.points, samples: this.samples?.set, initialWeightsFile },
      initialWeightsFile !== undefined ? [initialWeightsFile.buffer as ArrayBuffer] : []);
    this.postPictures(0);
    for (;;) {
      if (this.stopRequested()) {
        this.end({ kind: 'cancelled' });
        return;
      }
      const over = this.signals.paused ? await this.pausedTurn() : await this.runningTurn();
      if (over) return;
    }
  }

  private stopRequested(): boolean {
    return Atomics.load(this.stopFlag, 0) !== 0 || this.signals.stopRequested;
  }

  /** Trains up to `maxSteps` (until paused or stopped when `pausable`); the end of the run when it ended. */
  private async leg(maxSteps: number | undefined, pausable: boolean): Promise<StopReason | undefined> {
    const { run, start, state, signals } = this;
    const shouldStop = (): boolean => this.stopRequested() || (pausable && signals.paused);
    const result = await trainRun(run, { ...this.hooks, maxSteps, shouldStop });
    state.stepsRun += result.stepsRun;
    state.unsentSteps += result.stepsRun;
    const limitReached = start.maxSteps !== undefined && !start.stepping && state.stepsRun >= start.maxSteps;
    if (result.stop.kind === 'cancelled' && !this.stopRequested()) return undefined;
    if (result.stop.kind === 'completed' && !run.done && !limitReached) return undefined;
    return result.stop;
  }

  /** Paused: say so once (with the weights so far), then train one batch per Step. True when the run ended. */
  private async pausedTurn(): Promise<boolean> {
    const { run, post, state, stream } = this;
    if (!this.pauseAnnounced) {
      this.pauseAnnounced = true;
      this.flushIfUnsent(true);
      postPaused(run, post, this.start.runId, state);
      this.pacer.restart();
      return false;
    }
    if (!this.signals.takeStep()) {
      await this.signals.wait();
      return false;
    }
    state.lastEpoch = undefined;
    const stop = await this.leg(1, false);
    stream.flush(true);
    if (stop?.kind !== 'non-finite') this.postPictures(run.globalStep);
    if (stop?.kind !== 'non-finite' && stop?.kind !== 'cancelled' && state.unsentSteps > 0) postStepped(run, post, this.start.runId, state);
    if (stop !== undefined) {
      finish(run, this.start, post, stop, state);
      return true;
    }
    this.pacer.restart();
    return false;
  }

  /** Training: unpaced, one leg until done, paused or stopped; paced, one step and the pacer's wait. True when over. */
  private async runningTurn(): Promise<boolean> {
    const { start, state, signals, pacer } = this;
    this.pauseAnnounced = false;
    if (signals.takePaceChange()) pacer.setInterval(stepIntervalMsOf(signals.epochsPerSecond, this.run.stepsPerEpoch));
    const remaining = start.maxSteps !== undefined ? start.maxSteps - state.stepsRun : undefined;
    const stop = await this.leg(pacer.paced ? 1 : remaining, true);
    if (stop !== undefined) {
      this.end(stop);
      return true;
    }
    if (!signals.paused) await this.waitForPace();
    return false;
  }

  private async waitForPace(): Promise<void> {
    const waitMs = this.pacer.afterStep();
    if (waitMs > 0) {
      await this.signals.wait(waitMs);
      this.lastYieldAt = now();
    } else if (this.pacer.paced && now() - this.lastYieldAt >= yieldEveryMs) {
      // A pace the machine cannot keep never waits: yield anyway, so a pause or a new pace can arrive.
      await this.signals.wait(0);
      this.lastYieldAt = now();
    }
  }

  /** Progress and the boundary of steps the host has not seen yet. */
  private flushIfUnsent(withBoundary: boolean): void {
    if (this.state.unsentSteps === 0) return;
    this.stream.flush(true);
    if (withBoundary) this.postPictures(this.run.globalStep);
  }

  /** The decision boundary, the neuron view and the per-sample losses as the weights are now. */
  private postPictures(globalStep: number): void {
    this.boundary?.postGrid(globalStep);
    this.neurons?.postGrids(globalStep);
    this.samples?.postReport();
  }

  private end(stop: StopReason): void {
    this.flushIfUnsent(stop.kind !== 'non-finite');
    finish(this.run, this.start, this.post, stop, this.state);
  }
}

function postStepped(run: Run, post: PostToHost, runId: number, state: LoopState): void {
  const weightsFile = weightsFileOf(run);
  state.unsentSteps = 0;
  post({
    type: 'stepped', runId, report: state.lastBatch as BatchReport, epoch: state.lastEpoch, weightsFile,
    confusion: confusionOf(run), done: run.done,
  }, [weightsFile.buffer as ArrayBuffer]);
}

function postPaused(run: Run, post: PostToHost, runId: number, state: LoopState): void {
  const weightsFile = state.unsentSteps > 0 ? weightsFileOf(run) : undefined;
  const confusion = state.unsentSteps > 0 ? confusionOf(run) : undefined;
  state.unsentSteps = 0;
  post({ type: 'paused', runId, report: state.lastBatch, weightsFile, confusion }, weightsFile !== undefined ? [weightsFile.buffer as ArrayBuffer] : []);
}

/** The end: the weights go with it when steps ran since a pause or Step last sent them (after NaN, the last finite ones). */
function finish(run: Run, start: WorkerStartMessage, post: PostToHost, stop: StopReason, state: LoopState): void {
  const unsent = state.unsentSteps > 0;
  const withResults = unsent && stop.kind !== 'non-finite';
  const weightsFile = !unsent ? undefined : stop.kind === 'non-finite' ? lastFiniteWeightsFileOf(run) : weightsFileOf(run);
  post({
    type: 'finished', runId: start.runId, stop, epochs: run.epochs.length, stepsRun: state.stepsRun, weightsFile,
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
