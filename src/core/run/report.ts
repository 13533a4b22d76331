// How a run's epochs read as text, for the command line and the extension's output channel alike: Keras' wording.
import type { EpochReport } from '../types';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function thousands(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `loss: 0.3412 - accuracy: 0.8750 - val_loss: … - val_accuracy: …`, leaving out metrics the report lacks. */
export function formatMetrics(report: { loss: number; accuracy?: number; valLoss?: number; valAccuracy?: number }): string {
  const parts = [`loss: ${report.loss.toFixed(4)}`];
  if (report.accuracy !== undefined) parts.push(`accuracy: ${report.accuracy.toFixed(4)}`);
  if (report.valLoss !== undefined) parts.push(`val_loss: ${report.valLoss.toFixed(4)}`);
  if (report.valAccuracy !== undefined) parts.push(`val_accuracy: ${report.valAccuracy.toFixed(4)}`);
  return parts.join(' - ');
}

/** `Epoch 3/10 - 210ms - loss: 0.3412 - accuracy: 0.8750 - val_loss: … - 48,000 samples/s` */
export function epochLine(report: EpochReport, epochs: number): string {
  return `Epoch ${report.epoch}/${epochs} - ${formatDuration(report.elapsedMs)} - ${formatMetrics(report)} - ${thousands(report.samplesPerSecond)} samples/s`;
}
