// Drawing the explain plot: the boundary grid as a heatmap (each cell in its predicted class's
// colour, stronger where the model is surer), the data points in their true class's colour, and the chosen sample as
// a ring. The class colours are the training panel's (../../training/chartData), so both plots agree. Its own
// drawing code, not the training panel's DecisionBoundaryView, which another issue is changing.
import type { ExplainPlotView } from '../../../src/protocol/explainMessages';
import { palette } from '../../training/chartData';
import { PLOT_PIXELS, toCanvas } from './plotGeometry';

export const classColor = (classIndex: number): string => palette[classIndex % palette.length];

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function decodeBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function drawCells(context: CanvasRenderingContext2D, plot: ExplainPlotView): void {
  const { gridSize, classCount } = plot;
  const cellClass = decodeBytes(plot.cellClass);
  const cellConfidence = decodeBytes(plot.cellConfidence);
  if (cellClass.length < gridSize * gridSize || cellConfidence.length < gridSize * gridSize) return;
  const image = context.createImageData(gridSize, gridSize);
  const chance = 1 / classCount;
  for (let row = 0; row < gridSize; row++) {
    const imageRow = gridSize - 1 - row; // row 0 of the grid is at yMin, the bottom of the picture
    for (let col = 0; col < gridSize; col++) {
      const cell = row * gridSize + col;
      const [r, g, b] = hexToRgb(classColor(cellClass[cell]));
      const certainty = Math.max(0, Math.min(1, (cellConfidence[cell] / 255 - chance) / (1 - chance)));
      const offset = (imageRow * gridSize + col) * 4;
      image.data[offset] = r;
      image.data[offset + 1] = g;
      image.data[offset + 2] = b;
      image.data[offset + 3] = Math.round(255 * (0.15 + 0.55 * certainty));
    }
  }
  const scratch = document.createElement('canvas');
  scratch.width = gridSize;
  scratch.height = gridSize;
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(scratch, 0, 0, PLOT_PIXELS, PLOT_PIXELS);
}

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The whole picture; `chosen` is the sample's position in feature units (a row's point or typed values). */
export function drawPlot(context: CanvasRenderingContext2D, plot: ExplainPlotView, chosen: [number, number] | undefined): void {
  context.clearRect(0, 0, PLOT_PIXELS, PLOT_PIXELS);
  drawCells(context, plot);
  // The editor background rims each point (a contrast border on 900 points would drown the picture in high contrast).
  const rim = themeColor('--vscode-editor-background', '#1e1e1e');
  context.lineWidth = 1.5;
  context.strokeStyle = rim;
  const { x, y, label } = plot.points;
  for (let i = 0; i < x.length; i++) {
    const [px, py] = toCanvas(plot, x[i], y[i]);
    context.fillStyle = classColor(label[i]);
    context.beginPath();
    context.arc(px, py, 5, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
  }
  if (chosen) drawChosen(context, plot, chosen, rim);
}

/** The chosen sample: a ring with four ticks, in the theme's foreground on a rim of its background, seen in any crowd. */
function drawChosen(context: CanvasRenderingContext2D, plot: ExplainPlotView, chosen: [number, number], rim: string): void {
  const [px, py] = toCanvas(plot, chosen[0], chosen[1]);
  const ring = new Path2D();
  ring.arc(px, py, 15, 0, 2 * Math.PI);
  for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
    ring.moveTo(px + dx * 19, py + dy * 19);
    ring.lineTo(px + dx * 32, py + dy * 32);
  }
  context.lineCap = 'round';
  context.lineWidth = 9;
  context.strokeStyle = rim;
  context.stroke(ring);
  context.lineWidth = 4.5;
  context.strokeStyle = themeColor('--vscode-editor-foreground', '#cccccc');
  context.stroke(ring);
}
