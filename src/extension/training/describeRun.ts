// The words a person reads about a run: its optimizer, why it ended, and what to try when the numbers blew up.
import type { EarlyStopOutcome, OptimizerSpec, StopReason } from '../../core/index';
import type { DatasetRef, Diagnostic } from '../../graph/index';
import type { RunFailure, RunStatus } from '../../protocol/messages';
import type { WeightsOrigin } from '../../protocol/workerMessages';

export const nonFiniteSuggestion = 'Try a lower learning rate, or normalize the inputs (input node: normalize "standard").';

export function describeOptimizer(optimizer: OptimizerSpec): string {
  switch (optimizer.type) {
    case 'sgd': return `SGD (learning rate ${optimizer.learningRate}${optimizer.momentum > 0 ? `, momentum ${optimizer.momentum}` : ''}${optimizer.nesterov ? ', Nesterov' : ''})`;
    case 'adam': return `Adam (learning rate ${optimizer.learningRate})`;
    case 'rmsprop': return `RMSprop (learning rate ${optimizer.learningRate})`;
    case 'adamw': return `AdamW (learning rate ${optimizer.learningRate}, weight decay ${optimizer.weightDecay})`;
    default: {
      const unknown: never = optimizer;
      return String(unknown);
    }
  }
}

export function describeWeightsOrigin(origin: WeightsOrigin): string {
  switch (origin.kind) {
    case 'fresh': return "fresh: the seed's initial weights";
    case 'restored': return 'continued from the saved weights';
    case 'mismatch': return `fresh: saved weights not used, ${origin.reason}`;
    default: {
      const unknown: never = origin;
      return String(unknown);
    }
  }
}

export interface StopDescription { status: RunStatus; summary: string; failure?: RunFailure }

/**
 * Whose weights an early-stopping run kept: "kept epoch 9's weights (validation loss 0.3121)" when the best epoch's
 * were restored, otherwise the last epoch's.
 */
export function describeKeptWeights(early: EarlyStopOutcome): string {
  if (!early.restoredBestWeights) return `kept the last epoch's weights (epoch ${early.weightsEpoch}; the best was epoch ${early.bestEpoch})`;
  const loss = Number.isFinite(early.bestValLoss) ? ` (validation loss ${early.bestValLoss.toPrecision(4)})` : '';
  return `kept epoch ${early.weightsEpoch}'s weights${loss}`;
}

/**
 * `lastFiniteWeightsKept`: a non-finite stop returned the weights from before the failing step, to be saved.
 * `plannedEpochs`: the epochs the file asked for ("stopped early at epoch 14 of 100").
 */
export function describeStop(stop: StopReason, epochs: number, stepsRun: number, lastFiniteWeightsKept = false, plannedEpochs?: number): StopDescription {
  const done = `${stepsRun} step${stepsRun === 1 ? '' : 's'}, ${epochs} epoch${epochs === 1 ? '' : 's'}`;
  switch (stop.kind) {
    case 'completed': {
      const early = stop.earlyStopping;
      if (early === undefined) return { status: 'completed', summary: `Completed (${done})` };
      const stopped = early.stoppedEpoch !== undefined
        ? `Stopped early at epoch ${early.stoppedEpoch} of ${plannedEpochs ?? early.stoppedEpoch} (${stepsRun} step${stepsRun === 1 ? '' : 's'})`
        : `Completed (${done})`;
      return { status: 'completed', summary: `${stopped} · ${describeKeptWeights(early)}` };
    }
    case 'cancelled': return { status: 'cancelled', summary: `Stopped (${done})` };
    case 'non-finite': {
      const where = `epoch ${stop.epoch}, step ${stop.step}`;
      const node = stop.nodeId !== '' ? ` at node '${stop.nodeId}'` : '';
      return {
        status: 'non-finite',
        summary: `Stopped: the numbers became NaN or infinite in ${where}${node}`,
        failure: {
          message: `Training stopped in ${where}${node}: ${stop.message}.${lastFiniteWeightsKept
            ? ' The last finite weights (from before that step) were kept.' : ''}`,
          suggestion: nonFiniteSuggestion,
          epoch: stop.epoch, step: stop.step, nodeId: stop.nodeId !== '' ? stop.nodeId : undefined,
        },
      };
    }
    default: {
      const unknown: never = stop;
      return { status: 'failed', summary: String(unknown) };
    }
  }
}

/** "node 'hidden', params.units: …" for the first error, as a person would look for it. */
export function describeFirstError(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const first = errors[0];
  if (first === undefined) return 'no errors';
  const where = [
    first.nodeId !== undefined ? `node '${first.nodeId}'` : undefined,
    first.field,
    `line ${first.range.start.line + 1}`,
  ].filter((part) => part !== undefined).join(', ');
  return `${errors.length} error${errors.length === 1 ? '' : 's'}; the first (${where}): ${first.message}`;
}

export function describeDataset(ref: DatasetRef): string {
  if (ref.kind === 'csv') return `${ref.path} (label '${ref.label}')`;
  const options = Object.entries(ref.options).map(([name, value]) => `${name} ${value}`).join(', ');
  return options !== '' ? `${ref.name} (${options})` : ref.name;
}
