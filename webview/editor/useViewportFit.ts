// Keeps the canvas's view sensible: the first view is readable, and when the canvas changes size (a panel opens,
// the window resizes) the view is fitted again as long as the person has not moved it since the last fit; after
// they have, the point they were looking at stays in the middle. Whatever happened before, a canvas that shows no
// node at all after a resize or a reload is fitted again: the graph is never lost off-screen.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNodesInitialized, useReactFlow, useStore, type Edge } from '@xyflow/react';
import type { NodeType } from '../../src/graph/index';
import type { EditorNode } from './nodeData';
import { anyInView, bottomReserve, fitViewport, keepCentre, type CanvasSize, type FitMode, type Rect } from './viewportFit';
import { loadViewState, saveViewState } from './viewState';

/** A node's rectangle in flow coordinates, and its type (the input node anchors a view that cannot show it all). */
export interface NodeRect extends Rect { nodeType: NodeType }

export interface ViewportFit {
  /**
   * Fits the graph now and keeps fitting it on resize until the person moves the view. `rects`: where the nodes are
   * about to be (an Auto Layout whose document has not come back yet); by default where they are drawn now.
   */
  fit: (mode: FitMode, duration?: number, rects?: readonly NodeRect[]) => void;
  /** The view was moved on purpose (a gesture, a zoom button, a reveal): stop refitting it. */
  release: () => void;
}

function rectsOf(nodes: readonly EditorNode[]): NodeRect[] {
  return nodes.map((node) => ({
    x: node.position.x, y: node.position.y, width: node.measured?.width ?? 0, height: node.measured?.height ?? 0,
    nodeType: node.data.nodeType,
  }));
}

function boundsOf(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
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

  const fit = useCallback((mode: FitMode, duration = 0, rects?: readonly NodeRect[]) => {
    const placed = rects ?? rectsOf(flow.getNodes());
    const size = { width: lastSize.current?.width ?? 0, height: lastSize.current?.height ?? 0 };
    fitMode.current = mode;
    saveViewState({ fitMode: mode });
    if (placed.length === 0 || size.width === 0 || size.height === 0) return;
    const input = placed.filter((rect) => rect.nodeType === 'input').sort((a, b) => a.x - b.x)[0];
    const anchor = input ? { x: input.x + input.width / 2, y: input.y + input.height / 2 } : undefined;
    void flow.setViewport(fitViewport(boundsOf(placed), size, mode, anchor, bottomReserve(size, minimapOn.current)), { duration });
  }, [flow]);

  const release = useCallback(() => {
    if (fitMode.current === undefined) return;
    fitMode.current = undefined;
    saveViewState({ fitMode: undefined });
  }, []);

  /** A moved view that shows no node any more (restored from an older canvas, or shifted by a resize) is refitted. */
  const refitIfLost = useCallback(() => {
    const size = lastSize.current;
    const rects = rectsOf(flow.getNodes());
    if (!size || rects.length === 0 || anyInView(rects, flow.getViewport(), size)) return;
    fit('readable');
  }, [flow, fit]);

  useEffect(() => {
    if (width === 0 || height === 0) return;
    const before = lastSize.current;
    lastSize.current = { width, height };
    if (!before || (before.width === width && before.height === height) || !fittedOnce.current) return;
    if (fitMode.current) fit(fitMode.current);
    else {
      void flow.setViewport(keepCentre(flow.getViewport(), before, { width, height }));
      refitIfLost();
    }
  }, [width, height, fit, flow, refitIfLost]);

  // Turning the minimap on or off changes the free band at the bottom: a fitted view is fitted again.
  useEffect(() => {
    if (fittedOnce.current && fitMode.current) fit(fitMode.current, 200);
  }, [minimapShown, fit]);

  useEffect(() => {
    if (!nodesReady || fittedOnce.current || width === 0 || height === 0) return;
    fittedOnce.current = true;
    if (fitMode.current) fit(fitMode.current);
    else refitIfLost();
  }, [nodesReady, width, height, fit, refitIfLost]);

  return useMemo(() => ({ fit, release }), [fit, release]);
}

function restoredFitMode(): FitMode | undefined {
  const saved = loadViewState();
  if (!saved.viewport) return 'readable';
  return saved.fitMode;
}
