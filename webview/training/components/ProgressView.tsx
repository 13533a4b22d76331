// Where the run is: epoch and step of how many, throughput, elapsed and estimated remaining time.
import { formatDuration, remainingMs } from '../chartData';
import type { PanelRun } from '../runStore';

export function ProgressView({ run }: { run: PanelRun }): React.JSX.Element {
  const { info, progress, config, status } = run.header;
  const totalSteps = info?.totalSteps ?? 0;
  const stepsDone = progress?.globalStep ?? 0;
  const running = status === 'running' || status === 'starting';
  const remaining = running ? remainingMs(progress?.elapsedMs ?? 0, stepsDone, totalSteps) : 0;
  const epochs = config.mode === 'step' ? 1 : config.epochs;
  return (
    <section className="progress" aria-label="Progress">
      <progress aria-label="Training progress" max={Math.max(1, totalSteps)} value={Math.min(stepsDone, totalSteps)} />
      <dl className="facts">
        <div><dt>Epoch</dt><dd>{`${progress?.epoch ?? 0} / ${epochs}`}</dd></div>
        <div><dt>Step</dt><dd>{`${progress?.step ?? 0} / ${info?.stepsPerEpoch ?? '–'}`}</dd></div>
        <div><dt>Samples/s</dt><dd>{progress !== undefined ? Math.round(progress.samplesPerSecond).toLocaleString('en-US') : '–'}</dd></div>
        <div><dt>Elapsed</dt><dd>{formatDuration(progress?.elapsedMs ?? 0)}</dd></div>
        <div><dt>Remaining</dt><dd>{remaining !== undefined ? formatDuration(remaining) : '–'}</dd></div>
      </dl>
    </section>
  );
}
