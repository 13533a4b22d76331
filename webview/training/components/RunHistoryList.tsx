// Every run of the session, newest first: pick one to show, tick others to draw over it.
import { formatNumber } from '../chartData';
import { statusWord } from '../runState';
import type { PanelRun } from '../runStore';

interface Props {
  runs: PanelRun[];
  shownRunId: number;
  compareRunIds: readonly number[];
  onShow(runId: number): void;
  onCompare(runId: number, compare: boolean): void;
  onClear(): void;
}

function finalLoss(run: PanelRun): number | null {
  const lastEpoch = run.epochs[run.epochs.length - 1];
  if (lastEpoch?.loss !== null && lastEpoch?.loss !== undefined) return lastEpoch.loss;
  const losses = run.batches.series.loss;
  return losses.length > 0 ? losses[losses.length - 1] : null;
}

export function RunHistoryList({ runs, shownRunId, compareRunIds, onShow, onCompare, onClear }: Props): React.JSX.Element {
  return (
    <section aria-label="Runs">
      <h3>Runs</h3>
      <ul className="runs">
        {runs.map((run) => {
          const { runId, config } = run.header;
          const shown = runId === shownRunId;
          return (
            <li key={runId} className={shown ? 'shown' : undefined}>
              <button type="button" aria-pressed={shown} onClick={() => onShow(runId)}>
                {`Run ${runId}: ${config.documentName}, ${config.optimizer}${config.mode === 'step' ? ', step by step' : ''}, ${statusWord(run.header)}, loss ${formatNumber(finalLoss(run))}`}
              </button>
              {!shown ? (
                <label>
                  <input
                    type="checkbox" checked={compareRunIds.includes(runId)}
                    onChange={(event) => onCompare(runId, event.target.checked)}
                  />
                  Compare
                </label>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onClear} disabled={runs.length === 0}>Clear finished runs</button>
    </section>
  );
}
