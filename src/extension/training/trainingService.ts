// The training commands' behaviour: one run per file at a time, each in its own worker thread; compile the current
// text, start from saved weights when they fit, stream to the panel, save the weights, report how it ended; stop a
// run on request, when its file closes, or when the window goes. Train runs until done at the document's pace
// (paceChoices.ts), and can be paused and resumed; Step is the same kind of run started paused (its worker idles),
// so each Step continues the same optimizer state, data order and curve, and Play resumes it. A paused run's
// weights are saved when it pauses; it ends on Train, Stop Training, Reset Weights, closing the file, or an edit of
// its text (the graph must be recompiled).
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import type { RunConfigView } from '../../protocol/messages';
import { compileDocument, type CompiledDocument } from './compileDocument';
import { describeOptimizer, describeWeightsOrigin } from './describeRun';
import { PanelBroadcaster } from './panelBroadcaster';
import type { HostRun, RunMode } from './hostRun';
import { RunController, type RunOutcome } from './runController';
import { RunFeedback } from './runFeedback';
import { RunHistory } from './runHistory';
import { fileNameOf, isOpenInAnyTab } from './targetDocument';
import { readSavedWeights } from './weightsFile';
import { SavedWeights } from './savedWeights';
import { showError, showInfo } from '../notify';
import { notificationText } from '../notificationText';
import { requireWorkspaceTrust } from '../workspaceTrust';
import type { TrainingEngine } from '../../graph/index';
import { PytorchHost } from './pytorchHost';
import { checkedPytorchChoice, type PytorchChoice } from './pytorchSetup';
import { graphFingerprint, labelRun, type RunSettings } from './runLabel';
import { describeStart, planStart, type StartPlan } from './runStart';
import { continuesFromSaved } from './startChoices';
import { paceChoices } from './paceChoices';
import { announceOutcome } from './announceOutcome';
import { epochsPerSecondOf, resolvePace, type PaceChoice } from '../../protocol/pace';
import { InitialWeightsStore } from './initialWeightsStore';
import { boundaryRequest, neuronRequest, sampleRequest, statsIntervalMs, streamIntervalMs } from './runRequests';

export class TrainingService implements vscode.Disposable {
  readonly history = new RunHistory();
  readonly broadcaster = new PanelBroadcaster(this.history);
  private readonly runs = new Map<string, HostRun>();
  private readonly output = vscode.window.createOutputChannel('NN Graph');
  private readonly statusBar = vscode.window.createStatusBarItem('nngraph.training', vscode.StatusBarAlignment.Left, 50);
  private nextRunId = 1;
  private readonly workerPath: string;
  private readonly savedWeights = new SavedWeights(this.output);
  /** Per file: the settings of its newest run, which the next run's label is compared with. */
  private readonly lastSettings = new Map<string, RunSettings>();
  /** Per run, newest last: the weights it started from, as a safetensors file. */
  private readonly initialWeights = new InitialWeightsStore();
  private readonly unsubscribePace: () => void;

  constructor(extensionUri: vscode.Uri, private readonly onRunsChanged: () => void) {
    this.workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
    this.statusBar.name = 'NN Graph Training';
    this.statusBar.command = 'nngraph.trainingView.focus';
    this.unsubscribePace = paceChoices.onDidChange((uri, choice) => this.applyPace(uri, choice));
  }

  /** A run is training (a paused run does not count: Train and Step stay offered). */
  isRunning(uri: vscode.Uri): boolean {
    return this.runs.get(uri.toString())?.busy === true;
  }

  /** The file's run is paused (or a Step session waits between Steps): Play resumes it. */
  isPaused(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    return run !== undefined && !run.busy && !run.controller.ended;
  }

  /** Pauses the file's training run after its current step; false when it has none that can pause. */
  pause(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    if (run === undefined || !run.busy || run.stepInProgress) return false;
    return run.controller.pause();
  }

  /** Resumes the file's paused run (a Step session too); false when it has none. */
  resume(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    if (run === undefined || run.busy || run.controller.ended || !run.controller.resume()) return false;
    run.busy = true;
    run.feedback.resumed();
    this.statusBar.show();
    this.onRunsChanged();
    return true;
  }

  /** The run's document, if the run is still live (panel buttons act on it). */
  documentOfRun(runId: number): vscode.Uri | undefined {
    const header = this.history.header(runId);
    return header !== undefined ? vscode.Uri.parse(header.documentUri) : undefined;
  }

  /** A new learning rate for a live run from its next step on; false when it has ended or cannot take one. */
  setLearningRate(runId: number, learningRate: number): boolean {
    for (const run of this.runs.values()) {
      if (run.controller.runId === runId) return run.controller.setLearningRate(learningRate);
    }
    return false;
  }

  /** The document's pace changed (panel or toolbar): its live run takes it from the next step on. */
  private applyPace(documentUri: string, choice: PaceChoice): void {
    const run = this.runs.get(documentUri);
    if (run !== undefined && run.controller.controllable) {
      const effective = resolvePace(choice, run.featureCount);
      run.controller.setPace(epochsPerSecondOf(effective), { choice, effective });
    }
    // The panel's speed control shows the document's choice on its ended runs too (it applies to the next run).
    for (const runId of this.history.runIdsOf(documentUri)) {
      const pace = this.history.header(runId)?.pace;
      if (pace !== undefined && pace.choice !== choice && runId !== run?.controller.runId) this.history.updateHeader(runId, { pace: { ...pace, choice } });
    }
    this.broadcaster.changed();
  }

  /**
   * Train (or Step) the file. `engine` overrides the file's `training.engine` (Train with PyTorch); Step always
   * trains with the built-in engine, one batch at a time.
   */
  async train(uri: vscode.Uri, mode: RunMode, engine?: TrainingEngine, restartFromRunId?: number): Promise<void> {
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
    if (!(await this.savedWeights.prepare(uri, csvPath))) return;
    const plan = planStart({
      continueFromSaved: continuesFromSaved(uri), restartFromRunId, lastSavedRunId: this.savedWeights.lastSavedRunOf(uri),
    });
    const savedWeights = plan.weightsFrom === 'saved-file' ? await readSavedWeights(uri)
      : plan.weightsFrom === 'run-initial' && restartFromRunId !== undefined ? this.initialWeights.get(restartFromRunId) : undefined;
    // Another command may have started a run or session while this one compiled; from here on nothing awaits
    // until the new run is registered.
    if (this.runs.has(uri.toString())) return;
    const run = this.launch(uri, outcome.compiled, mode, document.version, { plan, savedWeights }, pytorch);
    if (mode === 'step') await this.startStepping(run);
    else await this.trainUntilDone(run);
  }

  /** Creates and registers the run: its controller (its worker starts loading at once) and its feedback. */
  private launch(
    uri: vscode.Uri, compiled: CompiledDocument, mode: RunMode, version: number,
    { plan, savedWeights }: { plan: StartPlan; savedWeights: Uint8Array | undefined }, pytorch: PytorchChoice | undefined,
  ): HostRun {
    const name = fileNameOf(uri);
    const runId = this.nextRunId++;
    const paceChoice = paceChoices.choice(uri.toString());
    const pace = pytorch === undefined ? resolvePace(paceChoice, compiled.spec.featureCount) : undefined;
    const config: RunConfigView = {
      documentName: name, mode, dataset: compiled.datasetLabel, optimizer: describeOptimizer(compiled.training.optimizer),
      learningRate: compiled.training.optimizer.learningRate, epochs: compiled.training.epochs,
      batchSize: compiled.training.batchSize, seed: compiled.training.seed, validationSplit: compiled.training.validationSplit,
      ...(pytorch !== undefined ? { engine: 'pytorch' as const } : {}),
      start: plan.start,
    };
    const settings: RunSettings = {
      runId, dataset: compiled.datasetLabel, training: compiled.training, graphFingerprint: graphFingerprint(JSON.stringify(compiled.spec)),
      engine: pytorch !== undefined ? 'pytorch' : 'builtin', mode,
    };
    const previous = this.lastSettings.get(uri.toString());
    this.lastSettings.set(uri.toString(), settings);
    const { spec } = compiled;
    const feedback = new RunFeedback({ runId, uri, name, epochs: compiled.training.epochs, mode }, this.output, this.statusBar);
    const engineNote = pytorch !== undefined ? `, PyTorch (${pytorch.python}${pytorch.processes > 1 ? `, ${pytorch.processes} processes` : ''})` : '';
    feedback.started(`${config.dataset}, ${config.optimizer}, ${config.epochs} epochs, batch size ${config.batchSize}${engineNote}`);
    const controller = new RunController({
      runId, documentUri: uri.toString(), config, workerPath: this.workerPath,
      ...(pace !== undefined ? { pace: { choice: paceChoice, effective: pace } } : {}),
      history: this.history, broadcaster: this.broadcaster,
      start: {
        spec, training: compiled.training,
        dataset: { ref: compiled.dataset, csvFile: compiled.csvFile, normalize: compiled.normalize },
        savedWeights, stepping: mode === 'step', streamIntervalMs, statsIntervalMs,
        ...(pace !== undefined && epochsPerSecondOf(pace) !== undefined ? { epochsPerSecond: epochsPerSecondOf(pace) } : {}),
        boundary: spec.featureCount === 2 && spec.classCount >= 2 && pytorch === undefined ? boundaryRequest : undefined,
        neurons: pytorch === undefined ? neuronRequest : undefined,
        samples: spec.classCount >= 2 && pytorch === undefined ? sampleRequest : undefined,
      },
      ...(pytorch !== undefined
        ? { host: (start, listener) => new PytorchHost(start, { ...pytorch, graphName: name }, listener) }
        : {}),
      events: {
        onReady: (info, initialWeightsFile) => {
          // Restored weights are named by where they came from ("initial weights of run 1"), not only "saved weights".
          const header = this.history.header(runId);
          const weights = info.weights.kind === 'restored' && header?.info !== undefined
            ? { info: { ...header.info, weights: describeStart(plan.start, 'restored') } } : {};
          this.history.updateHeader(runId, { label: labelRun(previous, settings, plan.start, info.weights.kind), ...weights });
          if (initialWeightsFile !== undefined) this.initialWeights.keep(runId, initialWeightsFile);
          const totalSteps = info.stepsPerEpoch * compiled.training.epochs;
          feedback.ready(info, totalSteps, describeWeightsOrigin(info.weights));
          this.savedWeights.runStarted(runId, uri, info.weights, savedWeights);
          if (info.weights.kind === 'mismatch') {
            void showInfo(`NN Graph: ${name} starts from fresh weights: ${info.weights.reason}.`);
          }
        },
        onProgress: (latest, epochs, nodeStats) => feedback.progressed(latest, epochs, nodeStats),
        onPaused: (weightsFile) => void this.paused(run, weightsFile),
      },
    });
    this.history.updateHeader(runId, { label: labelRun(previous, settings, plan.start) });
    let markClosed = (): void => undefined;
    const closed = new Promise<void>((resolve) => { markClosed = resolve; });
    const run: HostRun = {
      mode, controller, uri, version, feedback, busy: mode === 'train', stepInProgress: false,
      featureCount: compiled.spec.featureCount, closed, markClosed, pendingSave: Promise.resolve(),
    };
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
    await run.pendingSave;
    await this.saveWeights(run, outcome);
    announceOutcome(name, outcome);
    run.markClosed();
  }

  /** The run paused: Train and Step are offered again, and the weights it trained so far are saved. */
  private paused(run: HostRun, weightsFile: Uint8Array | undefined): void {
    run.busy = false;
    run.feedback.paused();
    this.onRunsChanged();
    if (weightsFile === undefined) return;
    const previous = run.pendingSave;
    run.pendingSave = previous.then(() => this.saveWeights(run, { weightsFile, stepsRun: 1 }));
  }

  private async startStepping(run: HostRun): Promise<void> {
    const key = run.uri.toString();
    void run.controller.outcome.then(async (outcome) => {
      if (this.runs.get(key) === run) this.runs.delete(key);
      // A run that ends during a Step (diverged, failed) is reported by that Step.
      if (run.stepInProgress) return;
      run.busy = false;
      this.onRunsChanged();
      run.feedback.finished(outcome);
      this.hideIdleStatusBar();
      // A session resumed with Play trains on and sends its last weights at the end.
      await run.pendingSave;
      await this.saveWeights(run, outcome);
      announceOutcome(fileNameOf(run.uri), outcome);
      run.markClosed();
    });
    await this.stepRun(run);
  }

  /** One batch on the paused run's worker; the weights are saved before the next Step or Train may begin. */
  private async stepRun(run: HostRun): Promise<void> {
    run.busy = true;
    run.stepInProgress = true;
    this.onRunsChanged();
    this.statusBar.show();
    try {
      const outcome = await run.controller.step();
      run.feedback.finished(outcome);
      // Between Steps the run is paused: the editor's first button resumes it.
      if (!run.controller.ended) run.feedback.paused();
      await run.pendingSave;
      await this.saveWeights(run, outcome);
      announceOutcome(fileNameOf(run.uri), outcome);
    } finally {
      run.busy = false;
      run.stepInProgress = false;
      if (run.controller.ended) run.markClosed();
      this.onRunsChanged();
      this.hideIdleStatusBar();
    }
  }

  /**
   * Ends the file's Step session (in any state) or paused Train run, if it has one, and waits until its worker is
   * gone and its last weights are saved. A Train run that is training is left alone.
   */
  async endSession(uri: vscode.Uri, reason: string): Promise<void> {
    const run = this.runs.get(uri.toString());
    if (run === undefined || (run.mode === 'train' && run.busy)) return;
    run.controller.endSession(reason);
    await run.closed;
  }

  /** Stops a training run; ends a paused one or a Step session (saved at each pause and Step) for `reason`. */
  private end(run: HostRun, reason: string): void {
    if (run.busy && !run.stepInProgress) run.controller.stop();
    else run.controller.endSession(reason);
  }

  /** The file's text changed: its stepping session trains a graph that no longer exists. */
  documentChanged(uri: vscode.Uri): void {
    void this.endSession(uri, 'the graph was edited');
  }

  private hideIdleStatusBar(): void {
    if (![...this.runs.values()].some((run) => run.busy)) this.statusBar.hide();
  }

  private async saveWeights(run: HostRun, outcome: Pick<RunOutcome, 'weightsFile' | 'stepsRun'>): Promise<void> {
    if (outcome.weightsFile === undefined || outcome.stepsRun === 0) return;
    await this.savedWeights.save(run.uri, run.controller.runId, outcome.weightsFile);
  }

  /** Stops the file's run (Train or Step); false when it has none. */
  stop(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    if (run !== undefined) this.end(run, 'Stop Training');
    return run !== undefined;
  }

  /**
   * Trains the file of run `runId` again (Train, on the engine that run used), starting from exactly the weights that
   * run started from; says so when they are no longer kept.
   */
  async restartFrom(runId: number): Promise<void> {
    const header = this.history.header(runId);
    if (header === undefined) return;
    if (!this.initialWeights.has(runId)) {
      void showInfo(`NN Graph: the initial weights of run ${runId} are no longer kept (only the newest runs' are); start a new run with Train.`);
      return;
    }
    const engine: TrainingEngine | undefined = header.config.engine === 'pytorch' ? 'pytorch' : undefined;
    await this.train(vscode.Uri.parse(header.documentUri), 'train', engine, runId);
  }

  stopRun(runId: number): void {
    for (const run of this.runs.values()) if (run.controller.runId === runId) this.end(run, 'stopped from the panel');
  }

  /** Stops the runs whose file is no longer open in any tab. */
  stopClosed(): void {
    for (const run of this.runs.values()) if (!isOpenInAnyTab(run.uri)) this.end(run, 'the file was closed');
  }

  /** Reset: ends the file's run if it has one and deletes its weights file (see SavedWeights.reset). */
  async resetWeights(uri: vscode.Uri): Promise<void> {
    const run = this.runs.get(uri.toString());
    const endRun = run && (async (): Promise<void> => {
      this.end(run, 'the weights were reset');
      await run.closed;
    });
    await this.savedWeights.reset(uri, endRun);
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.kill();
    this.runs.clear();
    this.unsubscribePace();
    this.broadcaster.dispose();
    this.output.dispose();
    this.statusBar.dispose();
  }
}
