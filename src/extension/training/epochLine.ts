// One line per epoch for the "NN Graph" output channel, in Keras's words (loss, accuracy, val_loss, val_accuracy).
import type { EpochReport } from '../../core/index';
import { formatMetric } from './formatMetric';

export function epochLine(epoch: EpochReport, epochs: number): string {
  const parts = [`epoch ${epoch.epoch}/${epochs}`, `loss ${formatMetric(epoch.loss)}`];
  if (epoch.accuracy !== undefined) parts.push(`accuracy ${formatMetric(epoch.accuracy)}`);
  if (epoch.valLoss !== undefined) parts.push(`val_loss ${formatMetric(epoch.valLoss)}`);
  if (epoch.valAccuracy !== undefined) parts.push(`val_accuracy ${formatMetric(epoch.valAccuracy)}`);
  parts.push(`${Math.round(epoch.samplesPerSecond)} samples/s`);
  return parts.join(' · ');
}
