// The toy data sets drawn from the seeded generator: the TensorFlow Playground and scikit-learn classics.
// Every set is 2-D except blobs, shuffled once so that a validation split holds every class, and reproducible bit for
// bit from the seed.
import type { Dataset } from '../types';

/** The part of the core's seeded generator the data sets draw from (structurally the core's `Random`). */
export interface RandomSource {
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Standard normal. */
  nextNormal(): number;
  /** Shuffles in place. */
  shuffle(values: Uint32Array): void;
}

export interface XorOptions { samples: number; noise: number }
export interface CirclesOptions { samples: number; noise: number; factor: number }
export interface MoonsOptions { samples: number; noise: number }
export interface SpiralOptions { samples: number; noise: number; classes: number }
export interface BlobsOptions { samples: number; noise: number; classes: number; features: number }

/** Features and class indices as drawn, before the shuffle and the choice of label layout. */
interface DrawnPoints { features: Float32Array; classIndices: Uint32Array; featureCount: number }

/**
 * XOR as in the TensorFlow Playground, scaled to [-1, 1]: points keep a gap of 0.1 from both axes (so the classes are
 * separable when noise is 0), and the label is 1 where x and y differ in sign. Noise is Gaussian, added after
 * labelling, with the given standard deviation.
 */
export function generateXor(options: XorOptions, random: RandomSource): Dataset {
  const { samples, noise } = options;
  const padding = 0.1;
  const features = new Float32Array(samples * 2);
  const classIndices = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = awayFromZero(random.nextFloat() * 2 - 1, padding);
    const y = awayFromZero(random.nextFloat() * 2 - 1, padding);
    classIndices[i] = x * y < 0 ? 1 : 0;
    features[i * 2] = x + noise * random.nextNormal();
    features[i * 2 + 1] = y + noise * random.nextNormal();
  }
  return finish('xor', { features, classIndices, featureCount: 2 }, 2, random);
}

/** Maps u in [-1, 1) to [-1, -padding] ∪ [padding, 1], keeping its sign. */
function awayFromZero(u: number, padding: number): number {
  return u >= 0 ? padding + u * (1 - padding) : -padding + u * (1 - padding);
}

/**
 * scikit-learn's make_circles: an outer circle of radius 1 (class 0) around an inner one of radius `factor`
 * (class 1), angles drawn uniformly, Gaussian noise of standard deviation `noise` on both coordinates.
 */
export function generateCircles(options: CirclesOptions, random: RandomSource): Dataset {
  const { samples, noise, factor } = options;
  const outerCount = Math.floor(samples / 2);
  const features = new Float32Array(samples * 2);
  const classIndices = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) {
    const inner = i >= outerCount;
    const radius = inner ? factor : 1;
    const angle = random.nextFloat() * 2 * Math.PI;
    classIndices[i] = inner ? 1 : 0;
    features[i * 2] = radius * Math.cos(angle) + noise * random.nextNormal();
    features[i * 2 + 1] = radius * Math.sin(angle) + noise * random.nextNormal();
  }
  return finish('circles', { features, classIndices, featureCount: 2 }, 2, random);
}

/**
 * scikit-learn's make_moons: the upper moon (cos t, sin t) is class 0, the lower (1 − cos t, 0.5 − sin t) class 1,
 * t uniform in [0, π], with Gaussian noise of standard deviation `noise`.
 */
export function generateMoons(options: MoonsOptions, random: RandomSource): Dataset {
  const { samples, noise } = options;
  const upperCount = Math.floor(samples / 2);
  const features = new Float32Array(samples * 2);
  const classIndices = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) {
    const lower = i >= upperCount;
    const t = random.nextFloat() * Math.PI;
    classIndices[i] = lower ? 1 : 0;
    const x = lower ? 1 - Math.cos(t) : Math.cos(t);
    const y = lower ? 0.5 - Math.sin(t) : Math.sin(t);
    features[i * 2] = x + noise * random.nextNormal();
    features[i * 2 + 1] = y + noise * random.nextNormal();
  }
  return finish('moons', { features, classIndices, featureCount: 2 }, 2, random);
}

/**
 * The spiral of Stanford's CS231n notes: `classes` arms, each turning 4 radians as its radius grows from 0 to 1,
 * arm j starting at angle 2πj/classes; noise is the standard deviation of a Gaussian added to the angle (0.2 in the
 * notes). Samples are split as evenly as possible between the arms.
 */
export function generateSpiral(options: SpiralOptions, random: RandomSource): Dataset {
  const { samples, noise, classes } = options;
  const features = new Float32Array(samples * 2);
  const classIndices = new Uint32Array(samples);
  let row = 0;
  for (let arm = 0; arm < classes; arm++) {
    const armCount = Math.floor(samples / classes) + (arm < samples % classes ? 1 : 0);
    for (let k = 0; k < armCount; k++, row++) {
      const radius = armCount > 1 ? k / (armCount - 1) : 0;
      const angle = (2 * Math.PI * arm) / classes + 4 * radius + noise * random.nextNormal();
      classIndices[row] = arm;
      features[row * 2] = radius * Math.sin(angle);
      features[row * 2 + 1] = radius * Math.cos(angle);
    }
  }
  return finish('spiral', { features, classIndices, featureCount: 2 }, classes, random);
}

/**
 * scikit-learn's make_blobs: one centre per class drawn uniformly from [-10, 10] in each feature, points Gaussian
 * around it with standard deviation `noise` (make_blobs' cluster_std, 1 by default).
 */
export function generateBlobs(options: BlobsOptions, random: RandomSource): Dataset {
  const { samples, noise, classes, features: featureCount } = options;
  const centres = new Float64Array(classes * featureCount);
  for (let i = 0; i < centres.length; i++) centres[i] = random.nextFloat() * 20 - 10;
  const features = new Float32Array(samples * featureCount);
  const classIndices = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) {
    const blob = i % classes;
    classIndices[i] = blob;
    for (let f = 0; f < featureCount; f++) {
      features[i * featureCount + f] = centres[blob * featureCount + f] + noise * random.nextNormal();
    }
  }
  return finish('blobs', { features, classIndices, featureCount }, classes, random);
}

/** Shuffles the rows once and lays the labels out: one 0/1 column for two classes, a class index otherwise. */
function finish(name: string, drawn: DrawnPoints, classCount: number, random: RandomSource): Dataset {
  const { featureCount } = drawn;
  const sampleCount = drawn.classIndices.length;
  const order = new Uint32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) order[i] = i;
  random.shuffle(order);
  const features = new Float32Array(sampleCount * featureCount);
  const labels = new Float32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) {
    const from = order[i];
    features.set(drawn.features.subarray(from * featureCount, (from + 1) * featureCount), i * featureCount);
    labels[i] = drawn.classIndices[from];
  }
  const featureNames = featureCount === 2 ? ['x', 'y'] : Array.from({ length: featureCount }, (_, f) => `x${f}`);
  return {
    name,
    features,
    labels,
    sampleCount,
    featureCount,
    labelWidth: 1,
    labelKind: classCount === 2 ? 'binary' : 'index',
    classCount,
    featureNames,
    classNames: Array.from({ length: classCount }, (_, c) => String(c)),
  };
}
