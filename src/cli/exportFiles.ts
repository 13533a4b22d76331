// What every `nngraph export` target shares about its files: which files it must never write (the graph, its CSV, the
// weights it reads), and writing a plan of files so that a refusal leaves the disk as it was (node/safeWrite.ts).
import { dirname, resolve } from 'node:path';
import type { DatasetRef } from '../graph/index';
import { checkWriteTarget, safeWriteFile, SafeWriteError, type ProtectedFile, type WriteTarget } from '../node/safeWrite';
import { CliError } from './errors';

export interface PlannedFile { target: WriteTarget; bytes: () => Uint8Array }

/** The graph, its CSV and the weights being read: an export writes none of them. */
export function protectedFilesOf(file: string, datasetRef: DatasetRef, weightsPath: string | undefined): ProtectedFile[] {
  const kept: ProtectedFile[] = [{ path: resolve(file), role: 'the graph file itself' }];
  if (datasetRef.kind === 'csv') kept.push({ path: resolve(dirname(resolve(file)), datasetRef.path), role: "the graph's CSV data file" });
  if (weightsPath !== undefined) kept.push({ path: resolve(weightsPath), role: 'the weights file being exported' });
  return kept;
}

/** Checks every file first, so a refusal leaves the disk as it was; then writes each atomically. `command` starts the messages. */
export function writeAll(planned: readonly PlannedFile[], command: 'export' | 'import' = 'export'): void {
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
