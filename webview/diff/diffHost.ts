// Messages between the graph diff webview and the host, through the shared webview channel (validated on arrival).
import { receiveHostToDiff, type DiffToHostMessage, type HostToDiffMessage } from '../../src/protocol/diffMessages';
import { hostChannel, loadSavedState, saveState } from '../shared/vscodeApi';

export interface DiffViewState { showPositions: boolean }

const channel = hostChannel<DiffToHostMessage, HostToDiffMessage>(receiveHostToDiff, 'graph diff');

export function sendReady(): void {
  channel.post({ type: 'ready' });
}

export function loadViewState(): DiffViewState {
  const saved = loadSavedState() as Partial<DiffViewState> | undefined;
  return { showPositions: saved?.showPositions === true };
}

export function saveViewState(state: DiffViewState): void {
  saveState(state);
}

/** Calls `handle` with every valid host message; malformed ones are dropped and reported on the console. */
export function listenToHost(handle: (message: HostToDiffMessage) => void): () => void {
  return channel.listen(handle);
}
