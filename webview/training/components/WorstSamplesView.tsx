// The samples the model predicts worst, by their own loss (the core's, as a batch of one): row of the data set, split,
// true and predicted class, the probability given to the true class, and the loss.
import { classProbabilities, className, formatLoss, formatProbability, worstSamples, type RunSamples } from '../sampleData';

const rowsShown = 10;

export function WorstSamplesView({ samples }: { samples: RunSamples }): React.JSX.Element {
  const worst = worstSamples(samples.losses, rowsShown);
  const { set } = samples;
  return (
    <section aria-label="Worst-predicted samples" className="worst-samples">
      <h3>Worst-predicted samples</h3>
      <table>
        <caption>{`Highest loss among ${set.row.length} sampled rows, after ${samples.epochsDone} epoch${samples.epochsDone === 1 ? '' : 's'}.`}</caption>
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
              <tr key={index}>
                <td>{set.row[index]}</td>
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
