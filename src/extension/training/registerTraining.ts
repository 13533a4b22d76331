// Everything training contributes to VS Code: the commands (Train, Train with PyTorch, Step, Pause, Resume, Stop,
// Reset Weights), the Training view, the context keys that swap the editor's Train, Pause, Resume and Stop buttons, and the listeners
// that stop a run when its file closes (or end a stepping session when its file closes or its text changes).
import * as vscode from 'vscode';
import { showError } from '../notify';
import { activeGraphUri, commandTarget } from './targetDocument';
import { TrainingService } from './trainingService';
import { paceChoices } from './paceChoices';
import { TrainingViewProvider, trainingViewId } from './trainingViewProvider';

export function registerTraining(context: vscode.ExtensionContext): void {
  const updateContextKey = (): void => {
    const active = activeGraphUri();
    void vscode.commands.executeCommand('setContext', 'nngraph.trainingActive', active !== undefined && service.isRunning(active));
    void vscode.commands.executeCommand('setContext', 'nngraph.trainingPaused', active !== undefined && service.isPaused(active));
  };
  paceChoices.restore(context.workspaceState);
  const service = new TrainingService(context.extensionUri, updateContextKey);

  // A command never fails silently: anything unexpected (a file that vanished, a read error) becomes a message.
  const withTarget = (action: (uri: vscode.Uri) => unknown) => (argument?: unknown): void => {
    const uri = commandTarget(argument);
    if (uri === undefined) return;
    Promise.resolve()
      .then(() => action(uri))
      .catch((error: unknown) => {
        void showError(`NN Graph: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  context.subscriptions.push(
    service,
    vscode.window.registerWebviewViewProvider(trainingViewId, new TrainingViewProvider(context.extensionUri, service)),
    vscode.commands.registerCommand('nngraph.train', withTarget(async (uri) => {
      void vscode.commands.executeCommand(`${trainingViewId}.focus`, { preserveFocus: true });
      await service.train(uri, 'train');
    })),
    vscode.commands.registerCommand('nngraph.trainWithPytorch', withTarget(async (uri) => {
      void vscode.commands.executeCommand(`${trainingViewId}.focus`, { preserveFocus: true });
      await service.train(uri, 'train', 'pytorch');
    })),
    vscode.commands.registerCommand('nngraph.step', withTarget(async (uri) => {
      // The panel is where a step's loss and progress show, as for Train.
      void vscode.commands.executeCommand(`${trainingViewId}.focus`, { preserveFocus: true });
      await service.train(uri, 'step');
    })),
    vscode.commands.registerCommand('nngraph.stopTraining', withTarget((uri) => {
      const stopping = service.stop(uri);
      void vscode.window.setStatusBarMessage(stopping ? 'NN Graph: stopping the run…' : 'NN Graph: no run to stop for this file', 3000);
    })),
    vscode.commands.registerCommand('nngraph.pauseTraining', withTarget((uri) => {
      if (service.pause(uri)) return;
      const why = service.isRunning(uri) ? 'a PyTorch run cannot pause (Stop Training ends it)' : 'no training run to pause for this file';
      void vscode.window.setStatusBarMessage(`NN Graph: ${why}`, 3000);
    })),
    vscode.commands.registerCommand('nngraph.resumeTraining', withTarget((uri) => {
      if (!service.resume(uri)) void vscode.window.setStatusBarMessage('NN Graph: no paused run to resume for this file', 3000);
    })),
    vscode.commands.registerCommand('nngraph.resetWeights', withTarget((uri) => service.resetWeights(uri))),
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      if (event.closed.length > 0) service.stopClosed();
      updateContextKey();
    }),
    vscode.window.tabGroups.onDidChangeTabGroups(() => updateContextKey()),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (!document.uri.path.toLowerCase().endsWith('.nngraph')) return;
      service.stopClosed();
    }),
    // A Step after an edit must train the edited graph, so the stepping session (compiled from the old text) ends.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0 || !event.document.uri.path.toLowerCase().endsWith('.nngraph')) return;
      service.documentChanged(event.document.uri);
    }),
  );
  updateContextKey();
}
