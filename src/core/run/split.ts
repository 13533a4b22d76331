// Which rows a run trains on and which it holds out for validation: drawn once, here, before anything else reads the
// data (normalization is fitted on the training rows only). docs/nngraph-format.md states the same rule.
//   shuffle: true  - one shuffle of 0…n−1 on the data stream of the seed; the last floor(n × validationSplit) rows
//                    of that order are held out, the training rows are shuffled again every epoch.
//   shuffle: false - file order, as Keras' fit(shuffle=False): the last floor(n × validationSplit) rows of the file
//                    are held out and the training rows are visited first to last, every epoch.
import { Random, RandomStream } from '../random';
import { range } from '../tensor';

export interface RowSplit {
  trainingRows: Uint32Array;
  validationRows: Uint32Array;
}

/** How many rows a split of `sampleCount` holds out; the one place this is computed. */
export function validationCountOf(sampleCount: number, validationSplit: number): number {
  return Math.floor(sampleCount * validationSplit);
}

/**
 * `random` is the seed's data stream (Random.forStream(seed, RandomStream.data)); with shuffle on, the run goes on
 * drawing each epoch's order from it after this split, so a run is reproduced from the seed alone.
 */
export function splitRows(sampleCount: number, validationSplit: number, shuffle: boolean, random: Random): RowSplit {
  const order = range(sampleCount);
  if (shuffle) random.shuffle(order);
  const trainCount = sampleCount - validationCountOf(sampleCount, validationSplit);
  return { trainingRows: order.slice(0, trainCount), validationRows: order.slice(trainCount) };
}

/** The seed's data stream, from which the split and every epoch's order are drawn. */
export function dataRandom(seed: number): Random {
  return Random.forStream(seed, RandomStream.data);
}
