// One metric (loss or accuracy) of the shown run, per batch and per epoch, training and validation, with the runs
// picked for comparison drawn dashed over it. The caption states the numbers the canvas shows, for screen readers.
import { useMemo } from 'react';
import { formatNumber, palette, smooth, type XYSeries } from '../chartData';
import type { PanelRun } from '../runStore';
import { UPlotChart } from './UPlotChart';

interface Props {
  metric: 'loss' | 'accuracy';
  run: PanelRun;
  compareRuns: PanelRun[];
  smoothing: number;
  logScale: boolean;
}

const colors = { batch: palette[0], epoch: palette[1], validation: palette[2] };

/** At most this many epoch points are drawn per series; a 100,000-epoch run keeps them all but draws every k-th. */
const maxDrawnEpochs = 1500;

/** Every k-th epoch point (and always the last), so drawing stays cheap however many epochs a run has. */
function drawnEpochs(run: PanelRun): PanelRun['epochs'] {
  const { epochs } = run;
  if (epochs.length <= maxDrawnEpochs) return epochs;
  const stride = Math.ceil(epochs.length / maxDrawnEpochs);
  const drawn = epochs.filter((_, index) => index % stride === 0);
  if (drawn[drawn.length - 1] !== epochs[epochs.length - 1]) drawn.push(epochs[epochs.length - 1]);
  return drawn;
}

function epochSeries(run: PanelRun, metric: 'loss' | 'accuracy', validation: boolean, points = run.epochs): (number | null)[] {
  return points.map((point) => {
    if (metric === 'loss') return validation ? point.valLoss : point.loss;
    return validation ? point.valAccuracy : point.accuracy;
  });
}

function hasValues(values: readonly (number | null)[]): boolean {
  return values.some((value) => value !== null);
}

function buildSeries(props: Props): XYSeries[] {
  const { metric, run, compareRuns, smoothing } = props;
  const series: XYSeries[] = [];
  const batchValues = metric === 'loss' ? run.batches.series.loss : run.batches.series.accuracy;
  const shownEpochs = drawnEpochs(run);
  const epochSteps = shownEpochs.map((point) => point.globalStep);
  if (hasValues(batchValues)) {
    series.push({
      label: smoothing > 0 ? `${metric} (batch, smoothed)` : `${metric} (batch)`,
      x: run.batches.series.step, y: smooth(batchValues, smoothing), points: false, color: colors.batch,
    });
  }
  const trainEpoch = epochSeries(run, metric, false, shownEpochs);
  if (hasValues(trainEpoch)) series.push({ label: `${metric} (epoch)`, x: epochSteps, y: trainEpoch, points: true, color: colors.epoch });
  const validationEpoch = epochSeries(run, metric, true, shownEpochs);
  if (hasValues(validationEpoch)) {
    series.push({ label: `validation ${metric}`, x: epochSteps, y: validationEpoch, points: true, color: colors.validation });
  }
  compareRuns.forEach((other, index) => {
    const color = palette[(index + 3) % palette.length];
    const otherEpochs = drawnEpochs(other);
    const otherEpoch = epochSeries(other, metric, false, otherEpochs);
    if (hasValues(otherEpoch)) {
      series.push({
        label: `run ${other.header.runId} ${metric}`, x: otherEpochs.map((p) => p.globalStep), y: otherEpoch,
        points: false, color, dash: [6, 4],
      });
    } else {
      const values = metric === 'loss' ? other.batches.series.loss : other.batches.series.accuracy;
      series.push({
        label: `run ${other.header.runId} ${metric}`, x: other.batches.series.step, y: smooth(values, smoothing),
        points: false, color, dash: [6, 4],
      });
    }
    const otherValidation = epochSeries(other, metric, true, otherEpochs);
    if (hasValues(otherValidation)) {
      series.push({
        label: `run ${other.header.runId} validation ${metric}`, x: otherEpochs.map((p) => p.globalStep), y: otherValidation,
        points: false, color, dash: [2, 3],
      });
    }
  });
  return series;
}

function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

function firstValue(values: readonly (number | null)[]): number | null {
  for (const value of values) if (value !== null) return value;
  return null;
}

export function MetricChart(props: Props): React.JSX.Element {
  const { metric, run, compareRuns, smoothing, logScale } = props;
  const compareVersions = compareRuns.map((other) => `${other.header.runId}:${other.version}`).join(',');
  // The versions stand for the compared runs' contents: a new array of the same runs needs no rebuild.
  const series = useMemo(() => buildSeries(props), [metric, run, run.version, compareVersions, smoothing]);
  const batchValues = metric === 'loss' ? run.batches.series.loss : run.batches.series.accuracy;
  const pointCount = run.batches.series.step.length;
  const latest = lastValue(batchValues);
  const lastStep = run.batches.series.step[pointCount - 1] ?? 0;
  const firstEpoch = run.epochs[0];
  const lastEpoch = run.epochs[run.epochs.length - 1];
  const epochValueOf = (point: typeof firstEpoch | undefined): number | null =>
    point === undefined ? null : metric === 'loss' ? point.loss : point.accuracy;
  const title = metric === 'loss' ? 'Loss' : 'Accuracy';
  return (
    <figure className="metric-chart" aria-label={`${title} chart`}>
      <UPlotChart series={series} logScale={metric === 'loss' && logScale} yLabel={metric} height={220} />
      <figcaption data-points={pointCount}>
        {`${title}: ${pointCount} batch point${pointCount === 1 ? '' : 's'} up to step ${lastStep}, `
          + `${run.epochs.length} epoch point${run.epochs.length === 1 ? '' : 's'}`
          + `${run.epochs.length > 0 ? ` (first ${formatNumber(epochValueOf(firstEpoch))}, last ${formatNumber(epochValueOf(lastEpoch))})` : ''}; `
          + `first ${formatNumber(firstValue(batchValues))}, latest ${formatNumber(latest)}`}
      </figcaption>
    </figure>
  );
}
