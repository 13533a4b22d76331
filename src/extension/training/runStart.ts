// Which weights a new run starts from. Train and Step start from the seed's fresh initial weights unless the person
// chose "Continue from saved weights" for the file (the editor toolbar), or asked to restart from exactly the weights
// an earlier run started from (the training panel). The choice is a per-file setting of this window, not a field of
// the .nngraph file: it says how the next run on this machine starts, not what the network is, and a graph that
// continued from a weights file nobody committed would train differently for everyone else. No vscode: tested in
// plain Node.
import type { RunStartView } from '../../protocol/messages';

export interface StartRequest {
  /** The file's toolbar choice: continue from `<name>.safetensors` when it exists. */
  continueFromSaved: boolean;
  /** "Restart from the same initial weights" of this run (wins over the toolbar choice). */
  restartFromRunId?: number;
  /** The run of this session whose weights are in the saved file now, if one saved them. */
  lastSavedRunId?: number;
}

export interface StartPlan {
  start: RunStartView;
  /** Where the starting bytes come from: none (the seed's), the saved weights file, or run `start.fromRunId`'s copy. */
  weightsFrom: 'seed' | 'saved-file' | 'run-initial';
}

export function planStart(request: StartRequest): StartPlan {
  if (request.restartFromRunId !== undefined) {
    return { start: { kind: 'restart', fromRunId: request.restartFromRunId }, weightsFrom: 'run-initial' };
  }
  if (!request.continueFromSaved) return { start: { kind: 'fresh' }, weightsFrom: 'seed' };
  return {
    start: request.lastSavedRunId !== undefined ? { kind: 'continue', fromRunId: request.lastSavedRunId } : { kind: 'continue' },
    weightsFrom: 'saved-file',
  };
}

/** What the run actually started from, as the worker found it. */
export type StartOutcome = 'fresh' | 'restored' | 'mismatch';

/**
 * The words for where a run's weights came from, as its label ends: "fresh weights", "continued from run 2",
 * "initial weights of run 3". `outcome` is absent until the worker has loaded the run; a request to continue that found
 * no file, or weights that did not fit, reads as the fresh start it became.
 */
export function describeStart(start: RunStartView | undefined, outcome?: StartOutcome): string {
  if (start === undefined || start.kind === 'fresh') return 'fresh weights';
  if (outcome === 'mismatch') {
    return start.kind === 'continue' ? 'fresh weights (the saved ones do not fit the graph)'
      : `fresh weights (run ${start.fromRunId}'s do not fit the graph)`;
  }
  if (outcome === 'fresh') {
    return start.kind === 'continue' ? 'fresh weights (none saved to continue from)'
      : `fresh weights (run ${start.fromRunId}'s initial weights are no longer kept)`;
  }
  if (start.kind === 'restart') return `initial weights of run ${start.fromRunId}`;
  return start.fromRunId !== undefined ? `continued from run ${start.fromRunId}` : 'continued from the saved weights';
}

/** FNV-1a (32 bits) of the starting weights file, as 8 hex digits: equal fingerprints, equal starting weights. */
export function weightsFingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
