// The samples the model predicts worst, by their own loss (the core's, as a batch of one): row of the data set, split,
// true and predicted class, the probability given to the true class, and the loss. With a boundary plot, each row's
// number is a button: pointing at it, focusing it or pressing it rings that point on the plot and reads it out there.
import { classProbabilities, className, formatLoss, formatProbability, worstSamples, type RunSamples } from '../sampleData';

const rowsShown = 10;

interface Props {
  samples: RunSamples;
  onShow?: (index: number) => void;
  shown: number;
}

export function WorstSamplesView({ samples, onShow, shown }: Props): React.JSX.Element {
  const worst = worstSamples(samples.losses, rowsShown);
  const { set } = samples;
  const rowCell = (index: number): React.JSX.Element => {
    const row = set.row[index];
    if (onShow === undefined) return <td>{row}</td>;
    return (
      <td>
        <button
          type="button" className="worst-row" aria-pressed={shown === index}
          aria-label={`Row ${row}: show on the decision boundary`} title="Show this point on the decision boundary"
          onClick={() => onShow(index)} onFocus={() => onShow(index)} onMouseEnter={() => onShow(index)}
        >
          {row}
        </button>
      </td>
    );
  };
  return (
    <section aria-label="Worst-predicted samples" className="worst-samples">
      <h3>Worst-predicted samples</h3>
      <table>
        <caption>
          {`Highest loss among ${set.row.length} sampled rows, after ${samples.epochsDone} epoch${samples.epochsDone === 1 ? '' : 's'}.`}
          {onShow !== undefined ? ' Point at a row number to see it on the plot.' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th><th scope="col">Split</th><th scope="col">True</th><th scope="col">Predicted</th>
            <th scope="col">p(true)</th><th scope="col">Loss</th>
          </tr>
        </thead>
        <tbody>
          {worst.map((index) => {
            const trueClass = set.label[index];
            const predicted = samples.predicted[index];
            return (
              <tr key={index} className={shown === index ? 'worst-shown' : undefined}>
                {rowCell(index)}
                <td>{set.validation[index] ? 'val' : 'train'}</td>
                <td>{className(samples, trueClass)}</td>
                <td className={predicted === trueClass ? undefined : 'readout-wrong'}>{className(samples, predicted)}</td>
                <td>{formatProbability(classProbabilities(samples, index)[trueClass] ?? Number.NaN)}</td>
                <td>{formatLoss(samples.losses[index])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
