// The Training view in the panel area: a webview that draws what the history holds. It keeps no state of its own
// on the host; when it (re)loads it says `ready` and gets the whole history, so hiding it costs nothing.
import * as vscode from 'vscode';
import { trainingPanelToHostSchema, type TrainingPanelToHost } from '../../protocol/messages';
import { buildWebviewHtml, webviewOptions } from '../editor/registerGraphEditor';
import type { TrainingService } from './trainingService';

export const trainingViewId = 'nngraph.trainingView';

export class TrainingViewProvider implements vscode.WebviewViewProvider {
  constructor(private readonly extensionUri: vscode.Uri, private readonly service: TrainingService) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = buildWebviewHtml({
      webview: view.webview, extensionUri: this.extensionUri, script: 'training.js', style: 'training.css', title: 'Training',
    });
    const post = (message: unknown): void => { void view.webview.postMessage(message); };
    let removeSink: (() => void) | undefined;
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = trainingPanelToHostSchema.safeParse(raw);
      if (!parsed.success) return;
      if (parsed.data.type === 'ready') {
        removeSink?.();
        removeSink = this.service.broadcaster.addSink(post);
        return;
      }
      if (parsed.data.type === 'ack') {
        this.service.broadcaster.acknowledged(post);
        return;
      }
      this.handle(parsed.data);
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
      case 'clearHistory':
        this.service.history.clearFinished();
        this.service.broadcaster.replayAll();
        return;
      default: {
        const unexpected: never = message;
        throw new Error(`unexpected panel message ${JSON.stringify(unexpected)}`);
      }
    }
  }
}
