// Where the run is: epoch and step of how many, throughput, elapsed and what is left. A stepping session (NN Graph:
// Step) spans the same epochs as a full run, so it shows the epochs from the file and counts the steps taken; what
// is left is counted in steps, since the person, not the clock, decides when the next one comes.
import { formatDuration, remainingMs } from '../chartData';
import { isActive, stepCounts } from '../runState';
import type { PanelRun } from '../runStore';

function remainingText(run: PanelRun): string {
  const { header } = run;
  const steps = stepCounts(header);
  if (!isActive(header)) return header.config.mode === 'step' ? '–' : formatDuration(0);
  if (header.config.mode === 'step') {
    return header.info !== undefined ? `${steps.left.toLocaleString('en-US')} step${steps.left === 1 ? '' : 's'}` : '–';
  }
  const remaining = remainingMs(header.progress?.elapsedMs ?? 0, steps.taken, steps.total);
  return remaining !== undefined ? formatDuration(remaining) : '–';
}

export function ProgressView({ run }: { run: PanelRun }): React.JSX.Element {
  const { info, progress, config } = run.header;
  const steps = stepCounts(run.header);
  const stepping = config.mode === 'step';
  const stepsTaken = `${steps.taken.toLocaleString('en-US')} / ${info !== undefined ? steps.total.toLocaleString('en-US') : '–'}`;
  return (
    <section className="progress" aria-label="Progress">
      <progress
        aria-label="Training progress" max={Math.max(1, steps.total)} value={Math.min(steps.taken, steps.total)}
        aria-valuetext={info !== undefined ? `step ${steps.taken} of ${steps.total}` : 'loading data'}
      />
      <dl className="facts">
        <div><dt>Epoch</dt><dd>{`${progress?.epoch ?? 0} / ${config.epochs}`}</dd></div>
        <div><dt>Step</dt><dd>{`${progress?.step ?? 0} / ${info?.stepsPerEpoch ?? '–'}`}</dd></div>
        {stepping
          ? <div><dt>Steps taken</dt><dd>{stepsTaken}</dd></div>
          : null}
        <div><dt>Samples/s</dt><dd>{progress !== undefined ? Math.round(progress.samplesPerSecond).toLocaleString('en-US') : '–'}</dd></div>
        <div><dt>{stepping ? 'Training time' : 'Elapsed'}</dt><dd>{formatDuration(progress?.elapsedMs ?? 0)}</dd></div>
        <div><dt>Remaining</dt><dd>{remainingText(run)}</dd></div>
      </dl>
    </section>
  );
}
