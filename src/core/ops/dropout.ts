// Inverted dropout: during training each unit is kept with probability 1 − rate and scaled by 1/(1 − rate), so
// inference needs no rescaling and is the identity.
import type { FloatArray } from '../tensor';
import type { Random } from '../random';

/** Draws a fresh mask (0 or 1/(1 − rate) per element) and applies it; the identity when not training. */
export function dropoutForward(
  x: FloatArray, y: FloatArray, mask: FloatArray, count: number, rate: number, training: boolean, random: Random,
): void {
  if (!training || rate === 0) {
    for (let i = 0; i < count; i++) { y[i] = x[i]; mask[i] = 1; }
    return;
  }
  const scale = 1 / (1 - rate);
  for (let i = 0; i < count; i++) {
    const keep = random.nextFloat() >= rate ? scale : 0;
    mask[i] = keep;
    y[i] = x[i] * keep;
  }
}

/** dx (+)= dy · mask. */
export function dropoutBackward(
  dy: FloatArray, mask: FloatArray, dx: FloatArray, count: number, accumulate: boolean,
): void {
  for (let i = 0; i < count; i++) {
    const grad = dy[i] * mask[i];
    dx[i] = accumulate ? dx[i] + grad : grad;
  }
}
