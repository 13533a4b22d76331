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
  /** The workload's size (workloads.ts multiplyAddsPerSample), where the crossover between engines is placed. */
  multiplyAddsPerSample?: number;
  note?: string;
}

/**
 * The warm-up rule, the same for every implementation: with several epochs the first epoch is warm-up and the
 * clock ticks at epoch ends (so no per-batch callback slows TF.js down); with one epoch the clock ticks at batch
 * ends and the first 10% of the batches are warm-up.
 */
export class ThroughputClock {
  readonly unit: 'epoch' | 'batch';
  private readonly warmupTicks: number;
  private ticks = 0;
  private warmupEndMs = 0;
  private lastMs = 0;

  constructor(private readonly epochs: number, private readonly stepsPerEpoch: number, private readonly batchSize: number,
    private readonly trainCount: number) {
    this.unit = epochs >= 2 ? 'epoch' : 'batch';
    this.warmupTicks = epochs >= 2 ? 1 : Math.max(1, Math.floor(stepsPerEpoch / 10));
  }

  /** Call at the end of every epoch (unit 'epoch') or every batch (unit 'batch'). */
  tick(): void {
    this.ticks++;
    const now = performance.now();
    if (this.ticks === this.warmupTicks) this.warmupEndMs = now;
    this.lastMs = now;
  }

  samplesPerSecond(): number {
    if (this.ticks <= this.warmupTicks) return Number.NaN;
    const samples = this.unit === 'epoch'
      ? (this.ticks - this.warmupTicks) * this.trainCount
      : Math.min(this.trainCount, this.ticks * this.batchSize) - this.warmupTicks * this.batchSize;
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
