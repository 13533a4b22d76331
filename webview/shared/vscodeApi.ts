// The one handle on the VS Code webview API, shared by the graph editor and the training panel: messages out typed by
// the page's outgoing union, messages in validated (size limits, then schema) before any handler sees them, and the
// small view state VS Code keeps for a hidden webview.
import type { Received } from '../../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called only once per page; every caller shares this instance. */
let api: VsCodeApi | undefined;

function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

/** Messages between one webview and the host: `Outgoing` what the page sends, `Incoming` what it accepts. */
export interface HostChannel<Outgoing, Incoming> {
  post(message: Outgoing): void;
  /** Calls `handle` with every accepted host message; returns the unsubscribe. */
  listen(handle: (message: Incoming) => void): () => void;
}

/** `receive` is the protocol's validator for this page's incoming messages; `pageName` names the page in the log. */
export function hostChannel<Outgoing, Incoming>(
  receive: (raw: unknown) => Received<Incoming>, pageName: string,
): HostChannel<Outgoing, Incoming> {
  return {
    post: (message) => vscodeApi().postMessage(message),
    listen: (handle) => {
      const listener = (event: MessageEvent<unknown>): void => {
        const received = receive(event.data);
        if (!received.ok) {
          console.warn(`NN Graph ${pageName}: dropped a message from the host: ${received.reason}`);
          return;
        }
        handle(received.message);
      };
      window.addEventListener('message', listener);
      return () => window.removeEventListener('message', listener);
    },
  };
}

/** The view state saved by this page before it was hidden, as VS Code kept it; each page checks its shape. */
export function loadSavedState(): unknown {
  return vscodeApi().getState();
}

export function saveState(state: object): void {
  vscodeApi().setState(state);
}
