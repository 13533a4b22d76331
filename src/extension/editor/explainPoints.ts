// Explain mode's point edits on the host: a click on the plot adds or removes one row of the graph's CSV data set.
// Writing needs a trusted workspace (issue 10's gate, with Manage Workspace Trust). A built-in set is first written
// as a new CSV beside the graph under a free name, and the input node is switched to it through the normal edit path
// (one step on the graph's own undo stack); the rows themselves are undone and redone here (pointEdits.ts).
import * as vscode from 'vscode';
import type { DatasetRef } from '../../graph/index';
import type { CsvFileRequest } from '../../core/index';
import type { PointEdit } from '../../protocol/explainMessages';
import { requireWorkspaceTrust } from '../workspaceTrust';
import { HOW_TO_RAISE_CSV_CAP, depthBelow, type CsvPlace } from './csvDataset';
import { csvPlaceOf } from './documentAnalysis';
import { applyIntentToDocument } from './documentSync';
import type { ExplainSession } from './explainHost';
import { canPlot } from './explainPlot';
import type { ExplainRunContext } from './explainRun';
import { PointEditHistory, writeDatasetCsv, type PointEditOutcome } from './pointEdits';
import { analyzeTextOnce } from './textAnalysis';

export const POINTS_NEED_TRUST = 'NN Graph adds and removes data points only in a trusted workspace (it writes a CSV file in your workspace).';

type CsvRef = Extract<DatasetRef, { kind: 'csv' }>;

/** One per editor panel, beside its ExplainSession, whose queue it shares so a point edit never crosses an explanation. */
export class PointEditSession {
  private readonly history = new PointEditHistory();

  constructor(private readonly document: vscode.TextDocument, private readonly explain: ExplainSession) {}

  async edit(edit: PointEdit): Promise<PointEditOutcome> {
    if (!vscode.workspace.isTrusted) {
      // The plot says why at once; the notification with Manage Workspace Trust stays until the person answers it.
      void requireWorkspaceTrust(POINTS_NEED_TRUST);
      return { ok: false, message: POINTS_NEED_TRUST };
    }
    return this.explain.exclusive(async () => {
      let outcome: PointEditOutcome;
      try {
        outcome = await this.editNow(edit);
      } catch (error) {
        outcome = { ok: false, message: `The point was not saved: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (outcome.ok) this.explain.forgetRun();
      return outcome;
    });
  }

  private async editNow(edit: PointEdit): Promise<PointEditOutcome> {
    if (edit.kind === 'undo') return this.history.undo();
    if (edit.kind === 'redo') return this.history.redo();
    const place = csvPlaceOf(this.document.uri);
    if (!place) return { ok: false, message: 'Points are saved as a CSV beside the graph, so the graph must be a file on this machine.' };
    const prepared = await this.explain.preparedRun();
    if (!prepared.ok) return prepared;
    const ref = analyzeTextOnce(this.document.getText(), depthBelow(place.root, place.graphFolder) ?? 0).dataset;
    if (!ref) return { ok: false, message: 'The graph names no data set.' };
    const { raw } = prepared.context.run.data;
    // Checked before a built-in set is written out, so a refused click leaves no file and no edit behind.
    if (!canPlot(prepared.context.run)) return { ok: false, message: 'Points are added and removed only for data of two features and classes.' };
    if (edit.kind === 'add' && edit.classIndex >= raw.classCount) return { ok: false, message: `The data set has classes 0 to ${raw.classCount - 1}; ${edit.classIndex} is not one.` };
    if (edit.kind === 'remove' && edit.row >= raw.sampleCount) return { ok: false, message: `The data set has ${raw.sampleCount} rows; row ${edit.row} is not one of them.` };
    const csv = ref.kind === 'csv' ? ref : await this.switchToCsv(place, ref.name, prepared.context);
    if (typeof csv === 'string') return { ok: false, message: csv };
    const request: CsvFileRequest = {
      root: place.root, graphFolder: place.graphFolder, csvPath: csv.path, maxMegabytes: place.maxMegabytes, howToRaise: HOW_TO_RAISE_CSV_CAP,
    };
    if (edit.kind === 'remove') return this.history.remove(request, edit.row);
    // The label as the file writes it: a text class by its name, a numbered class by its number.
    const label = ref.kind === 'csv' && raw.classNames ? raw.classNames[edit.classIndex] : String(edit.classIndex);
    return this.history.add(request, csv, { x: edit.x, y: edit.y, label });
  }

  /** Writes the built-in set's rows to a new CSV and points the input node at it; the CSV's reference, or why not. */
  private async switchToCsv(place: CsvPlace, builtinName: string, context: ExplainRunContext): Promise<CsvRef | string> {
    const graphName = this.document.uri.fsPath;
    const written = writeDatasetCsv(graphName, place.graphFolder, builtinName, context.run.data.raw);
    if (!written.ok) return written.message;
    const ref: CsvRef = { kind: 'csv', path: written.name, label: 'label' };
    const switched = await applyIntentToDocument(this.document, { kind: 'setDataset', nodeId: context.inputNodeId, dataset: { csv: written.name, label: 'label' } });
    if (!switched.ok) return `${written.name} was written, but the graph was not switched to it: ${switched.message}`;
    return ref;
  }
}
