// A uPlot chart that follows its container's width and the VS Code theme. The plot is rebuilt only when the set of
// series or the scale changes; new points go through setData, which keeps redrawing cheap while a run streams.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { alignSeries, forLogScale, formatNumber, type XYSeries } from '../chartData';

interface Props {
  series: XYSeries[];
  logScale: boolean;
  yLabel: string;
  height: number;
}

function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value !== '' ? value : fallback;
}

function toData(series: readonly XYSeries[], logScale: boolean): uPlot.AlignedData {
  const { x, ys } = alignSeries(series);
  return [x, ...ys.map((y) => (logScale ? forLogScale(y) : y))];
}

function latestOf(values: uPlot.AlignedData[number]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/**
 * The legend's value of a series: under the cursor while it is over the plot, otherwise the series' latest value
 * (uPlot would show "--"), so the numbers are readable without hovering.
 */
function legendValue(plot: uPlot, raw: number | null, seriesIndex: number, index: number | null): string {
  return formatNumber(index !== null ? raw : latestOf(plot.data[seriesIndex]));
}

function stepValue(plot: uPlot, raw: number | null, _seriesIndex: number, index: number | null): string {
  const step = index !== null ? raw : latestOf(plot.data[0]);
  return step === null ? '–' : step.toLocaleString('en-US');
}

function buildOptions(series: readonly XYSeries[], logScale: boolean, yLabel: string, width: number, height: number): uPlot.Options {
  const foreground = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width, height,
    scales: { x: { time: false }, y: logScale ? { distr: 3 } : {} },
    axes: [{ ...axis, label: 'step' }, { ...axis, label: yLabel, size: 60 }],
    legend: { show: true },
    cursor: { drag: { x: true, y: false } },
    series: [
      { label: 'step', value: stepValue },
      ...series.map((s): uPlot.Series => ({
        label: s.label,
        value: legendValue,
        stroke: s.color,
        width: s.width ?? (s.points ? 0 : 1.5),
        dash: s.dash,
        spanGaps: true,
        points: s.points ? { show: true, size: 6, fill: s.color, stroke: s.color } : { show: false },
        paths: s.points ? () => null : undefined,
      })),
    ],
  };
}

/** A key that changes when the plot must be rebuilt rather than fed new data. */
function structureKey(series: readonly XYSeries[], logScale: boolean): string {
  return `${logScale}|${series.map((s) => `${s.label}/${s.color}/${s.points}/${s.dash?.join(',') ?? ''}`).join('|')}`;
}

export function UPlotChart({ series, logScale, yLabel, height }: Props): React.JSX.Element {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const keyRef = useRef('');

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const key = structureKey(series, logScale);
    const data = toData(series, logScale);
    if (plotRef.current !== null && keyRef.current === key) {
      plotRef.current.setData(data);
      return;
    }
    plotRef.current?.destroy();
    const width = Math.max(200, container.clientWidth);
    plotRef.current = new uPlot(buildOptions(series, logScale, yLabel, width, height), data, container);
    keyRef.current = key;
  }, [series, logScale, yLabel, height]);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const observer = new ResizeObserver(() => {
      const plot = plotRef.current;
      if (plot !== null) plot.setSize({ width: Math.max(200, container.clientWidth), height });
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [height]);

  useEffect(() => () => { plotRef.current?.destroy(); plotRef.current = null; }, []);

  return <div className="chart" ref={containerRef} />;
}
