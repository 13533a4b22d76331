// One run in full: status line and label, the run bar (Play, Pause, Step, Reset, Stop, speed, learning rate), a failure if it diverged, progress, the curves with their settings, the
// decision boundary and confusion matrix when they exist (a PyTorch run has neither, and says so), and the
// configuration.
import { useState } from 'react';
import { isActive, statusLine } from '../runState';
import type { PanelRun } from '../runStore';
import type { PanelViewState } from '../hostConnection';
import { ChartControls } from './ChartControls';
import { ConfusionMatrixView } from './ConfusionMatrixView';
import { DecisionBoundaryView, type ActivePoint } from './DecisionBoundaryView';
import { FailureBanner } from './FailureBanner';
import { MetricChart } from './MetricChart';
import { NeuronView } from './NeuronView';
import { ProgressView } from './ProgressView';
import { RunConfigView } from './RunConfigView';
import { RunControlsBar } from './RunControlsBar';
import { SampleLossesView } from './SampleLossesView';
import { useRunSamples } from '../useRunSamples';

interface Props {
  run: PanelRun;
  compareRuns: PanelRun[];
  view: PanelViewState;
  onViewChange(patch: Partial<PanelViewState>): void;
  onStop(): void;
  /** Train the run's file again from exactly the weights this run started from. */
  onRestart(): void;
}

export function RunView({ run, compareRuns, view, onViewChange, onStop, onRestart }: Props): React.JSX.Element {
  const { header } = run;
  const running = isActive(header);
  const samples = useRunSamples(run);
  // The point the plot rings and reads out: chosen on the plot, or from the worst-predicted list.
  const [activePoint, setActivePoint] = useState<ActivePoint>({ index: -1, fromList: false });
  const plotted = run.boundary !== undefined && run.points !== undefined;
  const hasAccuracy = run.batches.series.accuracy.some((value) => value !== null)
    || run.epochs.some((point) => point.accuracy !== null || point.valAccuracy !== null);
  return (
    <section className="run" aria-label={`Run ${header.runId}`}>
      <header className="run-header">
        <h2>{`Run ${header.runId}: ${header.config.documentName}`}</h2>
        {header.label !== undefined ? <span className="run-label" aria-label="Run label">{header.label}</span> : null}
        <span className={`status status-${header.status}`} role="status" aria-label="Run status">
          {statusLine(header)}
        </span>
        {!running && header.info?.initialWeights !== undefined
          ? <button type="button" className="secondary" onClick={onRestart} title="Train this file again from exactly the weights this run started from">Restart from same initial weights</button>
          : null}
      </header>
      <RunControlsBar run={run} onStop={onStop} />
      {header.failure !== undefined ? <FailureBanner failure={header.failure} /> : null}
      <ProgressView run={run} />
      <ChartControls
        logScale={view.logScale}
        smoothing={view.smoothing}
        onLogScale={(logScale) => onViewChange({ logScale })}
        onSmoothing={(smoothing) => onViewChange({ smoothing })}
      />
      {/* Side by side when the panel is wide but short (styles.css), so the boundary is not below the fold. */}
      <div className="run-body">
      <div className="charts">
        <MetricChart metric="loss" run={run} compareRuns={compareRuns} smoothing={view.smoothing} logScale={view.logScale} />
        {hasAccuracy
          ? <MetricChart metric="accuracy" run={run} compareRuns={compareRuns} smoothing={view.smoothing} logScale={false} />
          : null}
      </div>
      <div className="details">
        {run.boundary !== undefined
          ? (
            <DecisionBoundaryView
              boundary={run.boundary} points={run.points} classCount={header.info?.classCount ?? 2}
              samples={samples} validation={run.samples?.validation}
              showValidation={view.showValidation === true} discrete={view.discreteBoundary === true}
              onShowValidation={(showValidation) => onViewChange({ showValidation })}
              onDiscrete={(discreteBoundary) => onViewChange({ discreteBoundary })}
              active={activePoint} onActive={(index) => setActivePoint({ index, fromList: false })}
            />
          )
          : null}
        {run.neurons !== undefined ? <NeuronView neurons={run.neurons} /> : null}
        <div className="details-column">
          {header.confusion !== undefined && header.confusion.counts.length > 0
            ? <ConfusionMatrixView confusion={header.confusion} />
            : null}
          {samples !== undefined
            ? (
              <SampleLossesView
                samples={samples}
                onShow={plotted ? (index) => setActivePoint({ index, fromList: true }) : undefined}
                shown={activePoint.fromList ? activePoint.index : -1}
              />
            )
            : null}
        </div>
        {header.config.engine === 'pytorch'
          ? (
            <p className="engine-note" role="note">
              PyTorch runs show the curves and progress only: the decision boundary and the confusion matrix are drawn by
              the built-in engine.
            </p>
          )
          : null}
        <RunConfigView run={run} />
      </div>
      </div>
    </section>
  );
}
