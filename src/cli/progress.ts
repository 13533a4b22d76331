// How a training run looks on the command line: a progress bar per epoch on a terminal, one line per epoch (Keras'
// wording), or one JSON object per epoch for scripts.
import type { BatchReport, EpochReport } from '../core/index';

/** The per-epoch JSON line; metrics the run does not have are left out. */
export function epochJson(report: EpochReport): string {
  const line: Record<string, number> = { epoch: report.epoch, loss: report.loss };
  if (report.accuracy !== undefined) line.accuracy = report.accuracy;
  if (report.valLoss !== undefined) line.val_loss = report.valLoss;
  if (report.valAccuracy !== undefined) line.val_accuracy = report.valAccuracy;
  line.samples_per_s = Math.round(report.samplesPerSecond);
  line.elapsed_ms = Math.round(report.elapsedMs * 1000) / 1000;
  return JSON.stringify(line);
}

function metrics(report: { loss: number; accuracy?: number; valLoss?: number; valAccuracy?: number }): string {
  const parts = [`loss: ${report.loss.toFixed(4)}`];
  if (report.accuracy !== undefined) parts.push(`accuracy: ${report.accuracy.toFixed(4)}`);
  if (report.valLoss !== undefined) parts.push(`val_loss: ${report.valLoss.toFixed(4)}`);
  if (report.valAccuracy !== undefined) parts.push(`val_accuracy: ${report.valAccuracy.toFixed(4)}`);
  return parts.join(' - ');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function thousands(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `Epoch 3/10 - 210ms - loss: 0.3412 - accuracy: 0.8750 - val_loss: … - 48,000 samples/s` */
export function epochLine(report: EpochReport, epochs: number): string {
  return `Epoch ${report.epoch}/${epochs} - ${formatDuration(report.elapsedMs)} - ${metrics(report)} - ${thousands(report.samplesPerSecond)} samples/s`;
}

/** `Epoch 3/10 [=======>            ] 45/100 - loss: 0.3412 - accuracy: 0.8750` */
export function progressLine(batch: BatchReport, epochs: number): string {
  const width = 24;
  const filled = Math.floor((batch.step / batch.stepsPerEpoch) * width);
  const bar = filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${' '.repeat(width - filled - 1)}`;
  const steps = String(batch.stepsPerEpoch);
  return `Epoch ${batch.epoch}/${epochs} [${bar}] ${String(batch.step).padStart(steps.length)}/${steps} - ${metrics(batch)}`;
}
