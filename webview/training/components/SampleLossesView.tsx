// With the confusion matrix (in its column, beside the boundary plot): the worst-predicted samples, then the spread of
// per-sample losses. Needs no plot, so it is shown for data of any number of features (digits, iris) too.
import type { RunSamples } from '../sampleData';
import { LossHistogramView } from './LossHistogramView';
import { WorstSamplesView } from './WorstSamplesView';

export function SampleLossesView({ samples }: { samples: RunSamples }): React.JSX.Element {
  return (
    <div className="sample-losses">
      <WorstSamplesView samples={samples} />
      <LossHistogramView samples={samples} />
    </div>
  );
}
