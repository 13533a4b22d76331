// The one gate for NN Graph's powers that act on the machine (training, and later Export, Import, Train with
// PyTorch, drawing data points): in Restricted Mode they refuse with a "Manage Workspace Trust" action. Trust is
// read at each call, so once it is granted the same command works without a reload.
import * as vscode from 'vscode';
import { showWarning } from './notify';

export const manageTrustAction = 'Manage Workspace Trust';

/**
 * True in a trusted workspace. Otherwise says `refusal` (e.g. "NN Graph trains only in a trusted workspace (training
 * reads data files and runs code on your machine).") with the action that opens the trust editor, and returns false.
 */
export async function requireWorkspaceTrust(refusal: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await showWarning(refusal, manageTrustAction);
  if (choice === manageTrustAction) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
