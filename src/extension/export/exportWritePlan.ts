// Which of an export's files may be written as they are, which need the person's word, and which refuse the whole
// export, decided before anything is written (no vscode here, so it is tested in plain Node). The save dialog already
// asked about the file the person chose (VS Code's dialogs confirm an existing file, as its own Save As relies on);
// the files written beside a program (the data set, the starting weights) need one question together, unless they
// already hold exactly the bytes the export would write (then nothing is replaced and nobody is asked).
import { readFileSync } from 'node:fs';
import type { ExportPlan, PlannedExportFile } from '../../graph/index';
import { checkWriteTarget, newFileKind, safeWriteFile, type WriteTarget } from '../../node/safeWrite';

export interface ExportWriteStep { file: PlannedExportFile; target: WriteTarget; bytes: Uint8Array; unchanged: boolean }

export type ExportWritePlan =
  | { ok: true; steps: ExportWriteStep[]; toConfirm: ExportWriteStep[] }
  | { ok: false; message: string };

/** Checks every file (never the graph, its CSV or the weights being read) and produces its bytes; writes nothing. */
export function prepareExportWrite(plan: ExportPlan): ExportWritePlan {
  const steps: ExportWriteStep[] = [];
  const toConfirm: ExportWriteStep[] = [];
  for (const file of plan.files) {
    const target: WriteTarget = { path: file.path, kind: newFileKind(file.description), protectedFiles: plan.protectedFiles, overwriteOtherKind: false };
    const check = checkWriteTarget(target);
    if (!check.ok && check.reason !== 'other-kind') return { ok: false, message: check.message };
    const exists = !check.ok;
    const bytes = file.bytes();
    const unchanged = exists && holdsBytes(file.path, bytes);
    const step: ExportWriteStep = { file, target: { ...target, overwriteOtherKind: exists && file.role === 'main' }, bytes, unchanged };
    if (exists && file.role !== 'main' && !unchanged) toConfirm.push(step);
    steps.push(step);
  }
  return { ok: true, steps, toConfirm };
}

/** Writes every step atomically, the confirmed ones over what is there; a file that holds these bytes is left alone. */
export function commitExportWrite(steps: readonly ExportWriteStep[], confirmed: readonly ExportWriteStep[]): void {
  for (const step of steps) {
    if (step.unchanged) continue;
    const target = confirmed.includes(step) ? { ...step.target, overwriteOtherKind: true } : step.target;
    safeWriteFile(target, step.bytes);
  }
}

function holdsBytes(path: string, bytes: Uint8Array): boolean {
  try {
    const existing = readFileSync(path);
    return existing.length === bytes.length && existing.equals(bytes);
  } catch {
    return false;
  }
}
