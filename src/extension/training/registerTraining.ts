// PLACEHOLDER so the extension builds and the e2e harness can run before the training engineer's work lands.
// To be replaced entirely by its owner (src/extension/training/); keep the exported signature.
import * as vscode from 'vscode';

export function registerTraining(context: vscode.ExtensionContext): void {
  const notYet = (what: string) => () => void vscode.window.showInformationMessage(`${what} is not available yet.`);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('nngraph.trainingView', {
      resolveWebviewView(view) {
        view.webview.html = '<!DOCTYPE html><html><body><p>Training</p></body></html>';
      },
    }),
    vscode.commands.registerCommand('nngraph.train', notYet('Train')),
    vscode.commands.registerCommand('nngraph.step', notYet('Step')),
    vscode.commands.registerCommand('nngraph.stopTraining', notYet('Stop Training')),
    vscode.commands.registerCommand('nngraph.resetWeights', notYet('Reset Weights')),
  );
}
