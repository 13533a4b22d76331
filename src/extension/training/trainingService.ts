// The training commands' behaviour: one run per file at a time, each in its own worker thread; compile the current
// text, start from saved weights when they fit, stream to the panel, save the weights, report how it ended; stop a
// run on request, when its file closes, or when the window goes. Step keeps a stepping session per file: one run
// whose worker idles between Steps, so each Step continues the same optimizer state, data order and curve; it ends
// on Train, Stop Training, Reset Weights, closing the file, or an edit of its text (the graph must be recompiled).
import * as vscode from 'vscode';
import type { RunConfigView } from '../../protocol/messages';
import { compileDocument, type CompiledDocument } from './compileDocument';
import { describeOptimizer, describeWeightsOrigin } from './describeRun';
import { PanelBroadcaster } from './panelBroadcaster';
import { RunController, type RunOutcome } from './runController';
import { RunFeedback } from './runFeedback';
import { RunHistory } from './runHistory';
import { isOpenInAnyTab } from './targetDocument';
import { deleteSavedWeights, readSavedWeights, weightsExist, weightsUriFor, writeSavedWeights } from './weightsFile';

export type RunMode = 'train' | 'step';

interface ActiveRun { controller: RunController; uri: vscode.Uri }

interface StepSession {
  controller: RunController;
  uri: vscode.Uri;
  /** The document version the session was compiled from: a Step on any other version starts a new session. */
  version: number;
  feedback: RunFeedback;
  /** A Step is training or its weights are being saved. */
  busy: boolean;
}

/** Panel stream and worker reporting rates: at most ~30 panel messages per second, node statistics ~4 per second. */
const streamIntervalMs = 33;
const statsIntervalMs = 250;
const boundaryRequest = { gridSize: 64, intervalMs: 300, maxPoints: 600 };

function fileNameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class TrainingService implements vscode.Disposable {
  readonly history = new RunHistory();
  readonly broadcaster = new PanelBroadcaster(this.history);
  private readonly runs = new Map<string, ActiveRun>();
  private readonly sessions = new Map<string, StepSession>();
  private readonly output = vscode.window.createOutputChannel('NN Graph');
  private readonly statusBar = vscode.window.createStatusBarItem('nngraph.training', vscode.StatusBarAlignment.Left, 50);
  private nextRunId = 1;
  private readonly workerPath: string;

  constructor(extensionUri: vscode.Uri, private readonly onRunsChanged: () => void) {
    this.workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
    this.statusBar.name = 'NN Graph Training';
    this.statusBar.command = 'nngraph.trainingView.focus';
  }

  /** A full run or a Step is in progress (an idle stepping session does not count: Train and Step stay offered). */
  isRunning(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.runs.has(key) || this.sessions.get(key)?.busy === true;
  }

  async train(uri: vscode.Uri, mode: RunMode): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      const choice = await vscode.window.showWarningMessage(
        'NN Graph trains only in a trusted workspace (training reads data files and runs code on your machine).',
        'Manage Workspace Trust',
      );
      if (choice !== undefined) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    const name = fileNameOf(uri);
    if (mode === 'step' && this.sessions.get(uri.toString())?.busy === true) {
      // A second click while a Step trains: one batch per finished Step, so it is dropped, not queued.
      void vscode.window.setStatusBarMessage(`NN Graph: ${name}: the previous Step is still training`, 3000);
      return;
    }
    if (this.isRunning(uri)) {
      const choice = await vscode.window.showInformationMessage(`NN Graph: ${name} is already training.`, 'Stop Training');
      if (choice !== undefined) this.stop(uri);
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const session = this.sessions.get(uri.toString());
    if (session !== undefined) {
      if (mode === 'step' && session.version === document.version && !session.controller.ended) {
        if (!session.busy) await this.stepSession(session);
        return;
      }
      await this.endSession(uri, mode === 'train' ? 'Train started a full run' : 'the graph was edited');
    }
    const outcome = await compileDocument(document);
    if (!outcome.ok) {
      if (outcome.showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showErrorMessage(outcome.message);
      return;
    }
    const savedWeights = await readSavedWeights(uri);
    // Another command may have started a run or session while this one compiled; from here on nothing awaits
    // until the new run is registered.
    if (this.isRunning(uri) || this.sessions.has(uri.toString())) return;
    if (mode === 'step') await this.startSession(uri, outcome.compiled, document.version, savedWeights);
    else await this.start(uri, outcome.compiled, savedWeights);
  }

  /** Creates the run's controller (its worker starts loading at once) and its feedback. */
  private launch(
    uri: vscode.Uri, compiled: CompiledDocument, mode: RunMode, savedWeights: Uint8Array | undefined,
  ): { controller: RunController; feedback: RunFeedback } {
    const name = fileNameOf(uri);
    const runId = this.nextRunId++;
    const config: RunConfigView = {
      documentName: name, mode, dataset: compiled.datasetLabel, optimizer: describeOptimizer(compiled.training.optimizer),
      learningRate: compiled.training.optimizer.learningRate, epochs: compiled.training.epochs,
      batchSize: compiled.training.batchSize, seed: compiled.training.seed, validationSplit: compiled.training.validationSplit,
    };
    const { spec } = compiled;
    const feedback = new RunFeedback({ runId, uri, name, epochs: compiled.training.epochs, mode }, this.output, this.statusBar);
    feedback.started(`${config.dataset}, ${config.optimizer}, ${config.epochs} epochs, batch size ${config.batchSize}`);
    const controller = new RunController({
      runId, documentUri: uri.toString(), config, workerPath: this.workerPath,
      history: this.history, broadcaster: this.broadcaster,
      start: {
        spec, training: compiled.training,
        dataset: { ref: compiled.dataset, csvPath: compiled.csvPath, normalize: compiled.normalize },
        savedWeights, stepping: mode === 'step', streamIntervalMs, statsIntervalMs,
        boundary: spec.featureCount === 2 && spec.classCount >= 2 ? boundaryRequest : undefined,
      },
      events: {
        onReady: (info) => {
          const totalSteps = info.stepsPerEpoch * compiled.training.epochs;
          feedback.ready(info, totalSteps, describeWeightsOrigin(info.weights));
          if (info.weights.kind === 'mismatch') {
            void vscode.window.showInformationMessage(`NN Graph: ${name} starts from fresh weights: ${info.weights.reason}.`);
          }
        },
        onProgress: (latest, epochs, nodeStats) => feedback.progressed(latest, epochs, nodeStats),
      },
    });
    return { controller, feedback };
  }

  private async start(uri: vscode.Uri, compiled: CompiledDocument, savedWeights: Uint8Array | undefined): Promise<void> {
    const name = fileNameOf(uri);
    const { controller, feedback } = this.launch(uri, compiled, 'train', savedWeights);
    this.runs.set(uri.toString(), { controller, uri });
    this.onRunsChanged();
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `NN Graph: training ${name}`, cancellable: true },
      (progress, token) => {
        feedback.attachProgress(progress);
        token.onCancellationRequested(() => controller.stop());
        return controller.outcome;
      },
    );
    const outcome = await controller.outcome;
    this.runs.delete(uri.toString());
    this.onRunsChanged();
    feedback.finished(outcome);
    this.hideIdleStatusBar();
    await this.saveWeights(uri, outcome);
    this.announce(name, outcome);
  }

  private async startSession(
    uri: vscode.Uri, compiled: CompiledDocument, version: number, savedWeights: Uint8Array | undefined,
  ): Promise<void> {
    const { controller, feedback } = this.launch(uri, compiled, 'step', savedWeights);
    const session: StepSession = { controller, uri, version, feedback, busy: false };
    const key = uri.toString();
    this.sessions.set(key, session);
    void controller.outcome.then((outcome) => {
      if (this.sessions.get(key) === session) this.sessions.delete(key);
      // A session that ends during a Step (diverged, failed) is reported by that Step.
      if (session.busy) return;
      feedback.finished(outcome);
      this.hideIdleStatusBar();
      this.announce(fileNameOf(uri), outcome);
    });
    await this.stepSession(session);
  }

  /** One batch on the session's worker; the weights are saved before the next Step or Train may begin. */
  private async stepSession(session: StepSession): Promise<void> {
    session.busy = true;
    this.onRunsChanged();
    this.statusBar.show();
    try {
      const outcome = await session.controller.step();
      session.feedback.finished(outcome);
      await this.saveWeights(session.uri, outcome);
      this.announce(fileNameOf(session.uri), outcome);
    } finally {
      session.busy = false;
      this.onRunsChanged();
      this.hideIdleStatusBar();
    }
  }

  /** Ends the file's stepping session, if it has one, and waits until its worker is gone. */
  async endSession(uri: vscode.Uri, reason: string): Promise<void> {
    const session = this.sessions.get(uri.toString());
    if (session === undefined) return;
    session.controller.endSession(reason);
    await session.controller.outcome;
  }

  /** The file's text changed: its stepping session trains a graph that no longer exists. */
  documentChanged(uri: vscode.Uri): void {
    void this.endSession(uri, 'the graph was edited');
  }

  private hideIdleStatusBar(): void {
    if (this.runs.size === 0 && ![...this.sessions.values()].some((session) => session.busy)) this.statusBar.hide();
  }

  private async saveWeights(uri: vscode.Uri, outcome: RunOutcome): Promise<void> {
    if (outcome.weightsFile === undefined || outcome.stepsRun === 0) return;
    try {
      await writeSavedWeights(uri, outcome.weightsFile);
      this.output.appendLine(`[${fileNameOf(uri)}] weights saved to ${vscode.workspace.asRelativePath(weightsUriFor(uri))}`);
    } catch (error) {
      void vscode.window.showErrorMessage(
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
        void vscode.window.showErrorMessage(`NN Graph: ${name}: ${text}`, 'Show Training Panel').then((choice) => {
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

  /** Stops the file's run or ends its stepping session; false when it has neither. */
  stop(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    run?.controller.stop();
    const session = this.sessions.get(uri.toString());
    session?.controller.endSession('Stop Training');
    return run !== undefined || session !== undefined;
  }

  stopRun(runId: number): void {
    for (const run of this.runs.values()) if (run.controller.runId === runId) run.controller.stop();
    for (const session of this.sessions.values()) if (session.controller.runId === runId) session.controller.endSession('stopped from the panel');
  }

  /** Stops runs and ends stepping sessions whose file is no longer open in any tab. */
  stopClosed(): void {
    for (const run of this.runs.values()) if (!isOpenInAnyTab(run.uri)) run.controller.stop();
    for (const session of this.sessions.values()) if (!isOpenInAnyTab(session.uri)) session.controller.endSession('the file was closed');
  }

  async resetWeights(uri: vscode.Uri): Promise<void> {
    const name = fileNameOf(uri);
    if (this.isRunning(uri)) {
      void vscode.window.showWarningMessage(`NN Graph: ${name} is training; stop the run before resetting its weights.`);
      return;
    }
    const weightsUri = weightsUriFor(uri);
    if (!(await weightsExist(uri))) {
      void vscode.window.showInformationMessage(`NN Graph: ${name} has no saved weights; the next run starts fresh anyway.`);
      return;
    }
    const choice = await vscode.window.showWarningMessage(
      `Delete the trained weights of ${name}?`,
      { modal: true, detail: `${vscode.workspace.asRelativePath(weightsUri)} will be deleted; the next run starts from fresh weights.` },
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
      void vscode.window.showErrorMessage(`NN Graph: could not delete ${weightsUri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.kill();
    for (const session of this.sessions.values()) session.controller.kill();
    this.runs.clear();
    this.sessions.clear();
    this.broadcaster.dispose();
    this.output.dispose();
    this.statusBar.dispose();
  }
}
