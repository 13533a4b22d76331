// The pace chosen for each graph (the speed control on the training panel and the editor toolbar). A pace is how a
// person watches a run, not a property of the network, so it is never written to the .nngraph file: it is kept per
// document in the workspace's state (VS Code's Memento), so a teacher's "Slow" survives a window reload. A graph
// nobody chose a pace for trains at `auto`, which is not stored.
import { isPaceChoice, type PaceChoice } from '../../protocol/pace';

export type PaceListener = (documentUri: string, choice: PaceChoice) => void;

/** The part of VS Code's Memento the choices are kept in (workspaceState), so this file needs no `vscode`. */
export interface PaceStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const PACE_STORE_KEY = 'nngraph.paceChoices';
/** The most documents remembered; the least recently chosen go first. */
export const MAX_REMEMBERED_PACES = 200;

export class PaceChoices {
  /** In the order chosen, oldest first. */
  private readonly choices = new Map<string, PaceChoice>();
  private readonly listeners = new Set<PaceListener>();
  private store: PaceStore | undefined;

  /** Takes the choices kept in `store` (ignoring what is not a pace) and keeps every later choice there. */
  restore(store: PaceStore): void {
    this.store = store;
    const saved = store.get(PACE_STORE_KEY);
    if (saved === null || typeof saved !== 'object') return;
    for (const [documentUri, choice] of Object.entries(saved)) {
      if (isPaceChoice(choice) && choice !== 'auto' && !this.choices.has(documentUri)) this.choices.set(documentUri, choice);
    }
  }

  choice(documentUri: string): PaceChoice {
    return this.choices.get(documentUri) ?? 'auto';
  }

  set(documentUri: string, choice: PaceChoice): void {
    if (this.choice(documentUri) === choice) return;
    this.choices.delete(documentUri);
    if (choice !== 'auto') this.choices.set(documentUri, choice);
    for (const oldest of this.choices.keys()) {
      if (this.choices.size <= MAX_REMEMBERED_PACES) break;
      this.choices.delete(oldest);
    }
    // Kept for the next window; a failed write only loses the memory of the choice, never the choice in this window.
    this.store?.update(PACE_STORE_KEY, Object.fromEntries(this.choices)).then(undefined, () => undefined);
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
