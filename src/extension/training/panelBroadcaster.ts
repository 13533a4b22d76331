// Sends the history's changes to every open training panel at most once per interval (~30 per second), so a fast
// run never floods the webview, and gives a panel that (re)loads the whole history first.
import type { HostToTrainingPanel } from '../../protocol/messages';
import type { RunHistory } from './runHistory';

export type PanelSink = (message: HostToTrainingPanel) => void;

export const panelIntervalMs = 34;

export class PanelBroadcaster {
  private readonly sinks = new Set<PanelSink>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = -Infinity;
  private disposed = false;

  constructor(private readonly history: RunHistory, private readonly intervalMs = panelIntervalMs) {}

  /** Registers a panel and sends it the full history; returns the function that unregisters it. */
  addSink(sink: PanelSink): () => void {
    this.sinks.add(sink);
    this.replay(sink);
    return () => { this.sinks.delete(sink); };
  }

  /** Sends the full history to one panel, after flushing pending changes to the others so none is counted twice. */
  replay(sink: PanelSink): void {
    this.flush();
    sink({ type: 'snapshot', runs: this.history.snapshot() });
  }

  /** Sends the full history to every panel (after the history was cleared). */
  replayAll(): void {
    this.history.takeUpdates();
    const runs = this.history.snapshot();
    for (const sink of this.sinks) sink({ type: 'snapshot', runs });
  }

  /** Called after every change to the history: schedules one flush within the interval. */
  changed(): void {
    if (this.timer !== undefined || this.disposed) return;
    const waitMs = Math.max(0, this.lastFlushAt + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, waitMs);
  }

  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.lastFlushAt = performance.now();
    if (!this.history.hasPending()) return;
    const updates = this.history.takeUpdates();
    if (this.sinks.size === 0) return;
    const message: HostToTrainingPanel = { type: 'update', updates };
    for (const sink of this.sinks) sink(message);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.sinks.clear();
  }
}
