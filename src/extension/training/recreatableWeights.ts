// Which saved weights files Reset may delete without asking: those this window trained from the seed's initial
// weights (a fresh start, or a chain of runs that began with one), since a new run from the seed recreates that
// start. A file that came from elsewhere (an earlier window, another tool, a run continued from such a file) may be
// the only copy of hours of training, so Reset asks first. Files are recognized by their bytes (SHA-256), so a file
// replaced behind our back is asked about too. No vscode: tested in plain Node.
import { createHash } from 'node:crypto';
import type { WeightsOrigin } from '../../protocol/workerMessages';

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class RecreatableWeights {
  /** Per run: whether it started from weights the seed recreates. */
  private readonly fromSeedByRun = new Map<number, boolean>();
  /** Per document: the digest of the last weights this window saved, when they are recreatable. */
  private readonly digestByDocument = new Map<string, string>();

  /** A run's worker loaded its starting weights: `startBytes` is the weights file it was given, if any. */
  runStarted(runId: number, documentUri: string, origin: WeightsOrigin, startBytes: Uint8Array | undefined): void {
    const fromSeed = origin.kind !== 'restored' || (startBytes !== undefined && this.matches(documentUri, startBytes));
    this.fromSeedByRun.set(runId, fromSeed);
  }

  /** The run's weights were saved as the document's weights file. */
  saved(runId: number, documentUri: string, bytes: Uint8Array): void {
    if (this.fromSeedByRun.get(runId) === true) this.digestByDocument.set(documentUri, digest(bytes));
    else this.digestByDocument.delete(documentUri);
  }

  /** The weights file holds exactly weights this window trained from the seed. */
  matches(documentUri: string, bytes: Uint8Array): boolean {
    const known = this.digestByDocument.get(documentUri);
    return known !== undefined && known === digest(bytes);
  }
}
