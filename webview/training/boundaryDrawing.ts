// Painting the decision boundary plot on a canvas: the grid of predicted classes (smooth confidence shading, or hard
// class regions when discretized, as Playground's "Discretize output"), then the data points: training rows as
// circles, validation rows as squares, and the point being read out ringed.
import type { BoundaryView } from '../../src/protocol/messages';
import { decodeBytes } from './base64';
import { palette } from './chartData';
import type { PointPixels } from './pointNavigation';

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Alpha of a cell: by how far its probability is above chance, or one flat strength when discretized. */
function cellAlpha(confidenceByte: number, chance: number, discrete: boolean): number {
  if (discrete) return 140;
  const certainty = Math.max(0, Math.min(1, (confidenceByte / 255 - chance) / (1 - chance)));
  return Math.round(255 * (0.15 + 0.6 * certainty));
}

export function drawCells(context: CanvasRenderingContext2D, boundary: BoundaryView, classCount: number, sizePx: number, discrete: boolean): void {
  const { gridSize } = boundary;
  const cellClass = decodeBytes(boundary.cellClass);
  const cellConfidence = decodeBytes(boundary.cellConfidence);
  if (cellClass.length < gridSize * gridSize || cellConfidence.length < gridSize * gridSize) return;
  const image = context.createImageData(gridSize, gridSize);
  const chance = 1 / Math.max(2, classCount);
  for (let row = 0; row < gridSize; row++) {
    // Row 0 of the grid is at yMin, the bottom of the picture.
    const imageRow = gridSize - 1 - row;
    for (let col = 0; col < gridSize; col++) {
      const cell = row * gridSize + col;
      const [r, g, b] = hexToRgb(palette[cellClass[cell] % palette.length]);
      const offset = (imageRow * gridSize + col) * 4;
      image.data[offset] = r;
      image.data[offset + 1] = g;
      image.data[offset + 2] = b;
      image.data[offset + 3] = cellAlpha(cellConfidence[cell], chance, discrete);
    }
  }
  // Paint the small grid once, then scale it up: smoothly for shading, cell by cell for hard class regions.
  const scratch = document.createElement('canvas');
  scratch.width = gridSize;
  scratch.height = gridSize;
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = !discrete;
  context.drawImage(scratch, 0, 0, sizePx, sizePx);
}

export interface PointMarks {
  pixels: PointPixels;
  /** True class per point. */
  label: readonly number[];
  /** Whether point i is a validation row (drawn as a square); absent: all training. */
  validation?: readonly boolean[];
  visible: (index: number) => boolean;
  /** The point read out, ringed; −1 for none. */
  active: number;
}

export function drawPoints(context: CanvasRenderingContext2D, marks: PointMarks): void {
  const { pixels, label, validation, visible, active } = marks;
  const background = cssColor('--vscode-editor-background', '#1e1e1e');
  const foreground = cssColor('--vscode-foreground', '#cccccc');
  for (let i = 0; i < pixels.x.length; i++) {
    if (!visible(i)) continue;
    const x = pixels.x[i];
    const y = pixels.y[i];
    context.fillStyle = palette[label[i] % palette.length];
    context.beginPath();
    if (validation?.[i] === true) {
      context.rect(x - 3.5, y - 3.5, 7, 7);
      context.lineWidth = 1.5;
      context.strokeStyle = foreground;
    } else {
      context.arc(x, y, 3, 0, 2 * Math.PI);
      context.lineWidth = 1;
      context.strokeStyle = background;
    }
    context.fill();
    context.stroke();
  }
  if (active >= 0 && active < pixels.x.length) {
    // Two rings, light and dark, so the mark shows on any class colour and theme.
    context.beginPath();
    context.arc(pixels.x[active], pixels.y[active], 7, 0, 2 * Math.PI);
    context.lineWidth = 3;
    context.strokeStyle = background;
    context.stroke();
    context.lineWidth = 1.5;
    context.strokeStyle = cssColor('--vscode-focusBorder', foreground);
    context.stroke();
  }
}
