// The chart settings: log scale for the loss, and how much to smooth the per-batch curve.
interface Props {
  logScale: boolean;
  smoothing: number;
  onLogScale(value: boolean): void;
  onSmoothing(value: number): void;
}

export function ChartControls({ logScale, smoothing, onLogScale, onSmoothing }: Props): React.JSX.Element {
  return (
    <div className="controls">
      <label>
        <input type="checkbox" checked={logScale} onChange={(event) => onLogScale(event.target.checked)} />
        Log scale
      </label>
      <label>
        Smoothing
        <input
          type="range" min={0} max={0.99} step={0.01} value={smoothing} aria-label="Smoothing"
          onChange={(event) => onSmoothing(Number(event.target.value))}
        />
        <output>{smoothing.toFixed(2)}</output>
      </label>
    </div>
  );
}
