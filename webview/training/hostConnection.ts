// The training panel's messages to and from the host (validated on arrival by the protocol), and the small view
// state VS Code keeps for a hidden panel.
import {
  receiveHostToTrainingPanel, type HostToTrainingPanel, type TrainingPanelToHost,
} from '../../src/protocol/messages';
import { hostChannel, loadSavedState, saveState } from '../shared/vscodeApi';

export interface PanelViewState {
  logScale: boolean;
  /** Smoothing weight in [0, 0.99]. */
  smoothing: number;
  /** Runs drawn over the shown run, by id. */
  compareRunIds: number[];
  /** The run shown in full; undefined follows the newest. */
  selectedRunId?: number;
  /** Boundary plot: draw the validation rows too (as squares). */
  showValidation?: boolean;
  /** Boundary plot: hard class regions instead of confidence shading. */
  discreteBoundary?: boolean;
}

const host = hostChannel<TrainingPanelToHost, HostToTrainingPanel>(receiveHostToTrainingPanel, 'training panel');

export function postToHost(message: TrainingPanelToHost): void {
  host.post(message);
}

/** Subscribes to validated host messages; malformed or oversized ones are logged and dropped. */
export function onHostMessage(listener: (message: HostToTrainingPanel) => void): () => void {
  return host.listen(listener);
}

export const defaultViewState: PanelViewState = { logScale: false, smoothing: 0.6, compareRunIds: [] };

export function loadViewState(): PanelViewState {
  const state = loadSavedState();
  if (typeof state !== 'object' || state === null) return defaultViewState;
  const saved = state as Partial<PanelViewState>;
  return {
    logScale: saved.logScale === true,
    smoothing: typeof saved.smoothing === 'number' && saved.smoothing >= 0 && saved.smoothing < 1 ? saved.smoothing : defaultViewState.smoothing,
    compareRunIds: Array.isArray(saved.compareRunIds) ? saved.compareRunIds.filter((id) => typeof id === 'number') : [],
    selectedRunId: typeof saved.selectedRunId === 'number' ? saved.selectedRunId : undefined,
    showValidation: saved.showValidation === true,
    discreteBoundary: saved.discreteBoundary === true,
  };
}

export function saveViewState(state: PanelViewState): void {
  saveState(state);
}
