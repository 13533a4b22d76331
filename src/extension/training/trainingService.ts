// The training commands' behaviour: one run per file at a time, each in its own worker thread; compile the current
// text, start from saved weights when they fit, stream to the panel, save the weights, report how it ended; stop a
// run on request, when its file closes, or when the window goes. Train runs until done; Step is the same kind of run,
// paused between Steps (its worker idles), so each Step continues the same optimizer state, data order and curve; a
// paused run ends on Train, Stop Training, Reset Weights, closing the file, or an edit of its text (the graph must
// be recompiled).
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { RunConfigView } from '../../protocol/messages';
import { compileDocument, type CompiledDocument } from './compileDocument';
import { describeOptimizer, describeWeightsOrigin } from './describeRun';
import { PanelBroadcaster } from './panelBroadcaster';
import { RunController, type RunOutcome } from './runController';
import { RunFeedback } from './runFeedback';
import { RunHistory } from './runHistory';
import { isOpenInAnyTab } from './targetDocument';
import { deleteSavedWeights, readSavedWeights, weightsExist, weightsUriFor } from './weightsFile';
import { WeightsTargets } from './weightsTarget';
import { askModal, showError, showInfo, showWarning } from '../notify';
import { notificationText } from '../notificationText';
import { requireWorkspaceTrust } from '../workspaceTrust';
import type { TrainingEngine } from '../../graph/index';
import { PytorchHost } from './pytorchHost';
import { checkedPytorchChoice, type PytorchChoice } from './pytorchSetup';

export type RunMode = 'train' | 'step';

/** A file's run, whether Train started it or Step. */
interface HostRun {
  mode: RunMode;
  controller: RunController;
  uri: vscode.Uri;
  /** The document version the run was compiled from: a Step on any other version starts a new run. */
  version: number;
  feedback: RunFeedback;
  /** Training (a Train run always is; a Step run while a Step trains or its weights are being saved). */
  busy: boolean;
}

/** Panel stream and worker reporting rates: at most ~30 panel messages per second, node statistics ~4 per second. */
const streamIntervalMs = 33;
const statsIntervalMs = 250;
const boundaryRequest = { gridSize: 64, intervalMs: 300, maxPoints: 600 };
/** Per-sample losses on up to 2,000 rows (a 2-D set: its 600 points), re-read at most every half second. */
const sampleRequest = { maxSamples: 2000, intervalMs: 500 };

function fileNameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class TrainingService implements vscode.Disposable {
  readonly history = new RunHistory();
  readonly broadcaster = new PanelBroadcaster(this.history);
  private readonly runs = new Map<string, HostRun>();
  private readonly output = vscode.window.createOutputChannel('NN Graph');
  private readonly statusBar = vscode.window.createStatusBarItem('nngraph.training', vscode.StatusBarAlignment.Left, 50);
  private nextRunId = 1;
  private readonly workerPath: string;
  private readonly weightsTargets = new WeightsTargets();

  constructor(extensionUri: vscode.Uri, private readonly onRunsChanged: () => void) {
    this.workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
    this.statusBar.name = 'NN Graph Training';
    this.statusBar.command = 'nngraph.trainingView.focus';
  }

  /** A run is training (a paused Step run does not count: Train and Step stay offered). */
  isRunning(uri: vscode.Uri): boolean {
    return this.runs.get(uri.toString())?.busy === true;
  }

  /**
   * Train (or Step) the file. `engine` overrides the file's `training.engine` (Train with PyTorch); Step always
   * trains with the built-in engine, one batch at a time.
   */
  async train(uri: vscode.Uri, mode: RunMode, engine?: TrainingEngine): Promise<void> {
    if (!(await requireWorkspaceTrust('NN Graph trains only in a trusted workspace (training reads data files and runs code on your machine).'))) return;
    const name = fileNameOf(uri);
    const current = this.runs.get(uri.toString());
    if (mode === 'step' && current?.mode === 'step' && current.busy) {
      // A second click while a Step trains: one batch per finished Step, so it is dropped, not queued.
      void vscode.window.setStatusBarMessage(`NN Graph: ${name}: the previous Step is still training`, 3000);
      return;
    }
    if (this.isRunning(uri)) {
      const choice = await showInfo(`NN Graph: ${name} is already training.`, 'Stop Training');
      if (choice !== undefined) this.stop(uri);
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const paused = this.runs.get(uri.toString());
    if (paused !== undefined) {
      if (mode === 'step' && paused.version === document.version && !paused.controller.ended) {
        if (!paused.busy) await this.stepRun(paused);
        return;
      }
      await this.endSession(uri, mode === 'train' ? 'Train started a full run' : 'the graph was edited');
    }
    const outcome = await compileDocument(document);
    if (!outcome.ok) {
      if (outcome.showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      void showError(outcome.message);
      return;
    }
    let pytorch: PytorchChoice | undefined;
    if (mode === 'train' && (engine ?? outcome.compiled.engine) === 'pytorch') {
      pytorch = await checkedPytorchChoice(uri, name);
      if (pytorch === undefined) return;
    }
    const csvFile = outcome.compiled.csvFile;
    const csvPath = csvFile ? resolve(csvFile.graphFolder, csvFile.csvPath) : undefined;
    if (!(await this.weightsTargets.prepare(uri, csvPath))) return;
    const savedWeights = await readSavedWeights(uri);
    // Another command may have started a run or session while this one compiled; from here on nothing awaits
    // until the new run is registered.
    if (this.runs.has(uri.toString())) return;
    const run = this.launch(uri, outcome.compiled, mode, document.version, savedWeights, pytorch);
    if (mode === 'step') await this.startStepping(run);
    else await this.trainUntilDone(run);
  }

  /** Creates and registers the run: its controller (its worker starts loading at once) and its feedback. */
  private launch(
    uri: vscode.Uri, compiled: CompiledDocument, mode: RunMode, version: number, savedWeights: Uint8Array | undefined,
    pytorch: PytorchChoice | undefined,
  ): HostRun {
    const name = fileNameOf(uri);
    const runId = this.nextRunId++;
    const config: RunConfigView = {
      documentName: name, mode, dataset: compiled.datasetLabel, optimizer: describeOptimizer(compiled.training.optimizer),
      learningRate: compiled.training.optimizer.learningRate, epochs: compiled.training.epochs,
      batchSize: compiled.training.batchSize, seed: compiled.training.seed, validationSplit: compiled.training.validationSplit,
      ...(pytorch !== undefined ? { engine: 'pytorch' as const } : {}),
    };
    const { spec } = compiled;
    const feedback = new RunFeedback({ runId, uri, name, epochs: compiled.training.epochs, mode }, this.output, this.statusBar);
    const engineNote = pytorch !== undefined ? `, PyTorch (${pytorch.python}${pytorch.processes > 1 ? `, ${pytorch.processes} processes` : ''})` : '';
    feedback.started(`${config.dataset}, ${config.optimizer}, ${config.epochs} epochs, batch size ${config.batchSize}${engineNote}`);
    const controller = new RunController({
      runId, documentUri: uri.toString(), config, workerPath: this.workerPath,
      history: this.history, broadcaster: this.broadcaster,
      start: {
        spec, training: compiled.training,
        dataset: { ref: compiled.dataset, csvFile: compiled.csvFile, normalize: compiled.normalize },
        savedWeights, stepping: mode === 'step', streamIntervalMs, statsIntervalMs,
        boundary: spec.featureCount === 2 && spec.classCount >= 2 && pytorch === undefined ? boundaryRequest : undefined,
        samples: spec.classCount >= 2 && pytorch === undefined ? sampleRequest : undefined,
      },
      ...(pytorch !== undefined
        ? { host: (start, listener) => new PytorchHost(start, { ...pytorch, graphName: name }, listener) }
        : {}),
      events: {
        onReady: (info) => {
          const totalSteps = info.stepsPerEpoch * compiled.training.epochs;
          feedback.ready(info, totalSteps, describeWeightsOrigin(info.weights));
          if (info.weights.kind === 'mismatch') {
            void showInfo(`NN Graph: ${name} starts from fresh weights: ${info.weights.reason}.`);
          }
        },
        onProgress: (latest, epochs, nodeStats) => feedback.progressed(latest, epochs, nodeStats),
      },
    });
    const run: HostRun = { mode, controller, uri, version, feedback, busy: mode === 'train' };
    this.runs.set(uri.toString(), run);
    return run;
  }

  private async trainUntilDone(run: HostRun): Promise<void> {
    const { uri, controller, feedback } = run;
    const name = fileNameOf(uri);
    this.onRunsChanged();
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: notificationText(`NN Graph: training ${name}`), cancellable: true },
      (progress, token) => {
        feedback.attachProgress(progress);
        token.onCancellationRequested(() => controller.stop());
        return controller.outcome;
      },
    );
    const outcome = await controller.outcome;
    if (this.runs.get(uri.toString()) === run) this.runs.delete(uri.toString());
    this.onRunsChanged();
    feedback.finished(outcome);
    this.hideIdleStatusBar();
    await this.saveWeights(uri, outcome);
    this.announce(name, outcome);
  }

  private async startStepping(run: HostRun): Promise<void> {
    const key = run.uri.toString();
    void run.controller.outcome.then((outcome) => {
      if (this.runs.get(key) === run) this.runs.delete(key);
      // A run that ends during a Step (diverged, failed) is reported by that Step.
      if (run.busy) return;
      run.feedback.finished(outcome);
      this.hideIdleStatusBar();
      this.announce(fileNameOf(run.uri), outcome);
    });
    await this.stepRun(run);
  }

  /** One batch on the paused run's worker; the weights are saved before the next Step or Train may begin. */
  private async stepRun(run: HostRun): Promise<void> {
    run.busy = true;
    this.onRunsChanged();
    this.statusBar.show();
    try {
      const outcome = await run.controller.step();
      run.feedback.finished(outcome);
      await this.saveWeights(run.uri, outcome);
      this.announce(fileNameOf(run.uri), outcome);
    } finally {
      run.busy = false;
      this.onRunsChanged();
      this.hideIdleStatusBar();
    }
  }

  /** Ends the file's Step run, if it has one, and waits until its worker is gone. */
  async endSession(uri: vscode.Uri, reason: string): Promise<void> {
    const run = this.runs.get(uri.toString());
    if (run?.mode !== 'step') return;
    run.controller.endSession(reason);
    await run.controller.outcome;
  }

  /** Stops a Train run; ends a Step run (saved after each Step) for `reason`. */
  private end(run: HostRun, reason: string): void {
    if (run.mode === 'train') run.controller.stop();
    else run.controller.endSession(reason);
  }

  /** The file's text changed: its stepping session trains a graph that no longer exists. */
  documentChanged(uri: vscode.Uri): void {
    void this.endSession(uri, 'the graph was edited');
  }

  private hideIdleStatusBar(): void {
    if (![...this.runs.values()].some((run) => run.busy)) this.statusBar.hide();
  }

  private async saveWeights(uri: vscode.Uri, outcome: RunOutcome): Promise<void> {
    if (outcome.weightsFile === undefined || outcome.stepsRun === 0) return;
    try {
      await this.weightsTargets.save(uri, outcome.weightsFile);
      this.output.appendLine(`[${fileNameOf(uri)}] weights saved to ${vscode.workspace.asRelativePath(weightsUriFor(uri))}`);
    } catch (error) {
      void showError(
        `NN Graph: could not save the weights to ${weightsUriFor(uri).fsPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private announce(name: string, outcome: RunOutcome): void {
    switch (outcome.status) {
      case 'completed':
        void vscode.window.setStatusBarMessage(`NN Graph: ${name}: ${outcome.summary}`, 5000);
        return;
      case 'cancelled':
        void vscode.window.setStatusBarMessage(`NN Graph: ${name}: ${outcome.summary}`, 5000);
        return;
      case 'non-finite':
      case 'failed': {
        const failure = outcome.failure;
        const text = failure !== undefined
          ? `${failure.message}${failure.suggestion !== undefined ? ` ${failure.suggestion}` : ''}`
          : outcome.summary;
        void showError(`NN Graph: ${name}: ${text}`, 'Show Training Panel').then((choice) => {
          if (choice !== undefined) void vscode.commands.executeCommand('nngraph.trainingView.focus');
        });
        return;
      }
      case 'starting':
      case 'running':
      case 'paused':
        return;
      default: {
        const unexpected: never = outcome.status;
        throw new Error(`unexpected run status ${String(unexpected)}`);
      }
    }
  }

  /** Stops the file's run (Train or Step); false when it has none. */
  stop(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    if (run !== undefined) this.end(run, 'Stop Training');
    return run !== undefined;
  }

  stopRun(runId: number): void {
    for (const run of this.runs.values()) if (run.controller.runId === runId) this.end(run, 'stopped from the panel');
  }

  /** Stops the runs whose file is no longer open in any tab. */
  stopClosed(): void {
    for (const run of this.runs.values()) if (!isOpenInAnyTab(run.uri)) this.end(run, 'the file was closed');
  }

  async resetWeights(uri: vscode.Uri): Promise<void> {
    const name = fileNameOf(uri);
    if (this.isRunning(uri)) {
      void showWarning(`NN Graph: ${name} is training; stop the run before resetting its weights.`);
      return;
    }
    const weightsUri = weightsUriFor(uri);
    if (!(await weightsExist(uri))) {
      void showInfo(`NN Graph: ${name} has no saved weights; the next run starts fresh anyway.`);
      return;
    }
    const choice = await askModal(
      `Delete the trained weights of ${name}?`,
      `${vscode.workspace.asRelativePath(weightsUri)} will be deleted; the next run starts from fresh weights.`,
      'Delete Weights',
    );
    if (choice !== 'Delete Weights') return;
    // The session's optimizer state belongs to the weights being deleted.
    await this.endSession(uri, 'the weights were reset');
    try {
      await deleteSavedWeights(uri);
      this.output.appendLine(`[${name}] weights deleted (${vscode.workspace.asRelativePath(weightsUri)})`);
      void vscode.window.setStatusBarMessage(`NN Graph: weights of ${name} deleted`, 5000);
    } catch (error) {
      void showError(`NN Graph: could not delete ${weightsUri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.kill();
    this.runs.clear();
    this.broadcaster.dispose();
    this.output.dispose();
    this.statusBar.dispose();
  }
}
