// Where the canvas looks when it fits the graph. A wide graph fitted whole gets so small that its text cannot be read,
// so the first view keeps a readable zoom and starts where the data enters (the input node); the Fit View button
// still shows the whole graph.

export interface Rect { x: number; y: number; width: number; height: number }
export interface Viewport { x: number; y: number; zoom: number }
export interface CanvasSize { width: number; height: number }

/** 'readable': never below READABLE_ZOOM, anchored on the input; 'whole': everything, however small. */
export type FitMode = 'readable' | 'whole';

/** A node's body text (type, id, parameters) is drawn at this size in CSS pixels (editor.css, .graph-node). */
export const NODE_TEXT_PX = 12;
/** The smallest size node text may have on screen in a fitted view: read at arm's length without zooming in. */
export const MIN_READABLE_TEXT_PX = 11;
/** The first view never zooms out below this: node text stays at MIN_READABLE_TEXT_PX or more on screen. */
export const READABLE_ZOOM = MIN_READABLE_TEXT_PX / NODE_TEXT_PX;
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

/** The minimap's size in screen pixels, and the smallest canvas that shows it (below, it would sit on the nodes). */
export const MINIMAP_SIZE = { width: 120, height: 76 };
export const MINIMAP_MIN_CANVAS = { width: 420, height: 320 };
/** React Flow's margin around a panel (the minimap, the zoom buttons), and the zoom buttons' height in a row. */
const PANEL_MARGIN = 15;
const CONTROLS_HEIGHT = 27;

/** Whether a canvas of this size has room for the minimap, when the person has not hidden it. */
export function minimapFits(size: CanvasSize): boolean {
  return size.width >= MINIMAP_MIN_CANVAS.width && size.height >= MINIMAP_MIN_CANVAS.height;
}

/**
 * The band at the bottom of the canvas that a fit leaves free: the zoom buttons and the minimap sit there, and a
 * fitted graph must not lie under them. A canvas too small to spare it gets no band.
 */
export function bottomReserve(size: CanvasSize, minimapShown: boolean): number {
  if (!minimapFits(size)) return 0;
  return (minimapShown ? MINIMAP_SIZE.height : CONTROLS_HEIGHT) + PANEL_MARGIN;
}

/**
 * The viewport that fits `bounds` (flow coordinates) into a canvas of `size` pixels, above a free band of
 * `reserveBottom` pixels. `anchor` (flow coordinates, normally the input node's centre) is what stays in view when the
 * graph does not fit at the readable zoom.
 */
export function fitViewport(bounds: Rect, canvas: CanvasSize, mode: FitMode, anchor?: { x: number; y: number }, reserveBottom = 0): Viewport {
  const size = { width: canvas.width, height: Math.max(canvas.height - reserveBottom, 1) };
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

/** Whether any of `rects` (flow coordinates) shows in a canvas of `size` pixels under `viewport`. */
export function anyInView(rects: readonly Rect[], viewport: Viewport, size: CanvasSize): boolean {
  return rects.some((rect) => {
    const left = rect.x * viewport.zoom + viewport.x;
    const top = rect.y * viewport.zoom + viewport.y;
    return left < size.width && left + rect.width * viewport.zoom > 0 && top < size.height && top + rect.height * viewport.zoom > 0;
  });
}
