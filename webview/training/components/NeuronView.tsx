// The neuron view (TensorFlow Playground's picture): the two inputs and every unit of each small dense layer as a
// heatmap of its activation over the input plane (the decision boundary's extent), with the weights between layers
// as lines, orange for positive and blue for negative, thicker for larger. Redrawn as new grids arrive; a run it
// does not apply to gets the sentence saying why.
import { useMemo } from 'react';
import type { NeuronView as NeuronViewData } from '../../../src/protocol/neuronView';
import { useVsCodeColorMode } from '../../shared/useVsCodeColorMode';
import { neuronPicture, pictureGeometry, type Rgb } from '../neuronPicture';
import { NeuronLegend } from './NeuronLegend';
import { NeuronUnit, type HeatColors } from './NeuronUnit';
import { NeuronWeightLines } from './NeuronWeightLines';

interface Props { neurons: NeuronViewData }

/** Room for a column's title and activation on one line each, within the space between two columns. */
const headWidth = 128;

/** A CSS colour, in whatever syntax the theme wrote it, as RGB: the canvas parses it. */
function toRgb(color: string, fallback: string): Rgb {
  const context = document.createElement('canvas').getContext('2d');
  if (context === null) return [128, 128, 128];
  context.fillStyle = fallback;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

function themeColor(variable: string, fallback: string): Rgb {
  return toRgb(getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback, fallback);
}

function themeColors(): HeatColors {
  return {
    negative: themeColor('--vscode-charts-blue', '#3794ff'),
    // Zero is the panel's own background, so a unit that is off fades into the page in any theme.
    neutral: toRgb(getComputedStyle(document.body).backgroundColor, '#ffffff'),
    positive: themeColor('--vscode-charts-orange', '#d18616'),
  };
}

export function NeuronView({ neurons }: Props): React.JSX.Element {
  const colorMode = useVsCodeColorMode();
  // Read again when the theme's mode changes: its colours change with it.
  const colors = useMemo(() => themeColors(), [colorMode]);
  const picture = useMemo(() => (neurons.kind === 'grids' ? neuronPicture(neurons) : undefined), [neurons]);
  if (neurons.kind === 'unavailable' || picture === undefined) {
    return (
      <section className="neuron-view" aria-label="Neurons">
        <h3>Neurons</h3>
        <p className="engine-note" role="note">{neurons.kind === 'unavailable' ? neurons.reason : ''}</p>
      </section>
    );
  }
  const geometry = pictureGeometry(picture);
  const { unitSize, columnX, unitY } = geometry;
  const half = unitSize / 2;
  // The lines and the legend take the heatmaps' own opaque colours (a theme's chart colour may carry transparency,
  // which the canvas drops), so the same orange means the same thing everywhere in the view.
  const sameColors = {
    '--neuron-positive': `rgb(${colors.positive.join(', ')})`, '--neuron-negative': `rgb(${colors.negative.join(', ')})`,
  } as React.CSSProperties;
  return (
    <section className="neuron-view" aria-label="Neurons" style={sameColors}>
      <h3>
        {'Neurons '}
        <span className="neuron-step">{`after step ${neurons.globalStep.toLocaleString('en-US')}`}</span>
      </h3>
      <div className="neuron-picture" style={{ width: geometry.width, height: geometry.height }}>
        <NeuronWeightLines picture={picture} geometry={geometry} />
        {picture.columns.map((column, index) => (
          <div key={`head-${index}`} className="neuron-column-head" style={{ left: columnX[index] + half - headWidth / 2, width: headWidth }}>
            <span className="neuron-column-title">{column.title}</span>
            <span className="neuron-column-subtitle">{column.subtitle}</span>
          </div>
        ))}
        {neurons.inputNames.map((name, unit) => (
          <span key={`name-${unit}`} className="neuron-input-name" aria-hidden="true" style={{ left: 0, width: columnX[0] - 6, top: unitY[0][unit] + half - 8 }}>
            {name}
          </span>
        ))}
        {picture.columns.map((column, index) => column.units.map((unit, unitIndex) => (
          <NeuronUnit
            key={`${index}-${unitIndex}`}
            unit={unit} column={column} gridSize={neurons.gridSize} colors={colors}
            left={columnX[index]} top={unitY[index][unitIndex]} size={unitSize}
          />
        )))}
      </div>
      <NeuronLegend />
    </section>
  );
}
