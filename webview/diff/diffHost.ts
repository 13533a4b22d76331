// Messages between the graph diff webview and the host, validated on arrival.
import { hostToDiffSchema, type HostToDiffMessage } from '../../src/protocol/diffMessages';
import { vscodeApi } from '../shared/vscodeApi';

export interface DiffViewState { showPositions: boolean }

export function sendReady(): void {
  vscodeApi<DiffViewState>().postMessage({ type: 'ready' });
}

export function loadViewState(): DiffViewState {
  return vscodeApi<DiffViewState>().getState() ?? { showPositions: false };
}

export function saveViewState(state: DiffViewState): void {
  vscodeApi<DiffViewState>().setState(state);
}

/** Calls `handle` with every valid host message; malformed ones are dropped and reported on the console. */
export function listenToHost(handle: (message: HostToDiffMessage) => void): () => void {
  const listener = (event: MessageEvent<unknown>): void => {
    const parsed = hostToDiffSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('NN Graph: dropped a malformed message from the host', parsed.error.message);
      return;
    }
    handle(parsed.data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
