// NN Graph: Export…: the graph's current text (unsaved edits included) as a PyTorch, Keras or TF.js program or an
// ONNX model, planned by the same code as `nngraph export` (graph/export/exportPlan.ts), so the editor refuses what
// the command line refuses. It asks what to export and where (beside the graph, under the name the command line
// would choose), starts from the weights saved beside the graph when there are any, and says which it used.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { defaultExportFileName, exportTargetIds, exportTargets, planExport, type ExportTarget } from '../../graph/index';
import { SafeWriteError } from '../../node/safeWrite';
import { showError, showInfo } from '../notify';
import { compileDocument } from '../training/compileDocument';
import { fileNameOf } from '../training/targetDocument';
import { readSavedWeights, weightsUriFor } from '../training/weightsFile';
import { requireWorkspaceTrust } from '../workspaceTrust';
import { buildExportRun, type SavedWeights } from './exportRun';
import { writeExportPlan } from './exportWrite';

export const exportTrustRefusal = 'NN Graph exports only in a trusted workspace (an export reads the graph\'s data and weights and writes a program that runs on your machine).';

const openAction = 'Open';
const revealAction = 'Reveal in Explorer';

export async function exportGraph(uri: vscode.Uri): Promise<void> {
  if (!(await requireWorkspaceTrust(exportTrustRefusal))) return;
  const name = fileNameOf(uri);
  if (uri.scheme !== 'file') {
    void showError(`NN Graph: ${name} was not exported: NN Graph exports only graphs that are files on this machine.`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const outcome = await compileDocument(document, 'was not exported');
  if (!outcome.ok) {
    if (outcome.showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    void showError(outcome.message);
    return;
  }
  const target = await pickTarget(name);
  if (target === undefined) return;
  const output = await pickOutput(uri, target);
  if (output === undefined) return;
  if (output.scheme !== 'file') {
    void showError(`NN Graph: ${name} was not exported: choose a file on this machine.`);
    return;
  }
  const weights = await savedWeightsOf(uri);
  const built = await buildExportRun(outcome.compiled, weights);
  if (!built.ok) {
    void showError(`NN Graph: ${name} was not exported: ${built.reason}.`);
    return;
  }
  try {
    const plan = planExport({
      target, graphFile: uri.fsPath, graphName: graphNameOf(document.getText(), name), datasetRef: outcome.compiled.dataset,
      run: built.run, output: output.fsPath,
      ...(weights !== undefined ? { weights: { path: weights.path, read: () => weights.bytes } } : {}),
    }, path);
    const written = await writeExportPlan(plan);
    if (written.kind === 'refused') {
      void showError(`NN Graph: ${name} was not exported: ${written.message}.`);
      return;
    }
    if (written.kind === 'cancelled') return;
    const companions = written.written.filter((file) => file.role !== 'main').map((file) => path.basename(file.path));
    const beside = companions.length > 0 ? ` with ${companions.join(' and ')}` : '';
    const untrained = weights === undefined ? `: there is no ${path.basename(weightsUriFor(uri).fsPath)} beside the graph` : '';
    const actions = exportTargets[target].runner !== undefined ? [openAction, revealAction] : [revealAction];
    const choice = await showInfo(
      `NN Graph: exported ${name} as ${exportTargets[target].label} to ${vscode.workspace.asRelativePath(output)}${beside}, from ${plan.weightsSource}${untrained}.`,
      ...actions,
    );
    if (choice === openAction) await vscode.window.showTextDocument(output);
    if (choice === revealAction) await vscode.commands.executeCommand('revealInExplorer', output);
  } catch (error) {
    if (error instanceof SafeWriteError) {
      void showError(`NN Graph: ${name} was not exported: ${error.message}.`);
      return;
    }
    throw error;
  } finally {
    built.run.dispose();
  }
}

async function pickTarget(name: string): Promise<ExportTarget | undefined> {
  const items = exportTargetIds.map((id) => ({
    label: exportTargets[id].label, description: defaultExportFileName(name, id), detail: exportTargets[id].detail, id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `NN Graph: Export ${name}`, placeHolder: 'What to export the graph as', matchOnDetail: true,
  });
  return picked?.id;
}

async function pickOutput(uri: vscode.Uri, target: ExportTarget): Promise<vscode.Uri | undefined> {
  const info = exportTargets[target];
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', defaultExportFileName(fileNameOf(uri), target)),
    filters: { [info.fileType.name]: [...info.fileType.extensions] },
    saveLabel: 'Export',
    title: `Export ${fileNameOf(uri)} as ${info.label}`,
  });
}

async function savedWeightsOf(uri: vscode.Uri): Promise<SavedWeights | undefined> {
  const bytes = await readSavedWeights(uri);
  return bytes === undefined ? undefined : { path: weightsUriFor(uri).fsPath, bytes };
}

/** The graph's `name`, or its file name (as the command line names it). */
function graphNameOf(text: string, fileName: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim() !== '') return name;
  } catch {
    // The text compiled; a name is only decoration.
  }
  return fileName;
}
