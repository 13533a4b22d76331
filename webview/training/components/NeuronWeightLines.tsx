// The neuron view's weights: one line per kernel entry from a unit's right edge to the next layer's unit's left edge,
// orange for positive and blue for negative (CSS classes on theme colours), thicker and more opaque for a larger
// |weight| relative to its layer's largest; each line's tooltip names its two units and its value.
import type { NeuronPicture, PictureGeometry } from '../neuronPicture';

interface Props { picture: NeuronPicture; geometry: PictureGeometry }

export function NeuronWeightLines({ picture, geometry }: Props): React.JSX.Element {
  const { unitSize, columnX, unitY } = geometry;
  const half = unitSize / 2;
  return (
    <svg width={geometry.width} height={geometry.height} className="neuron-lines">
      {picture.lines.map((layerLines, layer) => (
        <g key={layer} role="img" aria-label={`Weights into ${picture.columns[layer + 1].title}: ${layerLines.length} lines`}>
          {layerLines.map((line) => (
            <line
              key={`${line.from[1]}-${line.to[1]}`}
              className={line.weight >= 0 ? 'weight-positive' : 'weight-negative'}
              x1={columnX[line.from[0]] + unitSize} y1={unitY[line.from[0]][line.from[1]] + half}
              x2={columnX[line.to[0]]} y2={unitY[line.to[0]][line.to[1]] + half}
              strokeWidth={0.5 + 3.5 * line.strength}
              strokeOpacity={0.35 + 0.65 * line.strength}
            >
              <title>{`${picture.columns[line.to[0]].title} unit ${line.to[1] + 1} ← ${picture.columns[line.from[0]].title} unit ${line.from[1] + 1}: weight ${line.weight.toPrecision(3)}`}</title>
            </line>
          ))}
        </g>
      ))}
    </svg>
  );
}
