// Where the editor's PyTorch engine finds its Python: the settings nngraph.pythonPath and nngraph.pytorchProcesses
// (read where the extension host runs: on the remote side under VS Code Remote), checked before a run starts so that
// a missing Python or torch is said at once, with what to install, and nothing is started or written.
import * as vscode from 'vscode';
import { checkPythonTorch, PythonSetupError } from '../../node/pytorchRunner';
import { showError } from '../notify';

export interface PytorchChoice { python: string; processes: number }

const openSettingsAction = 'Open Settings';

/** Pythons that imported torch once this session (the check costs a second or two: torch is large). */
const checkedPythons = new Set<string>();

export function pytorchChoiceFor(uri: vscode.Uri): PytorchChoice {
  const settings = vscode.workspace.getConfiguration('nngraph', uri);
  const python = settings.get<string>('pythonPath', 'python3').trim();
  const processes = settings.get<number>('pytorchProcesses', 1);
  return {
    python: python === '' ? 'python3' : python,
    processes: Number.isSafeInteger(processes) && processes >= 1 ? processes : 1,
  };
}

/** The settings when their Python has torch; otherwise says what to install (with Open Settings) and returns undefined. */
export async function checkedPytorchChoice(uri: vscode.Uri, fileName: string): Promise<PytorchChoice | undefined> {
  const choice = pytorchChoiceFor(uri);
  const key = `${choice.python}\0${choice.processes > 1 ? 'distributed' : 'single'}`;
  if (checkedPythons.has(key)) return choice;
  try {
    await checkPythonTorch(choice.python, choice.processes, 'the setting nngraph.pythonPath');
  } catch (error) {
    if (!(error instanceof PythonSetupError)) throw error;
    void showError(`NN Graph: ${fileName} was not trained with PyTorch: ${error.message}.`, openSettingsAction).then((action) => {
      if (action === openSettingsAction) void vscode.commands.executeCommand('workbench.action.openSettings', 'nngraph.pythonPath');
    });
    return undefined;
  }
  checkedPythons.add(key);
  return choice;
}
