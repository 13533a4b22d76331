// Which rows the training loop will train on, known before it starts, so that normalization statistics come from the
// training part only. It must draw exactly as the trainer does (src/core/trainer.ts: one shuffle of 0…n−1 on the data
// stream of the seed, the last floor(n × validationSplit) rows held out); a test checks the two against each other.
import { Random, RandomStream } from '../random';

export interface RowSplit {
  trainingRows: Uint32Array;
  validationRows: Uint32Array;
}

export function splitRows(sampleCount: number, validationSplit: number, seed: number): RowSplit {
  const order = new Uint32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) order[i] = i;
  Random.forStream(seed, RandomStream.data).shuffle(order);
  const trainCount = sampleCount - Math.floor(sampleCount * validationSplit);
  return { trainingRows: order.slice(0, trainCount), validationRows: order.slice(trainCount) };
}
