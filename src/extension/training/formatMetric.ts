// Numbers as the output channel, the status bar and messages print them: four decimals, or exponent form when tiny,
// huge or not finite, so a diverging loss still reads as what it is.
export function formatMetric(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(3);
  return value.toFixed(4);
}
