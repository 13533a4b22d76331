// NN Graph: Import Model…: a model file (picked, or the one an .onnx page offers) → a .nngraph and its weights at a
// place the person chooses, then opened in the graph editor. Needs a trusted workspace (it reads a file from
// elsewhere and writes two). The graph gets no dataset: the input node declares the model's feature count, and the
// editor's one NG051 warning says a dataset is still to be chosen.
import { basename, dirname, extname, join } from 'node:path';
import * as vscode from 'vscode';
import { writeSafetensors } from '../../core/index';
import { buildGraph, IMPORTABLE_EXTENSIONS, ModelImportError, weightsFileNameFor, type BuiltGraph } from '../../graph/index';
import { checkWriteTarget, newFileKind, safeWriteFile, SafeWriteError, type WriteTarget } from '../../node/safeWrite';
import { GRAPH_EDITOR_VIEW_TYPE } from '../editor/graphEditorProvider';
import { askModal, showError, showInfo } from '../notify';
import { requireWorkspaceTrust } from '../workspaceTrust';
import { readModelFile } from './readModelFile';

export const IMPORT_MODEL_COMMAND = 'nngraph.importModel';

/** The open dialog offers what the readers take; `.json` (Keras, TF.js) is listed ahead of its reader joining the table. */
const DIALOG_EXTENSIONS = [...new Set([...IMPORTABLE_EXTENSIONS.map((extension) => extension.slice(1)), 'json'])];

function modelUriOf(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  // A command link (the .onnx page) passes the URI as a string.
  if (typeof argument === 'string') {
    try {
      return vscode.Uri.parse(argument, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function pickModel(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import Model', openLabel: 'Import', canSelectMany: false,
    filters: { 'Models (ONNX, Keras/TF.js JSON)': DIALOG_EXTENSIONS },
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return picked?.[0];
}

async function pickGraphFile(model: vscode.Uri): Promise<vscode.Uri | undefined> {
  const stem = basename(model.fsPath, extname(model.fsPath));
  const chosen = await vscode.window.showSaveDialog({
    title: 'Save the Imported Graph', saveLabel: 'Import', filters: { 'NN Graph': ['nngraph'] },
    defaultUri: vscode.Uri.file(join(dirname(model.fsPath), `${stem}.nngraph`)),
  });
  if (!chosen) return undefined;
  return chosen.fsPath.toLowerCase().endsWith('.nngraph') ? chosen : vscode.Uri.file(`${chosen.fsPath}.nngraph`);
}

/**
 * Writes the graph and its weights. The save dialog already asked before replacing the graph; an existing weights
 * file of that name is replaced only after a second confirmation. Both are checked before either is written.
 */
async function writeImport(model: vscode.Uri, graph: vscode.Uri, built: BuiltGraph): Promise<boolean> {
  const weightsPath = join(dirname(graph.fsPath), weightsFileNameFor(basename(graph.fsPath)));
  const protectedFiles = [{ path: model.fsPath, role: 'the model being imported' }];
  const graphTarget: WriteTarget = { path: graph.fsPath, kind: newFileKind('the imported graph'), protectedFiles, overwriteOtherKind: true };
  const weightsTarget: WriteTarget = { path: weightsPath, kind: newFileKind('the imported weights'), protectedFiles, overwriteOtherKind: false };
  // A model without weights (a Keras JSON config) writes no weights file: the graph starts from its initializers.
  const hasWeights = built.weights.length > 0;
  for (const target of hasWeights ? [graphTarget, weightsTarget] : [graphTarget]) {
    const check = checkWriteTarget(target);
    if (check.ok) continue;
    if (check.reason !== 'other-kind') {
      void showError(`Import Model: ${check.message}; nothing was written.`);
      return false;
    }
    const replace = await askModal(`${basename(target.path)} already exists. Replace it with the imported weights?`,
      'The file is replaced only now that you confirm; nothing has been written yet.', 'Replace');
    if (replace !== 'Replace') return false;
    target.overwriteOtherKind = true;
  }
  try {
    if (hasWeights) safeWriteFile(weightsTarget, writeSafetensors(built.weights));
    safeWriteFile(graphTarget, new TextEncoder().encode(built.text));
  } catch (error) {
    if (error instanceof SafeWriteError) {
      void showError(`Import Model: ${error.message}`);
      return false;
    }
    throw error;
  }
  return true;
}

async function importModel(argument: unknown): Promise<void> {
  const trusted = await requireWorkspaceTrust('NN Graph imports models only in a trusted workspace (the import reads a model file and writes a graph and its weights).');
  if (!trusted) return;
  const model = modelUriOf(argument) ?? await pickModel();
  if (!model) return;
  if (model.scheme !== 'file') {
    void showError(`Import Model: ${model.toString()} is not a file on this machine.`);
    return;
  }
  let built: BuiltGraph;
  try {
    built = buildGraph(await readModelFile(model));
  } catch (error) {
    if (!(error instanceof ModelImportError)) throw error;
    void showError(`NN Graph cannot import ${basename(model.fsPath)}: ${error.message}`);
    return;
  }
  const graph = await pickGraphFile(model);
  if (!graph || !await writeImport(model, graph, built)) return;
  await vscode.commands.executeCommand('vscode.openWith', graph, GRAPH_EDITOR_VIEW_TYPE);
  for (const note of built.notes) void showInfo(`Imported ${basename(model.fsPath)}: ${note}.`);
}

export function registerImportModelCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_MODEL_COMMAND, importModel));
}
