// Finding a data point on the boundary plot: under the mouse, and from one point to the next with the keyboard
// (← → along the x axis, ↑ ↓ to the nearest point above or below, Home / End). Pure, over pixel positions.
import type { BoundaryPointsView, BoundaryView } from '../../src/protocol/messages';

export interface PointPixels { x: Float64Array; y: Float64Array }

/** Each point's position on a square canvas of `sizePx`, y growing downwards (yMax at the top). */
export function pointPixels(points: BoundaryPointsView, boundary: BoundaryView, sizePx: number): PointPixels {
  const { xMin, xMax, yMin, yMax } = boundary;
  const count = points.x.length;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    x[i] = ((points.x[i] - xMin) / (xMax - xMin)) * sizePx;
    y[i] = sizePx - ((points.y[i] - yMin) / (yMax - yMin)) * sizePx;
  }
  return { x, y };
}

/** The visible point nearest to (atX, atY) within `radiusPx`, or −1. */
export function nearestPoint(pixels: PointPixels, visible: (index: number) => boolean, atX: number, atY: number, radiusPx: number): number {
  let best = -1;
  let bestDistance = radiusPx * radiusPx;
  for (let i = 0; i < pixels.x.length; i++) {
    if (!visible(i)) continue;
    const dx = pixels.x[i] - atX;
    const dy = pixels.y[i] - atY;
    const distance = dx * dx + dy * dy;
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

export type NavigationKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export function isNavigationKey(key: string): key is NavigationKey {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown' || key === 'Home' || key === 'End';
}

/**
 * The point a key moves to from `from` (−1: none yet, which starts at the leftmost point). At an end it stays put.
 * Returns −1 only when no point is visible.
 */
export function nextPoint(pixels: PointPixels, visible: (index: number) => boolean, from: number, key: NavigationKey): number {
  const order: number[] = [];
  for (let i = 0; i < pixels.x.length; i++) if (visible(i)) order.push(i);
  if (order.length === 0) return -1;
  order.sort((a, b) => pixels.x[a] - pixels.x[b] || pixels.y[a] - pixels.y[b] || a - b);
  const at = order.indexOf(from);
  if (at < 0 || key === 'Home') return order[0];
  if (key === 'End') return order[order.length - 1];
  if (key === 'ArrowLeft') return order[Math.max(0, at - 1)];
  if (key === 'ArrowRight') return order[Math.min(order.length - 1, at + 1)];
  // Up or down: the nearest point strictly above (or below) on screen.
  const upwards = key === 'ArrowUp';
  let best = from;
  let bestDistance = Infinity;
  for (const i of order) {
    const dy = pixels.y[i] - pixels.y[from];
    if (upwards ? dy >= 0 : dy <= 0) continue;
    const dx = pixels.x[i] - pixels.x[from];
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}
