// The decision boundary of a model with two inputs: each grid cell painted in its predicted class's color (stronger
// where the model is surer, or flat class regions when discretized), with the data points on top in their true
// class's color: training rows as circles, validation rows as squares when shown. Hovering a point, or walking the
// points with the keyboard, reads out its prediction and loss (SampleReadout); so does choosing a row of the
// worst-predicted list (the run view holds which point is active). Redrawn as new grids arrive.
import { useEffect, useMemo, useRef } from 'react';
import type { BoundaryPointsView, BoundaryView } from '../../../src/protocol/messages';
import { drawCells, drawPoints } from '../boundaryDrawing';
import { isNavigationKey, nearestPoint, nextPoint, pointPixels } from '../pointNavigation';
import type { RunSamples } from '../sampleData';
import { SampleReadout } from './SampleReadout';

interface Props {
  boundary: BoundaryView;
  points?: BoundaryPointsView;
  classCount: number;
  /** The latest per-sample report; sample i is point i. */
  samples?: RunSamples;
  /** Whether point i is a validation row. */
  validation?: readonly boolean[];
  showValidation: boolean;
  discrete: boolean;
  onShowValidation(show: boolean): void;
  onDiscrete(discrete: boolean): void;
  /** The point ringed and read out (−1 for none), and whether the worst-predicted list chose it. */
  active: ActivePoint;
  /** The mouse or the keyboard chose a point on the plot (−1 for none). */
  onActive(index: number): void;
}

/** A point chosen from the list is shown even while validation rows are hidden: the person asked for that one. */
export interface ActivePoint { index: number; fromList: boolean }

const sizePx = 320;
/** How near the mouse must be to a point's centre to pick it, in canvas pixels. */
const hoverRadiusPx = 8;

export function DecisionBoundaryView(props: Props): React.JSX.Element {
  const { boundary, points, classCount, samples, validation, showValidation, discrete, active, onActive: setActive } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pixels = useMemo(() => (points !== undefined ? pointPixels(points, boundary, sizePx) : undefined), [points, boundary]);
  const visible = useMemo(() => (index: number) => showValidation || validation?.[index] !== true, [showValidation, validation]);
  const inRange = active.index >= 0 && active.index < (points?.x.length ?? 0);
  const shownActive = inRange && (active.fromList || visible(active.index)) ? active.index : -1;

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (context === null || context === undefined) return;
    context.clearRect(0, 0, sizePx, sizePx);
    drawCells(context, boundary, classCount, sizePx, discrete);
    if (points !== undefined && pixels !== undefined) {
      const drawn = (index: number): boolean => visible(index) || index === shownActive;
      drawPoints(context, { pixels, label: points.label, validation, visible: drawn, active: shownActive });
    }
  }, [boundary, points, pixels, classCount, discrete, validation, visible, shownActive]);

  const pickAt = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    if (pixels === undefined) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = sizePx / Math.max(1, rect.width);
    const picked = nearestPoint(pixels, visible, (event.clientX - rect.left) * scale, (event.clientY - rect.top) * scale, hoverRadiusPx * scale);
    if (picked >= 0) setActive(picked);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLCanvasElement>): void => {
    if (pixels === undefined) return;
    if (event.key === 'Escape') {
      setActive(-1);
      return;
    }
    if (!isNavigationKey(event.key)) return;
    event.preventDefault();
    setActive(nextPoint(pixels, visible, shownActive, event.key));
  };
  const pointCount = points?.x.length ?? 0;
  const heldOut = validation?.filter(Boolean).length ?? 0;
  return (
    <section aria-label="Decision boundary" className="boundary-view">
      <h3>Decision boundary</h3>
      <div className="controls boundary-controls">
        {heldOut > 0
          ? (
            <label>
              <input type="checkbox" checked={showValidation} onChange={(event) => props.onShowValidation(event.target.checked)} />
              Show validation data
            </label>
          )
          : null}
        <label>
          <input type="checkbox" checked={discrete} onChange={(event) => props.onDiscrete(event.target.checked)} />
          Discretize
        </label>
      </div>
      {/* The readout sits beside the plot, so the point and what it says are in view together. */}
      <div className="boundary-body">
        <canvas
          ref={canvasRef}
          width={sizePx}
          height={sizePx}
          className="boundary"
          tabIndex={points !== undefined ? 0 : undefined}
          role="img"
          aria-label={`Decision boundary after step ${boundary.globalStep}: predicted class over the two input features, with ${pointCount} data points`
            + `${heldOut > 0 ? ` (${heldOut} of them validation rows, ${showValidation ? 'shown as squares' : 'hidden'})` : ''}.`
            + ' Arrow keys move between the points; the prediction and loss of the point are read out beside the plot.'}
          onMouseMove={pickAt}
          onMouseLeave={() => setActive(-1)}
          onKeyDown={onKeyDown}
          onFocus={() => { if (shownActive < 0 && pixels !== undefined) setActive(nextPoint(pixels, visible, -1, 'Home')); }}
        />
        {points !== undefined
          ? <SampleReadout points={points} index={shownActive} samples={samples} validation={validation} />
          : null}
      </div>
      {heldOut > 0 && showValidation
        ? <p className="boundary-legend">● training rows · ■ validation rows</p>
        : null}
    </section>
  );
}
