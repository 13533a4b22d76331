// How a training run looks on the command line: a progress bar per epoch on a terminal, one line per epoch (Keras'
// wording), or one JSON object per epoch for scripts.
import { formatMetrics, type BatchReport, type EpochReport } from '../core/index';

export { epochLine, formatDuration, thousands } from '../core/index';

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

/** `Epoch 3/10 [=======>            ] 45/100 - loss: 0.3412 - accuracy: 0.8750` */
export function progressLine(batch: BatchReport, epochs: number): string {
  const width = 24;
  const filled = Math.floor((batch.step / batch.stepsPerEpoch) * width);
  const bar = filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${' '.repeat(width - filled - 1)}`;
  const steps = String(batch.stepsPerEpoch);
  return `Epoch ${batch.epoch}/${epochs} [${bar}] ${String(batch.step).padStart(steps.length)}/${steps} - ${formatMetrics(batch)}`;
}
