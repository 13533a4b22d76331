// One unit of the neuron view: its activation over the input plane as a small heatmap (row 0 of the grid at the
// bottom, as the decision boundary draws it), coloured on its layer's shared scale.
import { memo, useEffect, useRef } from 'react';
import { heatColor, type PictureColumn, type PictureUnit, type Rgb } from '../neuronPicture';

export interface HeatColors { negative: Rgb; neutral: Rgb; positive: Rgb }

interface Props {
  unit: PictureUnit;
  column: PictureColumn;
  gridSize: number;
  colors: HeatColors;
  left: number;
  top: number;
  size: number;
}

export const NeuronUnit = memo(function NeuronUnit({ unit, column, gridSize, colors, left, top, size }: Props): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (context === null || context === undefined || unit.values.length < gridSize * gridSize) return;
    const image = context.createImageData(gridSize, gridSize);
    for (let row = 0; row < gridSize; row++) {
      const imageRow = gridSize - 1 - row;
      for (let col = 0; col < gridSize; col++) {
        const t = (unit.values[row * gridSize + col] - column.center) / column.halfRange;
        const [r, g, b] = heatColor(t, colors.negative, colors.neutral, colors.positive);
        const offset = (imageRow * gridSize + col) * 4;
        image.data[offset] = r;
        image.data[offset + 1] = g;
        image.data[offset + 2] = b;
        image.data[offset + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }, [unit, column, gridSize, colors]);
  return (
    <canvas
      ref={canvasRef}
      className="neuron-unit"
      width={gridSize}
      height={gridSize}
      style={{ left, top, width: size, height: size }}
      role="img"
      aria-label={unit.label}
      title={unit.label}
    />
  );
});
