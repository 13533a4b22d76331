// The one handle on the webview's host: messages out, and the small view state VS Code keeps for a hidden panel.
// Every message in is validated against the protocol before the panel acts on it.
import { hostToTrainingPanelSchema, type HostToTrainingPanel, type TrainingPanelToHost } from '../../src/protocol/messages';

export interface PanelViewState {
  logScale: boolean;
  /** Smoothing weight in [0, 0.99]. */
  smoothing: number;
  /** Runs drawn over the shown run, by id. */
  compareRunIds: number[];
  /** The run shown in full; undefined follows the newest. */
  selectedRunId?: number;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function postToHost(message: TrainingPanelToHost): void {
  api.postMessage(message);
}

export const defaultViewState: PanelViewState = { logScale: false, smoothing: 0.6, compareRunIds: [] };

export function loadViewState(): PanelViewState {
  const state = api.getState();
  if (typeof state !== 'object' || state === null) return defaultViewState;
  const saved = state as Partial<PanelViewState>;
  return {
    logScale: saved.logScale === true,
    smoothing: typeof saved.smoothing === 'number' && saved.smoothing >= 0 && saved.smoothing < 1 ? saved.smoothing : defaultViewState.smoothing,
    compareRunIds: Array.isArray(saved.compareRunIds) ? saved.compareRunIds.filter((id) => typeof id === 'number') : [],
    selectedRunId: typeof saved.selectedRunId === 'number' ? saved.selectedRunId : undefined,
  };
}

export function saveViewState(state: PanelViewState): void {
  api.setState(state);
}

/** Subscribes to validated host messages; malformed ones are logged and dropped. */
export function onHostMessage(listener: (message: HostToTrainingPanel) => void): () => void {
  const handler = (event: MessageEvent<unknown>): void => {
    const parsed = hostToTrainingPanelSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('NN Graph training panel: dropped a malformed message', parsed.error.issues[0]);
      return;
    }
    listener(parsed.data);
  };
  window.addEventListener('message', handler);
  return () => window.removeEventListener('message', handler);
}
