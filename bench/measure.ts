// What every benchmark child measures and prints, so the implementations are timed by the same rule.

export interface RunResult {
  implementation: string;
  workload: string;
  /** Training samples per second after warm-up: epochs 2… when there are several, else batches past the first 10%. */
  samplesPerSecond: number;
  /** Mean training loss of the last epoch. */
  finalLoss: number;
  /** Accuracy on the held-out rows after training, when the workload holds rows out. */
  validationAccuracy?: number;
  /** Peak resident set of the child process, in MiB. */
  peakRssMiB: number;
  /** Wall time of the whole training call, warm-up included. */
  trainSeconds: number;
  note?: string;
}

/** Records batch end times and says which of them count. */
export class ThroughputClock {
  private readonly warmupBatches: number;
  private batchesSeen = 0;
  private warmupEndMs = 0;
  private lastMs = 0;

  constructor(private readonly epochs: number, private readonly stepsPerEpoch: number, private readonly batchSize: number,
    private readonly trainCount: number) {
    this.warmupBatches = epochs >= 2 ? stepsPerEpoch : Math.max(1, Math.floor(stepsPerEpoch / 10));
  }

  /** Call at the end of every batch. */
  batchEnded(): void {
    this.batchesSeen++;
    const now = performance.now();
    if (this.batchesSeen === this.warmupBatches) this.warmupEndMs = now;
    this.lastMs = now;
  }

  samplesPerSecond(): number {
    const measuredBatches = this.batchesSeen - this.warmupBatches;
    if (measuredBatches <= 0) return Number.NaN;
    // Samples in the measured batches: whole epochs of trainCount, or whole batches within the single epoch.
    const samples = this.epochs >= 2
      ? (this.epochs - 1) * this.trainCount
      : Math.min(this.trainCount, this.stepsPerEpoch * this.batchSize) - this.warmupBatches * this.batchSize;
    return samples / ((this.lastMs - this.warmupEndMs) / 1000);
  }
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

/** The one line a child writes on stdout; the parent reads the last line that parses. */
export function printResult(result: RunResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
