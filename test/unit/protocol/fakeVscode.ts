// A stand-in for the `vscode` module, registered before the extension's providers are loaded, so that their real
// message handlers run in plain Node. It implements only what resolving a webview touches, and records every command
// and workspace edit, so a test can tell that a dropped message did nothing.
import Module from 'node:module';

export interface Recorded {
  commands: unknown[][];
  appliedEdits: number;
  /** Called with each WorkspaceEdit applied; its result is what applyEdit resolves to (true when unset). */
  onApplyEdit?: (edit: FakeWorkspaceEdit) => boolean | Promise<boolean>;
}
export const recorded: Recorded = { commands: [], appliedEdits: 0 };

class FakeUri {
  constructor(readonly scheme: string, readonly path: string) {}
  static file(path: string): FakeUri { return new FakeUri('file', path); }
  static parse(text: string): FakeUri { return new FakeUri('file', text.replace(/^file:\/\//, '')); }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri { return new FakeUri(base.scheme, [base.path, ...parts].join('/')); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}`; }
}

/** A range between two positions as the fake document's positionAt gives them (whatever that test chose). */
class FakeRange {
  constructor(readonly start: unknown, readonly end: unknown) {}
}

export interface FakeReplacement { uri: FakeUri; range: FakeRange; content: string }

/** Records its replacements, in the order they were added. */
class FakeWorkspaceEdit {
  readonly replacements: FakeReplacement[] = [];
  replace(uri: FakeUri, range: FakeRange, content: string): void { this.replacements.push({ uri, range, content }); }
}

const disposable = { dispose: (): void => undefined };
const event = (): typeof disposable => disposable;

const fakeVscode = {
  Uri: FakeUri,
  Range: FakeRange,
  WorkspaceEdit: FakeWorkspaceEdit,
  workspace: {
    onDidChangeTextDocument: event,
    getWorkspaceFolder: (): undefined => undefined,
    applyEdit: async (edit: FakeWorkspaceEdit): Promise<boolean> => {
      recorded.appliedEdits += 1;
      return recorded.onApplyEdit ? recorded.onApplyEdit(edit) : true;
    },
    isTrusted: true,
  },
  window: {},
  commands: {
    executeCommand: async (...args: unknown[]): Promise<undefined> => { recorded.commands.push(args); return undefined; },
  },
};

const fakeId = '/virtual/fake-vscode.js';
const fakeModule = new Module(fakeId);
fakeModule.exports = fakeVscode;
fakeModule.loaded = true;
require.cache[fakeId] = fakeModule;

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolveReal = internals._resolveFilename;
internals._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? fakeId : resolveReal.call(this, request, ...rest);
};

export { FakeRange, FakeUri, FakeWorkspaceEdit, fakeVscode };
