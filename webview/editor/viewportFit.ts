// Where the canvas looks when it fits the graph. A wide graph fitted whole gets so small that its text cannot be read,
// so the first view keeps a readable zoom and starts where the data enters (the input node); the Fit View button
// still shows the whole graph.

export interface Rect { x: number; y: number; width: number; height: number }
export interface Viewport { x: number; y: number; zoom: number }
export interface CanvasSize { width: number; height: number }

/** 'readable': never below READABLE_ZOOM, anchored on the input; 'whole': everything, however small. */
export type FitMode = 'readable' | 'whole';

/** Node text (12px) stays at 9px or more on screen. */
export const READABLE_ZOOM = 0.75;
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 3;
/** A fit never magnifies: a small graph is shown at its natural size. */
const MAX_FIT_ZOOM = 1;
/** Screen pixels kept free around the fitted graph. */
const FIT_PADDING = 24;

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** One axis: centre the content when it fits, otherwise put the anchor mid-view without leaving a gap at either end. */
function offsetOnAxis(start: number, length: number, anchor: number, zoom: number, view: number): number {
  if (length * zoom <= view - 2 * FIT_PADDING) return view / 2 - (start + length / 2) * zoom;
  const firstInView = FIT_PADDING - start * zoom;
  const lastInView = view - FIT_PADDING - (start + length) * zoom;
  return clamp(view / 2 - anchor * zoom, lastInView, firstInView);
}

/**
 * The viewport that fits `bounds` (flow coordinates) into a canvas of `size` pixels. `anchor` (flow coordinates,
 * normally the input node's centre) is what stays in view when the graph does not fit at the readable zoom.
 */
export function fitViewport(bounds: Rect, size: CanvasSize, mode: FitMode, anchor?: { x: number; y: number }): Viewport {
  const room = { width: Math.max(size.width - 2 * FIT_PADDING, 1), height: Math.max(size.height - 2 * FIT_PADDING, 1) };
  const wholeZoom = Math.min(room.width / Math.max(bounds.width, 1), room.height / Math.max(bounds.height, 1));
  const zoom = clamp(wholeZoom, mode === 'readable' ? READABLE_ZOOM : MIN_ZOOM, MAX_FIT_ZOOM);
  const focus = anchor ?? { x: bounds.x, y: bounds.y };
  return {
    x: offsetOnAxis(bounds.x, bounds.width, focus.x, zoom, size.width),
    y: offsetOnAxis(bounds.y, bounds.height, focus.y, zoom, size.height),
    zoom,
  };
}

/** The viewport that keeps the flow point at the centre of `before` at the centre of `after` (same zoom). */
export function keepCentre(viewport: Viewport, before: CanvasSize, after: CanvasSize): Viewport {
  return {
    x: viewport.x + (after.width - before.width) / 2,
    y: viewport.y + (after.height - before.height) / 2,
    zoom: viewport.zoom,
  };
}
