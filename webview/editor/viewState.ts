// What survives hiding and showing the editor (the webview is rebuilt each time): viewport, selection, toggles.
import { loadSavedState, saveState } from '../shared/vscodeApi';
import type { FitMode } from './viewportFit';

export interface EditorViewState {
  viewport?: { x: number; y: number; zoom: number };
  /** How the viewport was last fitted; absent once the person moved it themselves. */
  fitMode?: FitMode;
  selectedNodeIds?: string[];
  showStats?: boolean;
  /** The person turned the minimap off. */
  hideMinimap?: boolean;
}

export function loadViewState(): EditorViewState {
  // Only this page saves this state, so an object here is one it wrote.
  const saved = loadSavedState();
  return typeof saved === 'object' && saved !== null ? saved as EditorViewState : {};
}

export function saveViewState(change: Partial<EditorViewState>): void {
  saveState({ ...loadViewState(), ...change });
}
