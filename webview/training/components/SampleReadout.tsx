// What the boundary plot says about the point under the mouse or the keyboard: its row and split, features, true
// class, the model's probability for each class, and its loss −log p(true) as the core computed it. Read aloud as it
// changes (aria-live), so the keyboard walk through the points works without sight.
import type { BoundaryPointsView } from '../../../src/protocol/messages';
import { classProbabilities, className, formatLoss, formatProbability, type RunSamples } from '../sampleData';

interface Props {
  points: BoundaryPointsView;
  /** The point read out (its index in `points`, which is its index in the sample set); −1 for none. */
  index: number;
  samples?: RunSamples;
  validation?: readonly boolean[];
}

const defaultFeatureNames = ['x₁', 'x₂'];

function ReadoutBody({ points, index, samples, validation }: Props & { index: number }): React.JSX.Element {
  const names = samples?.set.featureNames ?? defaultFeatureNames;
  const row = samples?.set.row[index];
  const split = validation?.[index] === true ? 'validation' : 'training';
  const trueClass = points.label[index];
  const features = (
    <p className="readout-features">
      {`${names[0] ?? 'x₁'} = ${points.x[index].toFixed(3)}, ${names[1] ?? 'x₂'} = ${points.y[index].toFixed(3)}`}
    </p>
  );
  const title = <p className="readout-title">{`${row !== undefined ? `Row ${row}` : `Point ${index + 1}`} · ${split}`}</p>;
  if (samples === undefined) {
    return <>{title}{features}<p>{`True class ${trueClass}. Predictions come with the first report.`}</p></>;
  }
  const probabilities = classProbabilities(samples, index);
  const pTrue = probabilities[trueClass];
  const predicted = samples.predicted[index];
  return (
    <>
      {title}
      {features}
      <p>
        {'True class '}<strong>{className(samples, trueClass)}</strong>
        {' · predicted '}<strong className={predicted === trueClass ? undefined : 'readout-wrong'}>{className(samples, predicted)}</strong>
      </p>
      <ul className="readout-probabilities" aria-label="Predicted probabilities">
        {probabilities.map((p, c) => (
          <li key={c} className={c === trueClass ? 'readout-true' : undefined}>
            {`p(${className(samples, c)}) = ${formatProbability(p)}`}
            {samples.width === 1 ? <span className="readout-note">{c === 1 ? ' (sigmoid p)' : ' (1 − p)'}</span> : null}
          </li>
        ))}
      </ul>
      <p className="readout-loss" data-loss={samples.losses[index]} data-p-true={pTrue}>
        {'Loss −log p(true)'}<br />{`= −log ${formatProbability(pTrue)} = `}<strong>{formatLoss(samples.losses[index])}</strong>
      </p>
    </>
  );
}

export function SampleReadout(props: Props): React.JSX.Element {
  const { index } = props;
  return (
    <div className="sample-readout" role="status" aria-live="polite" aria-atomic="true" aria-label="Data point readout">
      {index >= 0 && index < props.points.x.length
        ? <ReadoutBody {...props} />
        : <p className="readout-hint">Hover a point, or focus the plot and use the arrow keys, to read its prediction and loss.</p>}
    </div>
  );
}
