// How a run reads in the panel. A stepping session (NN Graph: Step) keeps one run open across many Steps; between
// Steps its worker sits idle and the host marks the run `paused`, so the panel says so rather than running, and
// counts its progress in steps the person takes, not in time.
import { isLiveStatus, type RunHeader } from '../../src/protocol/messages';

const statusWords: Record<RunHeader['status'], string> = {
  starting: 'starting', running: 'running', paused: 'paused', completed: 'completed', cancelled: 'stopped',
  'non-finite': 'stopped: not a number', failed: 'failed',
};

/** The run's worker is still there: it can be stopped (a paused stepping session included). */
export function isActive(header: RunHeader): boolean {
  return isLiveStatus(header.status);
}

/** A stepping session waiting for the next Step. */
export function isPaused(header: RunHeader): boolean {
  return header.status === 'paused';
}

/** A run that early stopping ended before its last epoch: it did not complete, it stopped on purpose. */
export function stoppedEarly(header: RunHeader): boolean {
  return header.status === 'completed' && header.earlyStopping?.stoppedEpoch !== undefined;
}

/** One word or two for the run's state, as the run list shows it. */
export function statusWord(header: RunHeader): string {
  return stoppedEarly(header) ? 'stopped early' : statusWords[header.status];
}

/**
 * The status line: the state, then the host's summary. A paused run's summary already says "Paused…", and an
 * early-stopped one's "Stopped early at epoch 14 of 100 · kept epoch 9's weights", so those are shown alone.
 */
export function statusLine(header: RunHeader): string {
  const { summary } = header;
  if (summary === undefined) return statusWord(header);
  return isPaused(header) || stoppedEarly(header) ? summary : `${statusWord(header)} · ${summary}`;
}

/**
 * The runs that may be drawn over `shown`: those picked for comparison that train the same file, never another
 * graph's (a moons run's curves on the digits charts compare nothing).
 */
export function comparableRunIds(shown: RunHeader, picked: readonly number[], headers: ReadonlyMap<number, RunHeader>): number[] {
  return picked.filter((runId) => runId !== shown.runId && headers.get(runId)?.documentUri === shown.documentUri);
}

export interface StepCounts {
  /** Steps trained so far over all epochs. */
  taken: number;
  /** Steps the whole run would take (steps per epoch × epochs); 0 until the data is loaded. */
  total: number;
  /** Steps left before the last epoch ends. */
  left: number;
}

export function stepCounts(header: RunHeader): StepCounts {
  const taken = header.progress?.globalStep ?? 0;
  const total = header.info?.totalSteps ?? 0;
  return { taken, total, left: Math.max(0, total - taken) };
}
