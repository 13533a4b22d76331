// The training panel: the shown run's progress, curves, decision boundary and confusion matrix, its configuration,
// and the session's run history. All data comes from the host; only view settings live here (webview state).
import { useCallback, useEffect, useState } from 'react';
import { applyHostMessage, runsNewestFirst, type RunMap } from '../runStore';
import { loadViewState, onHostMessage, postToHost, saveViewState, type PanelViewState } from '../vscodeApi';
import { RunView } from './RunView';
import { RunHistoryList } from './RunHistoryList';

export function App(): React.JSX.Element {
  const [runs, setRuns] = useState<RunMap>(() => new Map());
  const [view, setView] = useState<PanelViewState>(loadViewState);

  useEffect(() => {
    const unsubscribe = onHostMessage((message) => setRuns((current) => applyHostMessage(current, message)));
    postToHost({ type: 'ready' });
    return unsubscribe;
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
        <p>No training runs yet. Open a .nngraph file and run <strong>NN Graph: Train</strong> (or press its ▶ button).</p>
      </main>
    );
  }
  const compareRuns = view.compareRunIds
    .filter((id) => id !== shown.header.runId)
    .map((id) => runs.get(id))
    .filter((run) => run !== undefined);
  return (
    <main>
      <RunView
        run={shown}
        compareRuns={compareRuns}
        view={view}
        onViewChange={updateView}
        onStop={() => postToHost({ type: 'stop', runId: shown.header.runId })}
      />
      <RunHistoryList
        runs={ordered}
        shownRunId={shown.header.runId}
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
