// What a run shows outside the training panel while it trains: a line per epoch in the "NN Graph" output channel,
// the status bar item (epoch, loss), the progress notification, and the loss and node statistics on the graph.
import * as vscode from 'vscode';
import { type BatchReport, epochLine, type EpochReport } from '../../core/index';
import type { NodeStat, RunInfo } from '../../protocol/workerMessages';
import type { TrainingOverlay } from '../../protocol/messages';
import { postTrainingUpdate } from '../editor/registerGraphEditor';
import { formatMetric } from './formatMetric';
import type { RunOutcome } from './runController';

/** Status bar, notification, output channel and graph overlay are updated at most this often; the panel has the
 * full-rate curves. */
const uiIntervalMs = 250;

export interface FeedbackTarget {
  runId: number;
  uri: vscode.Uri;
  name: string;
  epochs: number;
  mode: 'train' | 'step';
}

export class RunFeedback {
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private reportedPercent = 0;
  private totalSteps = 0;
  private lastUiAt = -Infinity;
  private latest: BatchReport | undefined;
  private pendingLines: string[] = [];
  private latestStats: Record<string, { mean: number; std: number; zeroFraction: number; gradNorm: number }> | undefined;

  constructor(
    private readonly target: FeedbackTarget,
    private readonly output: vscode.OutputChannel,
    private readonly statusBar: vscode.StatusBarItem,
  ) {}

  attachProgress(progress: vscode.Progress<{ message?: string; increment?: number }>): void {
    this.progress = progress;
  }

  started(configLine: string): void {
    this.output.appendLine(`[${this.target.name}] run ${this.target.runId} (${this.target.mode}): ${configLine}`);
    this.statusBar.text = `$(sync~spin) NN Graph: starting ${this.target.name}`;
    this.statusBar.show();
    postTrainingUpdate(this.target.uri, { running: true });
  }

  ready(info: RunInfo, totalSteps: number, weightsLine: string): void {
    this.totalSteps = totalSteps;
    this.output.appendLine(
      `[${this.target.name}] ${info.sampleCount} samples (${info.trainCount} training, ${info.validationCount} validation), `
      + `${info.stepsPerEpoch} steps per epoch, ${info.paramCount} parameters, ${info.backend} backend; weights ${weightsLine}`,
    );
  }

  progressed(latest: BatchReport | undefined, epochs: readonly EpochReport[], nodeStats: NodeStat[] | undefined): void {
    for (const epoch of epochs) this.pendingLines.push(`[${this.target.name}] ${epochLine(epoch, this.target.epochs)}`);
    if (nodeStats !== undefined) this.latestStats = overlayStats(nodeStats);
    if (latest !== undefined) this.latest = latest;
    const now = performance.now();
    // Every call below is a message to the window; a run of tiny epochs must not flood it (1,000 epochs a second
    // would otherwise be 1,000 output appends a second), so they go out a few times a second, lines joined.
    if (now - this.lastUiAt < uiIntervalMs) return;
    this.lastUiAt = now;
    this.flushLines();
    const shown = this.latest;
    if (shown === undefined) return;
    const lossText = formatMetric(shown.loss);
    this.statusBar.text = `$(sync~spin) NN Graph: epoch ${shown.epoch}/${this.target.epochs} · loss ${lossText}`;
    this.statusBar.tooltip = `${this.target.name}: step ${shown.globalStep} of ${this.totalSteps}. Click to show the training panel.`;
    if (this.progress !== undefined && this.totalSteps > 0) {
      const percent = Math.min(100, (100 * shown.globalStep) / this.totalSteps);
      this.progress.report({ increment: percent - this.reportedPercent, message: `epoch ${shown.epoch}/${this.target.epochs}, loss ${lossText}` });
      this.reportedPercent = percent;
    }
    this.postOverlay({ running: true, loss: finiteOr(shown.loss) });
  }

  private flushLines(): void {
    if (this.pendingLines.length === 0) return;
    this.output.appendLine(this.pendingLines.join('\n'));
    this.pendingLines = [];
  }

  /** The run paused: the status bar and the graph say so (the editor's Play then resumes). */
  paused(): void {
    this.flushLines();
    const shown = this.latest;
    this.statusBar.text = `$(debug-pause) NN Graph: ${this.target.name} paused${shown !== undefined ? ` at epoch ${shown.epoch}/${this.target.epochs}` : ''}`;
    this.progress?.report({ message: 'paused' });
    this.postOverlay({ running: false, paused: true, loss: finiteOr(shown?.loss) });
  }

  resumed(): void {
    this.lastUiAt = -Infinity;
    this.statusBar.text = `$(sync~spin) NN Graph: ${this.target.name} resumed`;
    this.postOverlay({ running: true, loss: finiteOr(this.latest?.loss) });
  }

  finished(outcome: RunOutcome): void {
    this.flushLines();
    this.output.appendLine(`[${this.target.name}] ${outcome.summary}`);
    if (outcome.failure?.suggestion !== undefined) this.output.appendLine(`[${this.target.name}] ${outcome.failure.message} ${outcome.failure.suggestion}`);
    const overlay: TrainingOverlay = { running: false, loss: finiteOr(outcome.lastLoss) };
    if (outcome.failure !== undefined) {
      overlay.failure = {
        nodeId: outcome.failure.nodeId,
        message: `${outcome.failure.message}${outcome.failure.suggestion !== undefined ? ` ${outcome.failure.suggestion}` : ''}`,
      };
    }
    this.postOverlay(overlay);
  }

  private postOverlay(overlay: TrainingOverlay): void {
    if (this.latestStats !== undefined) overlay.nodeStats = this.latestStats;
    if (overlay.loss === undefined) delete overlay.loss;
    postTrainingUpdate(this.target.uri, overlay);
  }
}

function finiteOr(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function overlayStats(nodeStats: readonly NodeStat[]): Record<string, { mean: number; std: number; zeroFraction: number; gradNorm: number }> {
  const byNode: Record<string, { mean: number; std: number; zeroFraction: number; gradNorm: number }> = {};
  for (const stat of nodeStats) {
    if (![stat.mean, stat.std, stat.zeroFraction].every(Number.isFinite)) continue;
    // An activation folded into the loss has no gradient of its own to report; 0 reads as "none" on the node.
    const gradNorm = stat.gradNorm !== undefined && Number.isFinite(stat.gradNorm) ? stat.gradNorm : 0;
    byNode[stat.nodeId] = { mean: stat.mean, std: stat.std, zeroFraction: stat.zeroFraction, gradNorm };
  }
  return byNode;
}
