// The training panel: the shown run's progress, curves, decision boundary and confusion matrix, its configuration,
// and the session's run history. All data comes from the host; only view settings live here (webview state).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostToTrainingPanel } from '../../../src/protocol/messages';
import { applyHostMessage, runsNewestFirst, type RunMap } from '../runStore';
import { loadViewState, onHostMessage, postToHost, saveViewState, type PanelViewState } from '../hostConnection';
import { RunView } from './RunView';
import { RunHistoryList } from './RunHistoryList';
import { comparableRunIds } from '../runState';

export function App(): React.JSX.Element {
  const [runs, setRuns] = useState<RunMap>(() => new Map());
  const store = useRef<RunMap>(runs);
  const [view, setView] = useState<PanelViewState>(loadViewState);

  useEffect(() => {
    // Messages are applied together once per animation frame: the panel never renders more often than it can paint,
    // and a hidden panel (no frames) does no work at all until it is shown.
    let pending: HostToTrainingPanel[] = [];
    let frame: number | undefined;
    const applyPending = (): void => {
      frame = undefined;
      const messages = pending;
      pending = [];
      // Applied here, exactly once per message (series grow in place), never inside a React state updater.
      let next = store.current;
      for (const message of messages) next = applyHostMessage(next, message);
      store.current = next;
      setRuns(next);
      postToHost({ type: 'ack' });
    };
    const unsubscribe = onHostMessage((message) => {
      pending.push(message);
      frame ??= requestAnimationFrame(applyPending);
    });
    postToHost({ type: 'ready' });
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, []);

  const updateView = useCallback((patch: Partial<PanelViewState>) => {
    setView((current) => {
      const next = { ...current, ...patch };
      saveViewState(next);
      return next;
    });
  }, []);

  const ordered = runsNewestFirst(runs);
  const shown = (view.selectedRunId !== undefined ? runs.get(view.selectedRunId) : undefined) ?? ordered[0];
  if (shown === undefined) {
    return (
      <main className="empty">
        <p>No training runs yet. Open a .nngraph file and run <strong>NN Graph: Train</strong> (or press its ▶ button), or <strong>NN Graph: Step</strong> to train it one batch at a time.</p>
      </main>
    );
  }
  const headers = new Map([...runs].map(([runId, run]) => [runId, run.header]));
  const compareRuns = comparableRunIds(shown.header, view.compareRunIds, headers)
    .map((id) => runs.get(id))
    .filter((run) => run !== undefined);
  return (
    <main>
      <RunView
        key={shown.header.runId}
        run={shown}
        compareRuns={compareRuns}
        view={view}
        onViewChange={updateView}
        onStop={() => postToHost({ type: 'stop', runId: shown.header.runId })}
        onRestart={() => postToHost({ type: 'restart', runId: shown.header.runId })}
      />
      <RunHistoryList
        runs={ordered}
        shown={shown.header}
        compareRunIds={view.compareRunIds}
        onShow={(runId) => updateView({ selectedRunId: runId === ordered[0]?.header.runId ? undefined : runId })}
        onCompare={(runId, compare) => updateView({
          compareRunIds: compare ? [...view.compareRunIds, runId] : view.compareRunIds.filter((id) => id !== runId),
        })}
        onClear={() => {
          updateView({ compareRunIds: [], selectedRunId: undefined });
          postToHost({ type: 'clearHistory' });
        }}
      />
    </main>
  );
}
