// The run bar: Play (resume a paused run, or train the run's graph again), Pause, Step (one batch while paused),
// Reset (discard the trained weights), Stop, the speed, and the learning rate of a live run. Each button runs the
// same command as the editor toolbar and the palette, for the run's document. A PyTorch run can only be stopped.
import { useEffect, useRef, useState } from 'react';
import { PACE_CHOICES, paceLabel, type PaceChoice } from '../../../src/protocol/pace';
import { postToHost } from '../hostConnection';
import { isActive, isPaused } from '../runState';
import type { PanelRun } from '../runStore';

type Action = 'pause' | 'resume' | 'step' | 'reset' | 'train';

function paceOptionLabel(choice: PaceChoice, run: PanelRun): string {
  const effective = run.header.pace?.effective;
  if (choice === 'auto' && effective !== undefined && effective !== 'auto') return `Auto: ${paceLabel(effective).toLowerCase()}`;
  return paceLabel(choice);
}

export function RunControlsBar({ run, onStop }: { run: PanelRun; onStop(): void }): React.JSX.Element {
  const { header } = run;
  const { runId } = header;
  const live = isActive(header);
  const paused = isPaused(header);
  const running = live && !paused;
  const controllable = header.config.engine !== 'pytorch';
  const control = (action: Action) => () => postToHost({ type: 'control', runId, action });
  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      {paused
        ? <button type="button" onClick={control('resume')} title="Resume the paused run">Play</button>
        : (
          <button type="button" onClick={control('train')} disabled={running} title="Train the graph again (a new run)">
            Play
          </button>
        )}
      <button type="button" onClick={control('pause')} disabled={!running || !controllable} title="Pause after the current batch; the run stays open">
        Pause
      </button>
      <button type="button" onClick={control('step')} disabled={running} title="Train one batch (a paused run, or a new run one batch at a time)">
        Step
      </button>
      <button type="button" onClick={control('reset')} title="Discard the trained weights: the next run starts from the seed's initial weights">
        Reset
      </button>
      {live ? <button type="button" onClick={onStop}>Stop</button> : null}
      {controllable
        ? (
          <label>
            Speed
            <select
              aria-label="Speed" value={header.pace?.choice ?? 'auto'}
              onChange={(event) => postToHost({ type: 'setPace', runId, pace: event.target.value as PaceChoice })}
            >
              {PACE_CHOICES.map((choice) => <option key={choice} value={choice}>{paceOptionLabel(choice, run)}</option>)}
            </select>
          </label>
        )
        : null}
      {live && controllable ? <LearningRateField runId={runId} learningRate={header.config.learningRate} /> : null}
    </div>
  );
}

/** The live run's learning rate; a new value applies from the next batch on (Enter or leaving the field). */
function LearningRateField({ runId, learningRate }: { runId: number; learningRate: number }): React.JSX.Element {
  const [draft, setDraft] = useState(String(learningRate));
  // The last rate sent: Enter then leaving the field sends it once, not twice, before the host's echo arrives.
  const sent = useRef(learningRate);
  useEffect(() => {
    sent.current = learningRate;
    setDraft(String(learningRate));
  }, [learningRate]);
  const value = Number(draft);
  const valid = draft.trim() !== '' && Number.isFinite(value) && value > 0;
  const apply = (): void => {
    if (!valid || value === sent.current) return;
    sent.current = value;
    postToHost({ type: 'setLearningRate', runId, learningRate: value });
  };
  return (
    <label title="Applies from the next batch on; the optimizer keeps its state">
      Learning rate
      <input
        type="number" step="any" min={0} aria-label="Learning rate" aria-invalid={!valid} className="learning-rate"
        value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={apply}
        onKeyDown={(event) => { if (event.key === 'Enter') apply(); }}
      />
    </label>
  );
}
