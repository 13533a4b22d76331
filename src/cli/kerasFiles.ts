// A Keras / TF.js model read from disk: the model.json (or Keras JSON config) and the weight shards beside it.
// It lives with the command line because it joins a Node reader (src/node) with the graph layer's importer, which
// the lint rules keep src/node from importing; the editor's command can join the same two parts.
import { ModelImportError, readKerasModel, type ImportedModel } from '../graph/index';
import { ModelFileError, openModelFolder } from '../node/modelFolder';

/** The model at `path`; every problem (an unreadable file, a shard outside the folder, a bad model) is a ModelImportError. */
export function readKerasModelFile(path: string): ImportedModel {
  let files;
  try {
    files = openModelFolder(path);
  } catch (error) {
    if (error instanceof ModelFileError) throw new ModelImportError(error.message);
    throw error;
  }
  // The shard reader's ModelFileErrors reach the importer, which words them as "cannot read the weight shard …".
  return readKerasModel(files.text, path, files.readSideFile);
}
