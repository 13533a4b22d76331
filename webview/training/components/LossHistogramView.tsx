// How the per-sample losses are spread: equal bins from 0 to the largest loss. A model that fits has one tall bar at
// the left; a long tail to the right is the samples it gets wrong (the worst-predicted list names them).
import { formatLoss, lossHistogram, medianLoss, type RunSamples } from '../sampleData';

const binCount = 20;
const widthPx = 280;
const heightPx = 120;
const axisPx = 16;

export function LossHistogramView({ samples }: { samples: RunSamples }): React.JSX.Element {
  const { counts, upper } = lossHistogram(samples.losses, binCount);
  const tallest = Math.max(1, ...counts);
  const barWidth = widthPx / counts.length;
  const plotHeight = heightPx - axisPx;
  const median = medianLoss(samples.losses);
  const summary = `Per-sample loss of ${samples.losses.length} rows in ${counts.length} bins from 0 to ${formatLoss(upper)}: `
    + `median ${formatLoss(median)}, ${counts[0]} rows in the first bin, tallest bin ${tallest} rows.`;
  return (
    <section aria-label="Per-sample loss histogram" className="loss-histogram">
      <h3>Per-sample loss</h3>
      <svg width={widthPx} height={heightPx} role="img" aria-label={summary} viewBox={`0 0 ${widthPx} ${heightPx}`}>
        {counts.map((count, bin) => {
          const barHeight = (count / tallest) * (plotHeight - 4);
          return (
            <rect
              key={bin}
              className="histogram-bar"
              x={bin * barWidth + 1}
              y={plotHeight - barHeight}
              width={Math.max(1, barWidth - 2)}
              height={barHeight}
            >
              <title>{`${formatLoss(bin * (upper / counts.length))}–${formatLoss((bin + 1) * (upper / counts.length))}: ${count}`}</title>
            </rect>
          );
        })}
        <line className="histogram-axis" x1={0} x2={widthPx} y1={plotHeight + 0.5} y2={plotHeight + 0.5} />
        <text className="histogram-label" x={0} y={heightPx - 2}>0</text>
        <text className="histogram-label" x={widthPx} y={heightPx - 2} textAnchor="end">{formatLoss(upper)}</text>
        <text className="histogram-label" x={widthPx / 2} y={heightPx - 2} textAnchor="middle">loss</text>
      </svg>
      <p className="histogram-caption">{`Median ${formatLoss(median)} · tallest bin ${tallest} rows`}</p>
    </section>
  );
}
