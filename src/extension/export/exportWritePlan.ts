// Which of an export's files may be written as they are, which need the person's word, and which refuse the whole
// export, decided before anything is written (no vscode here, so it is tested in plain Node). The save dialog already
// asked about the file the person chose (VS Code's dialogs confirm an existing file, as its own Save As relies on).
// The files written beside a program under that name are replaced without a second question when they are of their
// own kind (a safetensors file for the starting weights, a CSV with the same header for the data set), as Train
// replaces a weights file; a file of another kind there needs one question, for all such files together. A file that
// already holds exactly the bytes the export would write is left as it is.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { ExportPlan, PlannedExportFile } from '../../graph/index';
import { checkWriteTarget, newFileKind, safetensorsKind, safeWriteFile, type WriteTarget } from '../../node/safeWrite';

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
    const replaceable = exists && (file.role === 'main' || sameKind(file, bytes));
    const step: ExportWriteStep = { file, target: { ...target, overwriteOtherKind: replaceable }, bytes, unchanged };
    if (exists && !replaceable && !unchanged) toConfirm.push(step);
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

/** An existing file beside the program that is what the export writes there: starting weights, or the same columns. */
function sameKind(file: PlannedExportFile, bytes: Uint8Array): boolean {
  switch (file.role) {
    case 'weights': {
      const head = readHead(file.path, safetensorsKind.headBytes);
      return head !== undefined && safetensorsKind.recognizes(head.bytes, head.size);
    }
    case 'data': {
      const lineEnd = bytes.indexOf(0x0a);
      const header = bytes.subarray(0, lineEnd < 0 ? bytes.length : lineEnd + 1);
      const head = readHead(file.path, header.length);
      return head !== undefined && Buffer.from(head.bytes).equals(header);
    }
    case 'main': return true;
    default: {
      const unknown: never = file.role;
      return unknown;
    }
  }
}

function readHead(path: string, length: number): { bytes: Uint8Array; size: number } | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = new Uint8Array(length);
      const read = readSync(fd, head, 0, length, 0);
      return { bytes: head.subarray(0, read), size: fstatSync(fd).size };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
