// Writing an export's plan from the editor (the decisions are in ./exportWritePlan): every file checked before any is
// written, atomically, and no existing file replaced without the person being asked once: by the save dialog for the
// file they chose, by one modal "Replace" question for files of another kind where the export writes beside it.
import { basename } from 'node:path';
import type { ExportPlan, PlannedExportFile } from '../../graph/index';
import { askModal } from '../notify';
import { commitExportWrite, prepareExportWrite } from './exportWritePlan';

export const replaceAction = 'Replace';

export type WriteOutcome =
  | { kind: 'written'; written: readonly PlannedExportFile[] }
  | { kind: 'refused'; message: string }
  | { kind: 'cancelled' };

export async function writeExportPlan(plan: ExportPlan): Promise<WriteOutcome> {
  const prepared = prepareExportWrite(plan);
  if (!prepared.ok) return { kind: 'refused', message: prepared.message };
  const { steps, toConfirm } = prepared;
  if (toConfirm.length > 0) {
    const names = toConfirm.map((step) => basename(step.file.path));
    const one = names.length === 1;
    const choice = await askModal(
      `${names.join(' and ')} already exist${one ? 's' : ''}. Replace ${one ? 'it' : 'them'}?`,
      `The export writes ${toConfirm.map((step) => step.file.description).join(' and ')} beside ${basename(plan.main.path)}. If you cancel, nothing is written.`,
      replaceAction,
    );
    if (choice !== replaceAction) return { kind: 'cancelled' };
  }
  commitExportWrite(steps, toConfirm);
  return { kind: 'written', written: steps.map((step) => step.file) };
}
