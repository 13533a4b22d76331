// Writing planned files from the command line (an export's plan, an import's graph and weights): every file checked
// first, so a refusal leaves the disk as it was, then each written atomically (node/safeWrite.ts); an existing file is
// replaced only with --force.
import type { ExportPlan } from '../graph/index';
import { checkWriteTarget, newFileKind, safeWriteFile, SafeWriteError, type WriteTarget } from '../node/safeWrite';
import { CliError } from './errors';

export interface PlannedFile { target: WriteTarget; bytes: () => Uint8Array }

/** Writes an export's plan; `force` lets it replace files of another kind. */
export function writeAll(plan: ExportPlan, force: boolean): void {
  writeFiles(plan.files.map((file) => ({
    target: { path: file.path, kind: newFileKind(file.description), protectedFiles: plan.protectedFiles, overwriteOtherKind: force },
    bytes: file.bytes,
  })), 'export');
}

/** Checks every file first, so a refusal leaves the disk as it was; then writes each atomically. `command` starts the messages. */
export function writeFiles(planned: readonly PlannedFile[], command: 'export' | 'import'): void {
  for (const { target } of planned) {
    const check = checkWriteTarget(target);
    if (!check.ok) {
      const hint = check.reason === 'other-kind' ? ' (pass --force to replace it)' : '';
      throw new CliError(`nngraph: ${command}: ${check.message}${hint}; nothing was written`);
    }
  }
  for (const { target, bytes } of planned) {
    try {
      safeWriteFile(target, bytes());
    } catch (error) {
      if (error instanceof SafeWriteError) throw new CliError(`nngraph: ${command}: ${error.message}`);
      throw error;
    }
  }
}
