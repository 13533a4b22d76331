// A file-system error in words a person knows, without Node's `ENOENT: …, open '…'` wrapping; shared by the command
// line's reads and the safe writes. `missing` is what ENOENT means where it is used (a file to read, a folder to write).
export function describeFsError(error: unknown, missing = 'no such file'): string {
  switch ((error as { code?: unknown }).code) {
    case 'ENOENT': return missing;
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'the file system is read-only';
    default: return error instanceof Error ? error.message : String(error);
  }
}
