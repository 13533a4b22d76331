// Where a run's weights go (`<name>.safetensors` beside the graph) and the promises of node/safeWrite.ts for it:
// never onto the graph or its CSV, never over a file of another kind unless the person confirms (once, before the
// run starts), and atomically. The confirmation is remembered per graph until a save has replaced that file.
import * as vscode from 'vscode';
import { checkWriteTarget, safetensorsKind, safeWriteFile, type WriteTarget } from '../../node/safeWrite';
import { askModal, showError } from '../notify';
import { weightsUriFor } from './weightsFile';

export class WeightsTargets {
  private readonly targets = new Map<string, WriteTarget>();

  /**
   * Called before a run starts: false when the weights could not be saved (the person is told why) or the person
   * declined to replace another kind of file, in which case nothing should be trained.
   */
  async prepare(graphUri: vscode.Uri, csvPath: string | undefined): Promise<boolean> {
    if (graphUri.scheme !== 'file') return true; // written through vscode.workspace.fs, see save()
    const target = targetFor(graphUri, csvPath, false);
    const check = checkWriteTarget(target);
    if (check.ok) {
      this.targets.set(graphUri.toString(), target);
      return true;
    }
    const relative = vscode.workspace.asRelativePath(weightsUriFor(graphUri));
    if (check.reason !== 'other-kind') {
      void showError(`NN Graph: the trained weights could not be saved (${check.message}), so nothing was trained.`);
      return false;
    }
    const overwrite = 'Overwrite';
    const choice = await askModal(
      `${relative} exists and is not a weights file. Replace it with the trained weights?`,
      'NN Graph keeps a graph\'s trained weights in <name>.safetensors beside it. If you cancel, nothing is trained.',
      overwrite,
    );
    if (choice !== overwrite) return false;
    this.targets.set(graphUri.toString(), targetFor(graphUri, csvPath, true));
    return true;
  }

  /** Writes the weights; throws an Error whose message says why when the target is refused or the write fails. */
  async save(graphUri: vscode.Uri, bytes: Uint8Array): Promise<void> {
    if (graphUri.scheme !== 'file') {
      await vscode.workspace.fs.writeFile(weightsUriFor(graphUri), bytes);
      return;
    }
    const key = graphUri.toString();
    const target = this.targets.get(key) ?? targetFor(graphUri, undefined, false);
    safeWriteFile(target, bytes);
    // The file is a weights file now: a later run needs no confirmation, and one that finds another kind asks again.
    if (target.overwriteOtherKind) this.targets.set(key, { ...target, overwriteOtherKind: false });
  }
}

function targetFor(graphUri: vscode.Uri, csvPath: string | undefined, overwriteOtherKind: boolean): WriteTarget {
  const protectedFiles = [{ path: graphUri.fsPath, role: 'the graph file itself' }];
  if (csvPath !== undefined) protectedFiles.push({ path: csvPath, role: "the graph's CSV data file" });
  return { path: weightsUriFor(graphUri).fsPath, kind: safetensorsKind, protectedFiles, overwriteOtherKind };
}
