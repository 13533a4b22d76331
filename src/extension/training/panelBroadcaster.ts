// Sends the history's changes to every open training panel at most once per interval (~30 per second), so a fast
// run never floods the webview, and gives a panel that (re)loads the whole history first. Flow control: a panel gets
// its next update only after it acknowledged the previous one (changes merge in the history meanwhile), so a panel
// that paints slowly sees fewer, larger updates instead of an ever-growing queue of stale ones.
import type { HostToTrainingPanel } from '../../protocol/messages';
import type { RunHistory } from './runHistory';

export type PanelSink = (message: HostToTrainingPanel) => void;

export const panelIntervalMs = 34;
/** A panel that has not acknowledged within this time is sent to anyway (a lost acknowledgement must not stall it). */
export const ackTimeoutMs = 2000;

interface SinkState { awaitingAckSince?: number }

export class PanelBroadcaster {
  private readonly sinks = new Map<PanelSink, SinkState>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = -Infinity;
  private disposed = false;

  constructor(private readonly history: RunHistory, private readonly intervalMs = panelIntervalMs) {}

  /** Registers a panel and sends it the full history; returns the function that unregisters it. */
  addSink(sink: PanelSink): () => void {
    this.sinks.set(sink, {});
    this.replay(sink);
    return () => { this.sinks.delete(sink); };
  }

  /** Sends the full history to one panel, after flushing pending changes to the others so none is counted twice. */
  replay(sink: PanelSink): void {
    this.flush(true);
    this.send(sink, { type: 'snapshot', runs: this.history.snapshot() });
  }

  /** Sends the full history to every panel (after the history was cleared). */
  replayAll(): void {
    this.history.takeUpdates();
    const runs = this.history.snapshot();
    for (const sink of this.sinks.keys()) this.send(sink, { type: 'snapshot', runs });
  }

  /** The panel applied the last message: it may have the next. */
  acknowledged(sink: PanelSink): void {
    const state = this.sinks.get(sink);
    if (state === undefined) return;
    state.awaitingAckSince = undefined;
    if (this.history.hasPending()) this.changed();
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

  /**
   * Sends pending changes now. Without `force`, waits (keeping them pending) while a panel has not acknowledged its
   * last message; `force` is for the end of a run and for replays, where nothing may be held back.
   */
  flush(force = false): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.history.hasPending()) return;
    const now = performance.now();
    if (!force && [...this.sinks.values()].some((state) => state.awaitingAckSince !== undefined && now - state.awaitingAckSince < ackTimeoutMs)) {
      this.retryLater();
      return;
    }
    this.lastFlushAt = now;
    const updates = this.history.takeUpdates();
    if (this.sinks.size === 0) return;
    const message: HostToTrainingPanel = { type: 'update', updates };
    for (const sink of this.sinks.keys()) this.send(sink, message);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.sinks.clear();
  }

  private send(sink: PanelSink, message: HostToTrainingPanel): void {
    const state = this.sinks.get(sink);
    if (state !== undefined) state.awaitingAckSince = performance.now();
    sink(message);
  }

  /** Checks again after an interval, in case the acknowledgement is lost. */
  private retryLater(): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs * 4);
  }
}
