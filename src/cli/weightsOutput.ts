// Where `nngraph train --save-weights F` may write: checked before the data is loaded and again after (when the
// graph's CSV file is known), so a bad path is reported at once instead of after a long run; written atomically.
import { resolve } from 'node:path';
import { type NamedTensor, writeSafetensors } from '../core/index';
import { checkWriteTarget, safetensorsKind, safeWriteFile, SafeWriteError, type ProtectedFile, type WriteTarget } from '../node/safeWrite';
import { CliError } from './errors';

export function weightsTarget(graphFile: string, path: string, force: boolean, csvFile?: string): WriteTarget {
  const protectedFiles: ProtectedFile[] = [{ path: resolve(graphFile), role: 'the graph file itself' }];
  if (csvFile !== undefined) protectedFiles.push({ path: csvFile, role: "the graph's CSV data file" });
  return { path, kind: safetensorsKind, protectedFiles, overwriteOtherKind: force };
}

/** Throws a CliError (exit 1) that says why the file cannot be written and, where it helps, what to do. */
export function checkWeightsTarget(target: WriteTarget): void {
  const check = checkWriteTarget(target);
  if (check.ok) return;
  const hint = check.reason === 'other-kind' ? ' (pass --force to replace it)' : '';
  throw new CliError(`nngraph: --save-weights: ${check.message}${hint}; nothing was trained`);
}

export function saveWeightsFile(target: WriteTarget, weights: NamedTensor[], metadata: Record<string, string>): string {
  try {
    safeWriteFile(target, writeSafetensors(weights, metadata));
  } catch (error) {
    if (error instanceof SafeWriteError) throw new CliError(`nngraph: the weights were not saved: ${error.message}`);
    throw error;
  }
  return target.path;
}
