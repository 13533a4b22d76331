// The pace chosen for each graph in this window (the speed control on the training panel and the editor toolbar).
// A pace is how a person watches a run, not a property of the network, so it is kept per document for the session
// and never written to the .nngraph file; a graph nobody chose a pace for trains at `auto`.
import type { PaceChoice } from '../../protocol/pace';

export type PaceListener = (documentUri: string, choice: PaceChoice) => void;

export class PaceChoices {
  private readonly choices = new Map<string, PaceChoice>();
  private readonly listeners = new Set<PaceListener>();

  choice(documentUri: string): PaceChoice {
    return this.choices.get(documentUri) ?? 'auto';
  }

  set(documentUri: string, choice: PaceChoice): void {
    if (this.choice(documentUri) === choice) return;
    this.choices.set(documentUri, choice);
    for (const listener of this.listeners) listener(documentUri, choice);
  }

  /** Returns the function that unsubscribes. */
  onDidChange(listener: PaceListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}

/** The window's one set of choices, shared by the training service and the graph editors. */
export const paceChoices = new PaceChoices();
