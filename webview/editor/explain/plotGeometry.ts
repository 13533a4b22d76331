// The explain plot's geometry, free of the DOM so unit tests check it: canvas pixels ↔ raw feature units, and which
// point a click lands on.
import type { ExplainPlotView } from '../../../src/protocol/explainMessages';

/** The canvas's own pixels; CSS scales it to the inspector's width. */
export const PLOT_PIXELS = 480;
/** A click this close to a point (in canvas pixels) is a click on it. */
const HIT_RADIUS = 12;

/** Canvas pixels ↔ raw feature units; canvas y grows down, the feature y up. */
export function toCanvas(plot: ExplainPlotView, x: number, y: number): [number, number] {
  return [((x - plot.xMin) / (plot.xMax - plot.xMin)) * PLOT_PIXELS, PLOT_PIXELS - ((y - plot.yMin) / (plot.yMax - plot.yMin)) * PLOT_PIXELS];
}

export function toFeatures(plot: ExplainPlotView, px: number, py: number): [number, number] {
  return [plot.xMin + (px / PLOT_PIXELS) * (plot.xMax - plot.xMin), plot.yMin + ((PLOT_PIXELS - py) / PLOT_PIXELS) * (plot.yMax - plot.yMin)];
}

/** The row of the point nearest to a canvas position, if one is within reach. */
export function pointAt(plot: ExplainPlotView, px: number, py: number): number | undefined {
  let best: number | undefined;
  let bestDistance = HIT_RADIUS * HIT_RADIUS;
  const { x, y, row } = plot.points;
  for (let i = 0; i < x.length; i++) {
    const [cx, cy] = toCanvas(plot, x[i], y[i]);
    const distance = (cx - px) ** 2 + (cy - py) ** 2;
    if (distance <= bestDistance) { bestDistance = distance; best = row[i]; }
  }
  return best;
}
