// Every run of the session, newest first, each with its label (what differs from the file's run before it): pick one
// to show, tick others of the same file to draw over it.
import { formatNumber } from '../chartData';
import { statusWord } from '../runState';
import type { PanelRun } from '../runStore';
import type { RunHeader } from '../../../src/protocol/messages';

interface Props {
  runs: PanelRun[];
  shown: RunHeader;
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

export function RunHistoryList({ runs, shown: shownHeader, compareRunIds, onShow, onCompare, onClear }: Props): React.JSX.Element {
  return (
    <section aria-label="Runs">
      <h3>Runs</h3>
      <ul className="runs">
        {runs.map((run) => {
          const { runId, config } = run.header;
          const shown = runId === shownHeader.runId;
          return (
            <li key={runId} className={shown ? 'shown' : undefined}>
              <button type="button" aria-pressed={shown} onClick={() => onShow(runId)}>
                {`Run ${runId}: ${config.documentName}, ${config.optimizer}${config.mode === 'step' ? ', step by step' : ''}, ${statusWord(run.header)}, loss ${formatNumber(finalLoss(run))}`}
                {run.header.label !== undefined ? <span className="run-label">{` · ${run.header.label}`}</span> : null}
              </button>
              {!shown && run.header.documentUri === shownHeader.documentUri ? (
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
