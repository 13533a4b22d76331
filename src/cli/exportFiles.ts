// Writing an export's plan from the command line: every file checked first, so a refusal leaves the disk as it was,
// then each written atomically (node/safeWrite.ts); an existing file is replaced only with --force.
import type { ExportPlan } from '../graph/index';
import { checkWriteTarget, newFileKind, safeWriteFile, SafeWriteError, type WriteTarget } from '../node/safeWrite';
import { CliError } from './errors';

export function writeAll(plan: ExportPlan, force: boolean): void {
  const targets = plan.files.map((file): [WriteTarget, () => Uint8Array] => [
    { path: file.path, kind: newFileKind(file.description), protectedFiles: plan.protectedFiles, overwriteOtherKind: force },
    file.bytes,
  ]);
  for (const [target] of targets) {
    const check = checkWriteTarget(target);
    if (!check.ok) {
      const hint = check.reason === 'other-kind' ? ' (pass --force to replace it)' : '';
      throw new CliError(`nngraph: export: ${check.message}${hint}; nothing was written`);
    }
  }
  for (const [target, bytes] of targets) {
    try {
      safeWriteFile(target, bytes());
    } catch (error) {
      if (error instanceof SafeWriteError) throw new CliError(`nngraph: export: ${error.message}`);
      throw error;
    }
  }
}
