// With the confusion matrix (in its column, beside the boundary plot): the worst-predicted samples, then the spread of
// per-sample losses. Needs no plot, so it is shown for data of any number of features (digits, iris) too.
import type { RunSamples } from '../sampleData';
import { LossHistogramView } from './LossHistogramView';
import { WorstSamplesView } from './WorstSamplesView';

interface Props {
  samples: RunSamples;
  /** Shows sample i on the boundary plot; absent when the run has no plot (more than two features). */
  onShow?: (index: number) => void;
  /** The sample the list showed on the plot, −1 for none. */
  shown: number;
}

export function SampleLossesView({ samples, onShow, shown }: Props): React.JSX.Element {
  return (
    <div className="sample-losses">
      <WorstSamplesView samples={samples} onShow={onShow} shown={shown} />
      <LossHistogramView samples={samples} />
    </div>
  );
}
