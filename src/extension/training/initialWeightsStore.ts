// The weights each recent run started from, as safetensors files, kept for "Restart from the same initial weights".
// Bounded: beyond the budget the oldest runs' are dropped (never the one just kept). No vscode: plain data.

/** The starting weights of the newest runs are kept up to this many bytes in all. */
export const initialWeightsBudgetBytes = 64 * 1024 * 1024;

export class InitialWeightsStore {
  /** Per run, oldest first (a Map keeps insertion order). */
  private readonly byRun = new Map<number, Uint8Array>();

  constructor(private readonly budgetBytes = initialWeightsBudgetBytes) {}

  keep(runId: number, weightsFile: Uint8Array): void {
    this.byRun.set(runId, weightsFile);
    let total = 0;
    for (const bytes of this.byRun.values()) total += bytes.byteLength;
    for (const [keptRunId, bytes] of this.byRun) {
      if (total <= this.budgetBytes || keptRunId === runId) break;
      this.byRun.delete(keptRunId);
      total -= bytes.byteLength;
    }
  }

  get(runId: number): Uint8Array | undefined {
    return this.byRun.get(runId);
  }

  has(runId: number): boolean {
    return this.byRun.has(runId);
  }
}
