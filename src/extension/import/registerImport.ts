// Everything model import contributes to VS Code: the Import Model… command and the page an .onnx file opens in.
import type * as vscode from 'vscode';
import { registerImportModelCommand } from './importModel';
import { registerOnnxModelPage } from './onnxModelPage';

export function registerImport(context: vscode.ExtensionContext): void {
  registerImportModelCommand(context);
  registerOnnxModelPage(context);
}
