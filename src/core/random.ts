// The one seeded generator of the project: xoshiro128** (Blackman & Vigna), seeded through splitmix32 so that
// nearby seeds (42, 43) give unrelated streams. Every random choice in the core goes through an instance of this
// class, so a run is reproducible bit for bit from its seed.

const TWO_POW_32 = 4294967296;
const TWO_POW_24 = 16777216;

function splitmix32(state: number): [next: number, output: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box–Muller yields normals in pairs; the second one waits here. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Seeds are integers in practice; fold anything else (fractions, > 2^32) into 32 bits deterministically.
    let state = (Math.floor(seed) % TWO_POW_32) | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, output] = splitmix32(state);
      state = next;
      words.push(output);
    }
    this.s0 = words[0] | 0;
    this.s1 = words[1] | 0;
    this.s2 = words[2] | 0;
    this.s3 = words[3] | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 24 random bits, so the value is exact in float32 and never rounds up to 1. */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) / TWO_POW_24;
  }

  /** Uniform in [0, 1) with 53 random bits, for sampling where float32 resolution is not enough. */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A standard normal sample (Box–Muller). */
  nextNormal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.nextDouble()));
    const angle = 2 * Math.PI * this.nextDouble();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** A uniform integer in [0, n), without modulo bias. */
  nextInt(n: number): number {
    if (!(n >= 1) || n > TWO_POW_32 || !Number.isInteger(n)) {
      throw new RangeError(`Random.nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(indices: Uint32Array): void {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const held = indices[i];
      indices[i] = indices[j];
      indices[j] = held;
    }
  }

  /**
   * The generator for one purpose of a run (weight init, dropout masks, data order…): the same seed gives the same
   * stream per purpose, and the purposes do not share draws, so adding dropout does not change the initial weights.
   */
  static forStream(seed: number, stream: number): Random {
    const [, mixed] = splitmix32((Math.floor(seed) % TWO_POW_32) ^ Math.imul(stream, 0x632be5ab));
    return new Random(mixed ^ Math.imul(stream + 1, 0x27d4eb2d));
  }

  /** A new generator whose stream is independent of this one's future draws (for a separate purpose). */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The purposes a run draws random numbers for; each gets its own stream from the run's seed. */
export const RandomStream = { weights: 1, dropout: 2, data: 3 } as const;
