// Reading a model file and the files it names beside it (a TF.js model.json and its .bin weight shards), for the
// importers: a named file is found relative to the model's folder and refused if it would leave that folder, so a
// downloaded model.json cannot make the importer read ~/.ssh/id_rsa as a "shard". Pure reading; no model format here.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { describeFsError } from './fsErrors';

/** A model.json of this size is far past any real one (a large model's is a few hundred kilobytes). */
export const MAX_MODEL_TEXT_BYTES = 64 * 1024 * 1024;
/** Node cannot read a larger file into one buffer. */
export const MAX_SIDE_FILE_BYTES = 2 ** 31 - 1;

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

export interface ModelFolderFiles {
  /** The model file's text. */
  text: string;
  /** A file the model names, by its path relative to the model's folder; undefined when there is no such file. */
  readSideFile: (path: string) => Uint8Array | undefined;
}

export function openModelFolder(modelPath: string): ModelFolderFiles {
  const text = readModelText(modelPath);
  const folder = dirname(resolve(modelPath));
  return { text, readSideFile: (path) => readSideFile(folder, path) };
}

function readModelText(modelPath: string): string {
  try {
    const size = statSync(modelPath).size;
    if (size > MAX_MODEL_TEXT_BYTES) throw new ModelFileError(`${modelPath}: ${size} bytes, more than the ${MAX_MODEL_TEXT_BYTES} a model file may hold`);
    return readFileSync(modelPath, 'utf8');
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`cannot read ${modelPath}: ${describeFsError(error)}`);
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** A file the model names, by its path relative to the model's folder (never outside it, even through a link); undefined when absent. */
export function readSideFile(folder: string, path: string): Uint8Array | undefined {
  const leaves = `the file ${JSON.stringify(path)} lies outside the model's folder, which an import does not read`;
  if (isAbsolute(path) || path.includes('\0')) throw new ModelFileError(leaves);
  const full = resolve(folder, path);
  if (!inside(folder, full)) throw new ModelFileError(leaves);
  try {
    // A symbolic link inside the folder may still point out of it: the real paths must agree too.
    if (!inside(realpathSync(folder), realpathSync(full))) throw new ModelFileError(leaves);
    const size = statSync(full).size;
    if (size > MAX_SIDE_FILE_BYTES) throw new ModelFileError(`the file ${JSON.stringify(path)} is ${size} bytes, more than one file can be read`);
    const bytes = readFileSync(full);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new ModelFileError(describeFsError(error));
  }
}
