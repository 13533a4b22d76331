// The pace of a training run: "as fast as possible", or capped at a number of epochs per second so the curves and
// the decision boundary visibly evolve, as in TensorFlow Playground. A pace is a person's choice for a document in
// this window, never part of the .nngraph file: it changes how a run is watched, not what the network learns (the
// same seed gives the same weights at every pace). Shared by the host, the worker and both webviews.

/** The speeds a person can pick. `auto`: watchable for 2-D data (the sets a boundary is drawn for), fastest else. */
export const PACE_CHOICES = ['auto', 'slow', 'normal', 'fast', 'fastest'] as const;
export type PaceChoice = (typeof PACE_CHOICES)[number];
export type Pace = Exclude<PaceChoice, 'auto'>;

/**
 * Epochs per second at each pace; none for `fastest`. Normal trains the spiral example's 40 epochs in about 4 s,
 * about the speed at which Playground's epoch counter moves.
 */
const epochsPerSecondByPace: Record<Pace, number | undefined> = { slow: 2, normal: 10, fast: 40, fastest: undefined };

const labels: Record<PaceChoice, string> = {
  auto: 'Auto', slow: 'Slow', normal: 'Normal', fast: 'Fast', fastest: 'As fast as possible',
};

export function isPaceChoice(value: unknown): value is PaceChoice {
  return typeof value === 'string' && (PACE_CHOICES as readonly string[]).includes(value);
}

/** The pace a run of a graph with `featureCount` input features trains at. */
export function resolvePace(choice: PaceChoice, featureCount: number): Pace {
  if (choice !== 'auto') return choice;
  return featureCount === 2 ? 'normal' : 'fastest';
}

export function epochsPerSecondOf(pace: Pace): number | undefined {
  return epochsPerSecondByPace[pace];
}

/** The wall time one step should take at this pace; 0 for no limit. */
export function stepIntervalMsOf(epochsPerSecond: number | undefined, stepsPerEpoch: number): number {
  if (epochsPerSecond === undefined || !(epochsPerSecond > 0)) return 0;
  return 1000 / (epochsPerSecond * Math.max(1, stepsPerEpoch));
}

/** A word or two for a narrow control without a label beside it (the editor toolbar): "Auto speed", "Fastest". */
export function paceShortLabel(choice: PaceChoice): string {
  if (choice === 'auto') return 'Auto speed';
  return choice === 'fastest' ? 'Fastest' : labels[choice];
}

/** "Normal (10 epochs/s)", "As fast as possible", "Auto"; with `featureCount`, Auto says what it means there. */
export function paceLabel(choice: PaceChoice, featureCount?: number): string {
  const rate = choice === 'auto' ? undefined : epochsPerSecondOf(choice);
  if (rate !== undefined) return `${labels[choice]} (${rate} epochs/s)`;
  if (choice === 'auto' && featureCount !== undefined) return `Auto: ${paceLabel(resolvePace(choice, featureCount)).toLowerCase()}`;
  return labels[choice];
}
