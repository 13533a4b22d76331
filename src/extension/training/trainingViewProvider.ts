// The Training view in the panel area: a webview that draws what the history holds. It keeps no state of its own
// on the host; when it (re)loads it says `ready` and gets the whole history, so hiding it costs nothing.
import * as vscode from 'vscode';
import { receiveTrainingPanelToHost, type HostToTrainingPanel, type TrainingPanelToHost } from '../../protocol/messages';
import { buildWebviewHtml, webviewOptions } from '../editor/webviewHtml';
import type { TrainingService } from './trainingService';
import { paceChoices } from './paceChoices';

/** The run bar's buttons, as the commands that the editor toolbar and the palette run too. */
const commandForAction = {
  pause: 'nngraph.pauseTraining', resume: 'nngraph.resumeTraining', step: 'nngraph.step', reset: 'nngraph.resetWeights',
  train: 'nngraph.train',
} as const;

export const trainingViewId = 'nngraph.trainingView';

export class TrainingViewProvider implements vscode.WebviewViewProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: TrainingService,
    /** Where dropped messages are reported; the extension host's log by default. */
    private readonly warn: (line: string) => void = (line) => console.warn(line),
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = buildWebviewHtml({
      webview: view.webview, extensionUri: this.extensionUri, script: 'training.js', style: 'training.css', title: 'Training',
    });
    const post = (message: HostToTrainingPanel): void => { void view.webview.postMessage(message); };
    let removeSink: (() => void) | undefined;
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => {
      const received = receiveTrainingPanelToHost(raw);
      if (!received.ok) {
        this.warn(`NN Graph: dropped a message from the Training view: ${received.reason}`);
        return;
      }
      const message = received.message;
      if (message.type === 'ready') {
        removeSink?.();
        removeSink = this.service.broadcaster.addSink(post);
        return;
      }
      if (message.type === 'ack') {
        this.service.broadcaster.acknowledged(post);
        return;
      }
      this.handle(message);
    });
    view.onDidDispose(() => {
      removeSink?.();
      subscription.dispose();
    });
  }

  private handle(message: Exclude<TrainingPanelToHost, { type: 'ready' | 'ack' }>): void {
    switch (message.type) {
      case 'stop':
        this.service.stopRun(message.runId);
        return;
      case 'restart':
        void this.service.restartFrom(message.runId).catch((error: unknown) => {
          this.warn(`NN Graph: restarting run ${message.runId} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        return;
      case 'clearHistory':
        this.service.history.clearFinished();
        this.service.broadcaster.replayAll();
        return;
      case 'control': {
        const uri = this.service.documentOfRun(message.runId);
        if (uri !== undefined) void vscode.commands.executeCommand(commandForAction[message.action], uri);
        return;
      }
      case 'setPace': {
        const uri = this.service.documentOfRun(message.runId);
        if (uri !== undefined) paceChoices.set(uri.toString(), message.pace);
        return;
      }
      case 'setLearningRate':
        if (!this.service.setLearningRate(message.runId, message.learningRate)) {
          void vscode.window.setStatusBarMessage('NN Graph: that run has ended or its engine cannot change the learning rate', 4000);
        }
        return;
      default: {
        const unexpected: never = message;
        throw new Error(`unexpected panel message ${JSON.stringify(unexpected)}`);
      }
    }
  }
}
