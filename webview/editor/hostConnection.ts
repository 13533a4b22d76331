// Messages between the graph editor webview and the host: outgoing intents, incoming messages validated on arrival.
import { hostToEditorSchema, type EditorCommand, type HostToEditorMessage } from '../../src/protocol/messages';
import type { EditIntent } from '../../src/graph/edits';
import { vscodeApi } from '../shared/vscodeApi';

export function sendIntent(intent: EditIntent): void {
  vscodeApi().postMessage({ type: 'edit', intent });
}

export function runCommand(command: EditorCommand): void {
  vscodeApi().postMessage({ type: 'runCommand', command });
}

export function pickCsv(nodeId: string): void {
  vscodeApi().postMessage({ type: 'pickCsv', nodeId });
}

export function sendReady(): void {
  vscodeApi().postMessage({ type: 'ready' });
}

/** Calls `handle` with every valid host message; malformed ones are dropped and reported on the console. */
export function listenToHost(handle: (message: HostToEditorMessage) => void): () => void {
  const listener = (event: MessageEvent<unknown>): void => {
    const parsed = hostToEditorSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('NN Graph: dropped a malformed message from the host', parsed.error.message);
      return;
    }
    handle(parsed.data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
