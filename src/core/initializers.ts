// Keras' kernel initializers (VarianceScaling underneath):
//   glorot_uniform  U(−l, l), l = √(6 / (fan_in + fan_out))                   (Keras' default for Dense)
//   glorot_normal   truncated N(0, s), s = √(2 / (fan_in + fan_out)) / 0.87962566103423978
//   he_uniform      U(−l, l), l = √(6 / fan_in)
//   he_normal       truncated N(0, s), s = √(2 / fan_in) / 0.87962566103423978
//   zeros
// The truncated normal redraws samples beyond two standard deviations; the constant is the standard deviation of a
// standard normal truncated to [−2, 2], so the result has the intended variance.
import type { InitializerName } from './types';
import type { Random } from './random';

const TRUNCATED_NORMAL_STD = 0.87962566103423978;

export function initializeKernel(
  init: InitializerName, kernel: Float32Array, fanIn: number, fanOut: number, random: Random,
): void {
  switch (init) {
    case 'glorot_uniform': fillUniform(kernel, Math.sqrt(6 / (fanIn + fanOut)), random); return;
    case 'he_uniform': fillUniform(kernel, Math.sqrt(6 / fanIn), random); return;
    case 'glorot_normal': fillTruncatedNormal(kernel, Math.sqrt(2 / (fanIn + fanOut)) / TRUNCATED_NORMAL_STD, random); return;
    case 'he_normal': fillTruncatedNormal(kernel, Math.sqrt(2 / fanIn) / TRUNCATED_NORMAL_STD, random); return;
    case 'zeros': kernel.fill(0); return;
  }
}

function fillUniform(target: Float32Array, limit: number, random: Random): void {
  for (let i = 0; i < target.length; i++) target[i] = (2 * random.nextFloat() - 1) * limit;
}

function fillTruncatedNormal(target: Float32Array, stddev: number, random: Random): void {
  for (let i = 0; i < target.length; i++) {
    let sample = random.nextNormal();
    while (sample < -2 || sample > 2) sample = random.nextNormal();
    target[i] = sample * stddev;
  }
}
