// Keeps the canvas's view sensible: the first view is readable, and when the canvas changes size (a panel opens,
// the window resizes) the view is fitted again as long as the person has not moved it since the last fit; after
// they have, the point they were looking at stays in the middle.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNodesInitialized, useReactFlow, useStore, type Edge } from '@xyflow/react';
import type { EditorNode } from './nodeData';
import { bottomReserve, fitViewport, keepCentre, type CanvasSize, type FitMode } from './viewportFit';
import { loadViewState, saveViewState } from './viewState';

export interface ViewportFit {
  /** Fits the graph now and keeps fitting it on resize until the person moves the view. */
  fit: (mode: FitMode, duration?: number) => void;
  /** The view was moved on purpose (a gesture, a zoom button, a reveal): stop refitting it. */
  release: () => void;
}

/** `minimapShown`: whether the person keeps the minimap on (it shows when the canvas has room for it). */
export function useViewportFit(minimapShown: boolean): ViewportFit {
  const flow = useReactFlow<EditorNode, Edge>();
  const nodesReady = useNodesInitialized();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  // A view restored from a previous visit that the person had moved keeps no fit mode.
  const fitMode = useRef<FitMode | undefined>(restoredFitMode());
  const fittedOnce = useRef(false);
  const lastSize = useRef<CanvasSize | undefined>(undefined);
  const minimapOn = useRef(minimapShown);
  minimapOn.current = minimapShown;

  const fit = useCallback((mode: FitMode, duration = 0) => {
    const nodes = flow.getNodes();
    const size = { width: lastSize.current?.width ?? 0, height: lastSize.current?.height ?? 0 };
    fitMode.current = mode;
    saveViewState({ fitMode: mode });
    if (nodes.length === 0 || size.width === 0 || size.height === 0) return;
    const bounds = flow.getNodesBounds(nodes);
    const input = nodes.filter((node) => node.data.nodeType === 'input').sort((a, b) => a.position.x - b.position.x)[0];
    const anchor = input
      ? { x: input.position.x + (input.measured?.width ?? 0) / 2, y: input.position.y + (input.measured?.height ?? 0) / 2 }
      : undefined;
    void flow.setViewport(fitViewport(bounds, size, mode, anchor, bottomReserve(size, minimapOn.current)), { duration });
  }, [flow]);

  const release = useCallback(() => {
    if (fitMode.current === undefined) return;
    fitMode.current = undefined;
    saveViewState({ fitMode: undefined });
  }, []);

  useEffect(() => {
    if (width === 0 || height === 0) return;
    const before = lastSize.current;
    lastSize.current = { width, height };
    if (!before || (before.width === width && before.height === height) || !fittedOnce.current) return;
    if (fitMode.current) fit(fitMode.current);
    else void flow.setViewport(keepCentre(flow.getViewport(), before, { width, height }));
  }, [width, height, fit, flow]);

  // Turning the minimap on or off changes the free band at the bottom: a fitted view is fitted again.
  useEffect(() => {
    if (fittedOnce.current && fitMode.current) fit(fitMode.current, 200);
  }, [minimapShown, fit]);

  useEffect(() => {
    if (!nodesReady || fittedOnce.current || width === 0 || height === 0) return;
    fittedOnce.current = true;
    if (fitMode.current) fit(fitMode.current);
  }, [nodesReady, width, height, fit]);

  return useMemo(() => ({ fit, release }), [fit, release]);
}

function restoredFitMode(): FitMode | undefined {
  const saved = loadViewState();
  if (!saved.viewport) return 'readable';
  return saved.fitMode;
}
