// What survives hiding and showing the editor (the webview is rebuilt each time): viewport, selection, toggles.
import { vscodeApi } from '../shared/vscodeApi';
import type { FitMode } from './viewportFit';

export interface EditorViewState {
  viewport?: { x: number; y: number; zoom: number };
  /** How the viewport was last fitted; absent once the person moved it themselves. */
  fitMode?: FitMode;
  selectedNodeIds?: string[];
  showStats?: boolean;
}

export function loadViewState(): EditorViewState {
  return vscodeApi<EditorViewState>().getState() ?? {};
}

export function saveViewState(change: Partial<EditorViewState>): void {
  vscodeApi<EditorViewState>().setState({ ...loadViewState(), ...change });
}
