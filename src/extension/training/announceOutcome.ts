// How a run's end is told outside the panel: a passing status-bar line when it completed or was stopped, an error
// notification (with a way to the panel) when it failed or diverged. A paused or running run says nothing here.
import * as vscode from 'vscode';
import { showError } from '../notify';
import type { RunOutcome } from './runController';

export function announceOutcome(name: string, outcome: RunOutcome): void {
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
