// What opening an .onnx file shows: VS Code has no editor for a binary model (it offers only "open anyway" as text),
// so NN Graph registers a read-only editor for *.onnx whose page says what the model would become (its feature
// width and layers, or why it cannot be imported) and offers "Import as Graph…", which runs NN Graph: Import Model…
// on that file. The page has no script; its one link may run that one command and nothing else.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ModelImportError, type ImportedLayer, type ImportedModel } from '../../graph/index';
import { buildStaticPageHtml, staticPageOptions, type StaticPage } from '../editor/webviewHtml';
import { IMPORT_MODEL_COMMAND } from './importModel';
import { readModelFile } from './readModelFile';

export const ONNX_MODEL_VIEW_TYPE = 'nngraph.onnxModel';

function layerText(layer: ImportedLayer): string {
  switch (layer.kind) {
    case 'dense': return `dense(${layer.units}${layer.bias === null ? ', no bias' : ''})`;
    case 'activation': return layer.fn;
    case 'dropout': return `dropout(${layer.rate})`;
    case 'add': return 'add';
    case 'concat': return 'concat';
  }
}

function importablePage(fileName: string, model: ImportedModel, uri: vscode.Uri): StaticPage {
  const scaling = model.normalization ? ' It scales its input first (a Sub and a Div), which the import folds into the first dense layers.' : '';
  return {
    title: fileName,
    paragraphs: [
      `An ONNX model that NN Graph can import as a graph: ${model.featureWidth} features in, ${model.steps.length} layers.${scaling}`,
      'Import as Graph writes a .nngraph file and its weights (.safetensors) where you choose, and opens it in the graph editor, where you can choose a dataset, edit and train it.',
    ],
    items: model.steps.map((step) => `${step.sourceName}: ${layerText(step.layer)}`),
    action: { label: 'Import as Graph…', command: IMPORT_MODEL_COMMAND, args: [uri.toString()] },
  };
}

async function pageFor(uri: vscode.Uri): Promise<StaticPage> {
  const fileName = basename(uri.fsPath);
  if (!vscode.workspace.isTrusted) {
    return {
      title: fileName,
      paragraphs: ['An ONNX model. NN Graph reads and imports models only in a trusted workspace; Import as Graph asks you to manage Workspace Trust.'],
      action: { label: 'Import as Graph…', command: IMPORT_MODEL_COMMAND, args: [uri.toString()] },
    };
  }
  try {
    return importablePage(fileName, await readModelFile(uri), uri);
  } catch (error) {
    if (!(error instanceof ModelImportError)) throw error;
    return { title: fileName, paragraphs: ['NN Graph cannot import this model as a graph:', error.message] };
  }
}

class OnnxModelPageProvider implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const page = await pageFor(document.uri);
    panel.webview.options = staticPageOptions(page);
    panel.webview.html = buildStaticPageHtml(page);
  }
}

export function registerOnnxModelPage(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.window.registerCustomEditorProvider(ONNX_MODEL_VIEW_TYPE, new OnnxModelPageProvider()));
}
