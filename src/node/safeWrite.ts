// Every file NN Graph writes for a person (weights now; exports, imports and drawn CSVs later) goes through here, so
// three promises hold everywhere: a write is atomic (a temporary file in the same folder, flushed to disk, then
// renamed over the target, so a crash or a full disk never leaves half a file); it never lands on the graph or its
// data files; and it never replaces an existing file of another kind unless the person said so (--force on the
// command line, a confirmation in the editor). Plain Node, no vscode: the command line and the extension share it.
import { describeFsError } from './fsErrors';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** What a written file holds, and how to recognize one already on disk from its first bytes. */
export interface FileKind {
  /** In messages: "a safetensors weights file". */
  description: string;
  /** How many leading bytes `recognizes` needs. */
  headBytes: number;
  recognizes(head: Uint8Array, size: number): boolean;
  /** Exports and other new files: any existing file, whatever it holds, is replaced only when the person said so. */
  replacesOnlyWhenForced?: boolean;
}

/** A kind that recognizes no existing file, so nothing on disk is ever replaced without --force or a confirmation. */
export function newFileKind(description: string): FileKind {
  return { description, headBytes: 0, recognizes: () => false, replacesOnlyWhenForced: true };
}

/** safetensors: an 8-byte little-endian header length, then a JSON header that starts with '{'. */
export const safetensorsKind: FileKind = {
  description: 'a safetensors weights file',
  headBytes: 9,
  recognizes: (head, size) => {
    if (size < 10 || head.length < 9) return false;
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const headerLength = Number(view.getBigUint64(0, true));
    return headerLength >= 2 && headerLength <= size - 8 && head[8] === 0x7b;
  },
};

export interface WriteTarget {
  /** The file to write, as the person named it (relative paths are taken from the current folder). */
  path: string;
  kind: FileKind;
  /** Files this write must never replace (the graph, its data files), compared after following links. */
  protectedFiles: readonly ProtectedFile[];
  /** Replace an existing file of another kind (the person confirmed, or passed --force). */
  overwriteOtherKind: boolean;
}

/** A file a write must leave alone, and what it is to the person ("the graph file", "the graph's CSV data"). */
export interface ProtectedFile { path: string; role: string }

export type WriteRefusalReason = 'protected' | 'other-kind' | 'folder-missing' | 'not-a-file';

export type WriteCheck =
  | { ok: true; exists: boolean }
  | { ok: false; reason: WriteRefusalReason; message: string };

export class SafeWriteError extends Error {
  constructor(message: string, readonly reason: WriteRefusalReason | 'io') {
    super(message);
    this.name = 'SafeWriteError';
  }
}

/** Identity of a file on disk (device and inode), so a link or a second name for the same file is caught too. */
function identity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/** The path with every link in its folder resolved (the file itself may not exist yet). */
function realTargetPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function readHead(path: string, bytes: number): Uint8Array {
  const head = new Uint8Array(bytes);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `target` may be written, asked before any long work (training) starts so a bad path is reported at once.
 * Never throws: every refusal comes back with a sentence that names the file and what to do.
 */
export function checkWriteTarget(target: WriteTarget): WriteCheck {
  const absolute = resolve(target.path);
  const real = realTargetPath(target.path);
  const targetIdentity = identity(absolute);
  for (const kept of target.protectedFiles) {
    const keptIdentity = identity(kept.path);
    if (real === realTargetPath(kept.path) || (targetIdentity !== undefined && targetIdentity === keptIdentity)) {
      return { ok: false, reason: 'protected', message: `'${target.path}' is ${kept.role}; it must not be replaced by ${target.kind.description}; choose another file` };
    }
  }
  let folderIsDirectory = false;
  try {
    folderIsDirectory = statSync(dirname(absolute)).isDirectory();
  } catch {
    folderIsDirectory = false;
  }
  if (!folderIsDirectory) {
    return { ok: false, reason: 'folder-missing', message: `cannot write '${target.path}': the folder ${dirname(absolute)} does not exist` };
  }
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    return { ok: true, exists: false };
  }
  if (!stats.isFile()) return { ok: false, reason: 'not-a-file', message: `cannot write '${target.path}': it is a folder or a device, not a file` };
  if (target.overwriteOtherKind) return { ok: true, exists: true };
  let head: Uint8Array;
  try {
    head = readHead(absolute, target.kind.headBytes);
  } catch {
    head = new Uint8Array(0);
  }
  if (target.kind.replacesOnlyWhenForced === true) {
    return { ok: false, reason: 'other-kind', message: `'${target.path}' already exists; it was left as it is` };
  }
  if (!target.kind.recognizes(head, stats.size)) {
    return { ok: false, reason: 'other-kind', message: `'${target.path}' already exists and is not ${target.kind.description}; it was left as it is` };
  }
  return { ok: true, exists: true };
}

/** Checks the target again (the disk may have changed during a run), then writes it atomically. */
export function safeWriteFile(target: WriteTarget, bytes: Uint8Array): void {
  const check = checkWriteTarget(target);
  if (!check.ok) throw new SafeWriteError(check.message, check.reason);
  writeFileAtomic(target.path, bytes);
}

/**
 * Writes through a temporary file in the target's own folder (a rename is atomic only within one file system),
 * flushed before the rename and the folder flushed after, so after a crash either the old or the new file is there.
 * When the target is a link, the file it points to is replaced, not the link.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const finalPath = realTargetPath(path);
  const temporary = join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', existingMode(finalPath));
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, finalPath);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw new SafeWriteError(`cannot write '${path}': ${describeWriteError(error)}`, 'io');
  }
  syncFolder(dirname(finalPath));
}

/** A replaced file keeps its permissions. */
function existingMode(path: string): number {
  try {
    const fd = openSync(path, 'r');
    try {
      return fstatSync(fd).mode & 0o777;
    } finally {
      closeSync(fd);
    }
  } catch {
    return 0o666;
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some systems (Windows) cannot open a folder; the rename is still atomic there.
  }
}

function describeWriteError(error: unknown): string {
  return describeFsError(error, 'the folder does not exist');
}
