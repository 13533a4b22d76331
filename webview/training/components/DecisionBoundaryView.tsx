// The decision boundary of a model with two inputs: each grid cell painted in its predicted class's color, stronger
// where the model is surer, with the data points on top in their true class's color. Redrawn as new grids arrive.
import { useEffect, useRef } from 'react';
import type { BoundaryPointsView, BoundaryView } from '../../../src/protocol/messages';
import { palette } from '../chartData';

interface Props { boundary: BoundaryView; points?: BoundaryPointsView; classCount: number }

const sizePx = 320;

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

function drawCells(context: CanvasRenderingContext2D, boundary: BoundaryView, classCount: number): void {
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
      const certainty = Math.max(0, Math.min(1, (cellConfidence[cell] / 255 - chance) / (1 - chance)));
      const offset = (imageRow * gridSize + col) * 4;
      image.data[offset] = r;
      image.data[offset + 1] = g;
      image.data[offset + 2] = b;
      image.data[offset + 3] = Math.round(255 * (0.15 + 0.6 * certainty));
    }
  }
  // Paint the small grid once, then scale it up smoothly onto the visible canvas.
  const scratch = document.createElement('canvas');
  scratch.width = gridSize;
  scratch.height = gridSize;
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(scratch, 0, 0, sizePx, sizePx);
}

function drawPoints(context: CanvasRenderingContext2D, boundary: BoundaryView, points: BoundaryPointsView): void {
  const { xMin, xMax, yMin, yMax } = boundary;
  const outline = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#1e1e1e';
  context.lineWidth = 1;
  context.strokeStyle = outline;
  for (let i = 0; i < points.x.length; i++) {
    const px = ((points.x[i] - xMin) / (xMax - xMin)) * sizePx;
    const py = sizePx - ((points.y[i] - yMin) / (yMax - yMin)) * sizePx;
    context.fillStyle = palette[points.label[i] % palette.length];
    context.beginPath();
    context.arc(px, py, 3, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
  }
}

export function DecisionBoundaryView({ boundary, points, classCount }: Props): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (context === null || context === undefined) return;
    context.clearRect(0, 0, sizePx, sizePx);
    drawCells(context, boundary, classCount);
    if (points !== undefined) drawPoints(context, boundary, points);
  }, [boundary, points, classCount]);
  return (
    <section aria-label="Decision boundary">
      <h3>Decision boundary</h3>
      <canvas
        ref={canvasRef}
        width={sizePx}
        height={sizePx}
        className="boundary"
        role="img"
        aria-label={`Decision boundary after step ${boundary.globalStep}: predicted class over the two input features, with ${points?.x.length ?? 0} data points`}
      />
    </section>
  );
}
