// How often and how much a built-in run reports to the host: the panel stream, node statistics, the decision
// boundary, the neuron view and the per-sample losses. One place for the rates the training service asks for.

/** Panel stream and worker reporting rates: at most ~30 panel messages per second, node statistics ~4 per second. */
export const streamIntervalMs = 33;
export const statsIntervalMs = 250;
/** A grid at most every 100 ms, so a paced run's boundary moves smoothly (decisionBoundary.ts spaces out costly ones). */
export const boundaryRequest = { gridSize: 64, intervalMs: 100, maxPoints: 600 };
/** 24² cells per unit: enough for a heatmap drawn at 40 px, and 16 units of it stay under 40 kB a message. */
export const neuronRequest = { gridSize: 24, intervalMs: 300 };
/** Per-sample losses on up to 2,000 rows (a 2-D set: its 600 points), re-read at most every half second. */
export const sampleRequest = { maxSamples: 2000, intervalMs: 500 };
