// A graph's saved weights file (`<name>.safetensors` beside it) as the training commands keep it: where a run's
// weights may be written (WeightsTargets), which run of this window the file holds (a Restart or a Continue names it
// in the run's label), and whether Reset may delete it without a question (RecreatableWeights).
import * as vscode from 'vscode';
import type { WeightsOrigin } from '../../protocol/workerMessages';
import { askModal, showError, showInfo } from '../notify';
import { RecreatableWeights } from './recreatableWeights';
import { deleteSavedWeights, readSavedWeights, weightsExist, weightsUriFor } from './weightsFile';
import { WeightsTargets } from './weightsTarget';
import { fileNameOf } from './targetDocument';

export class SavedWeights {
  private readonly targets = new WeightsTargets();
  /** Per file: the run of this session whose weights the saved file holds. */
  private readonly lastSavedRun = new Map<string, number>();
  private readonly recreatable = new RecreatableWeights();

  constructor(private readonly output: vscode.OutputChannel) {}

  /** Before a run starts: false when its weights could not be saved or the person declined (see WeightsTargets). */
  prepare(graphUri: vscode.Uri, csvPath: string | undefined): Promise<boolean> {
    return this.targets.prepare(graphUri, csvPath);
  }

  /** The run of this window whose weights the file holds now, if any. */
  lastSavedRunOf(graphUri: vscode.Uri): number | undefined {
    return this.lastSavedRun.get(graphUri.toString());
  }

  /** A run's worker loaded its starting weights; `startBytes` is the saved file it was given, if any. */
  runStarted(runId: number, graphUri: vscode.Uri, origin: WeightsOrigin, startBytes: Uint8Array | undefined): void {
    this.recreatable.runStarted(runId, graphUri.toString(), origin, startBytes);
  }

  /** Writes run `runId`'s weights as the graph's file; a failure is shown, not thrown (the run itself went well). */
  async save(graphUri: vscode.Uri, runId: number, weightsFile: Uint8Array): Promise<void> {
    try {
      await this.targets.save(graphUri, weightsFile);
      this.lastSavedRun.set(graphUri.toString(), runId);
      this.recreatable.saved(runId, graphUri.toString(), weightsFile);
      this.output.appendLine(`[${fileNameOf(graphUri)}] weights saved to ${vscode.workspace.asRelativePath(weightsUriFor(graphUri))}`);
    } catch (error) {
      void showError(
        `NN Graph: could not save the weights to ${weightsUriFor(graphUri).fsPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Reset: deletes the graph's weights file, so the next run starts from the seed's initial weights. No question is
   * asked when the file holds weights this window trained from the seed (a new run recreates them); a file from
   * elsewhere is deleted only after a modal confirmation. `endRun` ends the file's run, if it has one, and settles
   * once its last save landed: the run's optimizer state belongs to the weights being deleted.
   */
  async reset(graphUri: vscode.Uri, endRun: (() => Promise<void>) | undefined): Promise<void> {
    const name = fileNameOf(graphUri);
    const weightsUri = weightsUriFor(graphUri);
    const bytes = await readSavedWeights(graphUri);
    if (bytes === undefined && endRun === undefined) {
      void showInfo(`NN Graph: ${name} has no saved weights; the next run starts fresh anyway.`);
      return;
    }
    if (bytes !== undefined && !this.recreatable.matches(graphUri.toString(), bytes)) {
      const choice = await askModal(
        `Delete the trained weights of ${name}?`,
        `${vscode.workspace.asRelativePath(weightsUri)} was not trained from the seed in this window, so it cannot be recreated; the next run starts from fresh weights.`,
        'Delete Weights',
      );
      if (choice !== 'Delete Weights') return;
    }
    if (endRun !== undefined) await endRun();
    try {
      if (await weightsExist(graphUri)) await deleteSavedWeights(graphUri);
      this.lastSavedRun.delete(graphUri.toString());
      this.output.appendLine(`[${name}] weights deleted (${vscode.workspace.asRelativePath(weightsUri)}); the next run starts from the seed`);
      void vscode.window.setStatusBarMessage(`NN Graph: weights of ${name} reset; the next run starts from the seed`, 5000);
    } catch (error) {
      void showError(`NN Graph: could not delete ${weightsUri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
