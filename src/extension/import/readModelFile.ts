// Reading a model file for the editor's import: its bytes through VS Code's file system, the reader its extension
// names (graph/import/modelReaders.ts), and files beside it (a TF.js shard) from disk. Every failure is a
// ModelImportError with a message for the person.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { ModelImportError, readModel, type ImportedModel } from '../../graph/index';
import { readSideFile } from '../../node/modelFolder';

/** The command line's limit too: an MLP's model file is kilobytes to megabytes. */
const MAX_MODEL_BYTES = 1_000_000_000;

export async function readModelFile(uri: vscode.Uri): Promise<ImportedModel> {
  const fileName = basename(uri.fsPath);
  let bytes: Uint8Array;
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_MODEL_BYTES) throw new ModelImportError(`${fileName} is ${(size / 1e6).toFixed(0)} MB, over the ${MAX_MODEL_BYTES / 1e6} MB NN Graph reads`);
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof ModelImportError) throw error;
    throw new ModelImportError(`cannot read ${fileName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const folder = dirname(uri.fsPath);
  return readModel({
    fileName, bytes,
    readBeside: (name) => readSideFile(folder, name),
  });
}
