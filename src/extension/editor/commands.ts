// The editor's commands: New Graph…, Open as Text, Open in Graph Editor, Auto Layout, Show Model Summary, and the
// internal one that shows a problem's node in the graph.
import * as vscode from 'vscode';
import { formatGraphText, formatSummaryTable, GRAPH_TEMPLATES } from '../../graph/index';
import { showError } from '../notify';
import { analyzeDocument } from './documentAnalysis';
import { applyIntentToDocument } from './documentSync';
import { activeSession, selectNodesInEditors, sessionsFor } from './editorSessions';
import { GRAPH_EDITOR_VIEW_TYPE } from './graphEditorProvider';

export const SUMMARY_SCHEME = 'nngraph-summary';
export const REVEAL_NODE_COMMAND = 'nngraph.revealNode';

/** The document a command is about: its argument, else the graph editor or the .nngraph text editor in front. */
function targetUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  const session = activeSession();
  if (session) return session.document.uri;
  const textDocument = vscode.window.activeTextEditor?.document;
  return textDocument?.uri.path.endsWith('.nngraph') ? textDocument.uri : undefined;
}

function needTarget(argument: unknown): vscode.Uri | undefined {
  const uri = targetUri(argument);
  if (!uri) void vscode.window.showInformationMessage('Open a .nngraph file first.');
  return uri;
}

async function askForNewFile(defaultName: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    return vscode.window.showSaveDialog({ filters: { 'NN Graph': ['nngraph'] }, title: 'New Graph' });
  }
  const name = await vscode.window.showInputBox({
    title: 'New Graph', prompt: `File name, relative to ${folder.name}`, value: defaultName,
    valueSelection: [0, defaultName.length - '.nngraph'.length],
    validateInput: async (value) => {
      const trimmed = value.trim();
      if (trimmed === '') return 'Enter a file name.';
      if (trimmed.split(/[\\/]/).includes('..') || /^[\\/]/.test(trimmed)) return 'Give a path inside the workspace.';
      const uri = vscode.Uri.joinPath(folder.uri, trimmed.endsWith('.nngraph') ? trimmed : `${trimmed}.nngraph`);
      try {
        await vscode.workspace.fs.stat(uri);
        return `${trimmed} already exists.`;
      } catch {
        return undefined;
      }
    },
  });
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  return vscode.Uri.joinPath(folder.uri, trimmed.endsWith('.nngraph') ? trimmed : `${trimmed}.nngraph`);
}

async function newGraph(): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    GRAPH_TEMPLATES.map((template) => ({ label: template.label, detail: template.detail, template })),
    { title: 'New Graph', placeHolder: 'Choose a starting point' },
  );
  if (!picked) return;
  const uri = await askForNewFile(picked.template.fileName);
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatGraphText(picked.template.build())));
  await vscode.commands.executeCommand('vscode.openWith', uri, GRAPH_EDITOR_VIEW_TYPE);
}

/** Read-only documents that hold a model summary, addressed by the graph's URI in the query. */
class SummaryProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const graphUri = vscode.Uri.parse(uri.query);
    const document = await vscode.workspace.openTextDocument(graphUri);
    const { analysis } = await analyzeDocument(document);
    const name = graphUri.path.split('/').pop() ?? 'graph';
    if (analysis.summary) return formatSummaryTable(analysis.summary, name) + '\n';
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    return `${name} has ${errors.length} error(s); fix them to see the summary:\n\n`
      + errors.map((d) => `  ${d.range.start.line + 1}:${d.range.start.column + 1}  ${d.code}  ${d.message}`).join('\n') + '\n';
  }

  refresh(uri: vscode.Uri): void { this.changed.fire(uri); }
}

export function registerEditorCommands(context: vscode.ExtensionContext): void {
  const summaries = new SummaryProvider();
  const openWith = (viewType: string) => async (argument?: unknown) => {
    const uri = needTarget(argument);
    if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, summaries),
    vscode.commands.registerCommand('nngraph.newGraph', newGraph),
    vscode.commands.registerCommand('nngraph.openAsText', openWith('default')),
    vscode.commands.registerCommand('nngraph.openInGraphEditor', openWith(GRAPH_EDITOR_VIEW_TYPE)),
    vscode.commands.registerCommand('nngraph.autoLayout', async (argument?: unknown) => {
      const uri = needTarget(argument);
      if (!uri) return;
      // A graph editor on screen lays the graph out itself: it knows how big each node is drawn (a node grows with its
      // problems), and it fits its view to the result. With none, the host lays it out at the default node size.
      const shown = sessionsFor(uri).filter((session) => session.panel.visible);
      const editor = shown.find((session) => session.panel.active) ?? shown[0];
      if (editor) {
        editor.post({ type: 'autoLayout' });
        return;
      }
      const result = await applyIntentToDocument(await vscode.workspace.openTextDocument(uri), { kind: 'autoLayout' });
      if (!result.ok) void showError(result.message);
    }),
    vscode.commands.registerCommand('nngraph.showModelSummary', async (argument?: unknown) => {
      const uri = needTarget(argument);
      if (!uri) return;
      const name = uri.path.split('/').pop() ?? 'graph';
      const summaryUri = vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${name} summary`, query: uri.toString() });
      summaries.refresh(summaryUri);
      const document = await vscode.workspace.openTextDocument(summaryUri);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    vscode.commands.registerCommand(REVEAL_NODE_COMMAND, async (uri: unknown, nodeId: unknown) => {
      if (!(uri instanceof vscode.Uri) || typeof nodeId !== 'string') return;
      await vscode.commands.executeCommand('vscode.openWith', uri, GRAPH_EDITOR_VIEW_TYPE);
      selectNodesInEditors(uri, [nodeId]);
    }),
  );
}
