// The neuron view's key: what a heatmap's colours and a line's colour and thickness mean, with a sample of each.
export function NeuronLegend(): React.JSX.Element {
  return (
    <div className="neuron-legend">
      <p>
        <span className="neuron-scale" aria-hidden="true" />
        <span>
          {'Each square: a unit\'s output over the input plane (the decision boundary\'s), '}
          <span className="legend-negative">blue</span>{' below 0, '}<span className="legend-positive">orange</span>
          {' above (probabilities: around ½), on its layer\'s scale.'}
        </span>
      </p>
      <p>
        <svg className="neuron-line-sample" width="36" height="12" aria-hidden="true">
          <line className="weight-positive" x1="0" y1="3" x2="36" y2="3" strokeWidth="3" />
          <line className="weight-negative" x1="0" y1="10" x2="36" y2="10" strokeWidth="1" />
        </svg>
        <span>
          {'Lines: weights, '}<span className="legend-positive">orange</span>{' positive, '}
          <span className="legend-negative">blue</span>{' negative, thicker for larger. Hover for values.'}
        </span>
      </p>
    </div>
  );
}
