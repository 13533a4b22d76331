// Scalar special functions the ops need, accurate to double precision so the float64 gradient checks hold.

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/** The error function, accurate to about 1e-15 over the whole real line. */
export function erf(x: number): number {
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  if (ax < 2.5) return erfSeries(x);
  // erfc(6) ≈ 2e-17 is below double precision's resolution of 1.
  const result = ax >= 6 ? 1 : 1 - erfcContinuedFraction(ax);
  return x < 0 ? -result : result;
}

/** Maclaurin series erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)); terms stop mattering near n = 40 for |x| < 2.5. */
function erfSeries(x: number): number {
  const xSquared = x * x;
  let power = x; // (−1)ⁿ x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 60; n++) {
    power *= -xSquared / n;
    const term = power / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up; converges fast for x ≥ 2.5. */
function erfcContinuedFraction(x: number): number {
  let tail = x;
  for (let n = 80; n >= 1; n--) tail = x + (n / 2) / tail;
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / tail;
}

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}

/** The logistic function, without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^(−|x|)). */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(x > 0 ? -x : x));
}
