// The custom editor for .nngraph files: a React Flow webview over VS Code's own TextDocument. The webview sends edit
// intents; the host applies each as one WorkspaceEdit and sends the new text back to every editor of the document.
import * as vscode from 'vscode';
import { receiveEditorToHost, type EditorCommand, type EditorToHostMessage, type HostToEditorMessage } from '../../protocol/messages';
import { assertNever } from '../../graph/index';
import { datasetContextOf, type DatasetContext } from './documentAnalysis';
import { applyIntentToDocument } from './documentSync';
import { addSession, lastOverlay, removeSession, type EditorSession } from './editorSessions';
import { pickCsvDataset } from './csvPicker';
import { ExplainSession } from './explainHost';
import { PointEditSession } from './explainPoints';
import { buildWebviewHtml, webviewOptions } from './webviewHtml';
import { continuesFromSaved, setContinueFromSaved } from '../training/startChoices';
import { paceChoices } from '../training/paceChoices';

export const GRAPH_EDITOR_VIEW_TYPE = 'nngraph.editor';
/** Text changes are sent to the webview at most this often while someone types in a text editor beside it. */
const UPDATE_DELAY_MS = 30;

const COMMAND_FOR: Record<Exclude<EditorCommand, 'undo' | 'redo'>, string> = {
  train: 'nngraph.train', step: 'nngraph.step', stop: 'nngraph.stopTraining', resetWeights: 'nngraph.resetWeights',
  pause: 'nngraph.pauseTraining', resume: 'nngraph.resumeTraining',
  showModelSummary: 'nngraph.showModelSummary', openAsText: 'nngraph.openAsText', export: 'nngraph.export',
};

export class GraphEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = webviewOptions(this.extensionUri);
    const title = document.uri.path.split('/').pop() ?? 'graph';
    webview.html = buildWebviewHtml({ webview, extensionUri: this.extensionUri, script: 'editor.js', style: 'editor.css', title });

    const session: EditorSession = {
      document, panel,
      post: (message: HostToEditorMessage) => { void webview.postMessage(message); },
    };
    addSession(session);
    const explainSession = new ExplainSession(document);
    const pointEdits = new PointEditSession(document, explainSession);
    let ready = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastSent = '';
    const post = (context: DatasetContext, force: boolean): void => {
      const message: HostToEditorMessage = { type: 'document', text: document.getText(),
        ...(context.datasetInfo ? { datasetInfo: context.datasetInfo } : {}),
        ...(context.csvColumns ? { csvColumns: context.csvColumns } : {}),
        ...(context.datasetProblem ? { datasetProblem: context.datasetProblem } : {}),
        ...(context.workspaceDepth !== undefined ? { workspaceDepth: context.workspaceDepth } : {}) };
      // A change that ends where the webview already is (an edit and its undo within one delay) is not sent again.
      const key = JSON.stringify(message);
      if (!force && key === lastSent) return;
      lastSent = key;
      session.post(message);
    };
    // The header comes first (the drop-down, and the path's problems); a large CSV's label scan follows when done.
    const sendDocument = async (force = false): Promise<void> => {
      const version = document.version;
      post(await datasetContextOf(document, { headerOnly: true }), force);
      const full = await datasetContextOf(document);
      if (document.version === version) post(full, false);
    };
    const documentKey = document.uri.toString();
    const unsubscribePace = paceChoices.onDidChange((uri, pace) => {
      if (ready && uri === documentKey) session.post({ type: 'pace', pace });
    });
    const subscriptions: vscode.Disposable[] = [
      { dispose: unsubscribePace },
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!ready || event.document.uri.toString() !== document.uri.toString() || event.contentChanges.length === 0) return;
        clearTimeout(timer);
        timer = setTimeout(() => void sendDocument(), UPDATE_DELAY_MS);
      }),
      webview.onDidReceiveMessage(async (raw: unknown) => {
        const received = receiveEditorToHost(raw);
        if (!received.ok) {
          this.log.warn(`Dropped a message from the graph editor of ${title}: ${received.reason}`);
          return;
        }
        if (received.message.type === 'ready') {
          ready = true;
          await sendDocument(true);
          const overlay = lastOverlay(document.uri);
          if (overlay) session.post({ type: 'training', overlay });
          session.post({ type: 'startChoice', continueFromSaved: continuesFromSaved(document.uri) });
          session.post({ type: 'pace', pace: paceChoices.choice(documentKey) });
          return;
        }
        await this.handle(session, received.message, explainSession, pointEdits);
      }),
    ];
    panel.onDidDispose(() => {
      clearTimeout(timer);
      removeSession(session);
      explainSession.dispose();
      for (const subscription of subscriptions) subscription.dispose();
    });
  }

  private async handle(
    session: EditorSession, message: Exclude<EditorToHostMessage, { type: 'ready' }>, explainSession: ExplainSession, pointEdits: PointEditSession,
  ): Promise<void> {
    const { document } = session;
    switch (message.type) {
      case 'edit': {
        this.log.trace(`edit ${message.intent.kind} on ${document.uri.toString()}`);
        const result = await applyIntentToDocument(document, message.intent);
        if (!result.ok) {
          session.post({ type: 'refused', message: result.message });
        } else if (result.selectNodeIds) {
          session.post({ type: 'select', nodeIds: result.selectNodeIds });
        }
        return;
      }
      case 'runCommand': {
        if (message.command === 'undo' || message.command === 'redo') {
          await vscode.commands.executeCommand(message.command);
          return;
        }
        await vscode.commands.executeCommand(COMMAND_FOR[message.command], document.uri);
        return;
      }
      case 'setStartChoice':
        setContinueFromSaved(document.uri, message.continueFromSaved);
        return;
      case 'pickCsv': {
        const dataset = await pickCsvDataset(document.uri);
        if (!dataset) return;
        const result = await applyIntentToDocument(document, { kind: 'setDataset', nodeId: message.nodeId, dataset });
        if (!result.ok) session.post({ type: 'refused', message: result.message });
        return;
      }
      case 'setPace':
        paceChoices.set(document.uri.toString(), message.pace);
        return;
      case 'explain': {
        const startedMs = Date.now();
        const result = await explainSession.explain(message);
        this.log.trace(`explain ${message.sample.kind} on ${document.uri.toString()}: ${result.ok ? 'done' : result.message} in ${Date.now() - startedMs} ms`);
        session.post({ type: 'explanation', requestId: message.requestId, result });
        return;
      }
      case 'editPoints': {
        const result = await pointEdits.edit(message.edit);
        this.log.trace(`editPoints ${message.edit.kind} on ${document.uri.toString()}: ${result.message}`);
        session.post({ type: 'pointsEdited', requestId: message.requestId, result });
        return;
      }
      default: assertNever(message);
    }
  }
}
