// The graph diff: the old and the new version side by side, the changes listed, and a toggle for moves.
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { diffGraphTexts } from '../../src/graph/index';
import type { HostToDiffMessage } from '../../src/protocol/diffMessages';
import { ChangeList } from './ChangeList';
import { DiffPane } from './DiffPane';
import { listenToHost, loadViewState, saveViewState, sendReady } from './diffHost';
import { changeSentences, paneArrangement, sideView } from './diffView';

type Versions = Extract<HostToDiffMessage, { type: 'versions' }>;

export function App() {
  const [versions, setVersions] = useState<Versions | undefined>(undefined);
  const [showPositions, setShowPositions] = useState(() => loadViewState().showPositions);
  useEffect(() => {
    const stop = listenToHost((message) => setVersions(message));
    sendReady();
    return stop;
  }, []);
  const result = useMemo(() => (versions ? diffGraphTexts(versions.before.text, versions.after.text) : undefined), [versions]);
  const onTogglePositions = (event: ChangeEvent<HTMLInputElement>): void => {
    setShowPositions(event.target.checked);
    saveViewState({ showPositions: event.target.checked });
  };
  if (!versions || !result) return <p className="diff-loading">Reading both versions…</p>;
  if (!result.ok) {
    const version = result.side === 'before' ? versions.before : versions.after;
    return (
      <div className="diff-unreadable" role="alert">
        <h1>{version.label} cannot be read as a graph</h1>
        <ul>
          {result.diagnostics.slice(0, 10).map((d) => (
            <li key={`${d.range.startOffset}:${d.code}`}>line {d.range.start.line + 1}, column {d.range.start.column + 1}: {d.code} {d.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { diff } = result;
  const summary = diff.networkDiffers ? 'The networks differ.' : 'No changes to the network.';
  return (
    <div className="diff-app">
      <header className="diff-toolbar">
        <span className="diff-toolbar__summary" role="status">{summary}</span>
        <span className="diff-legend" aria-hidden="true">
          <span className="diff-legend__item diff-legend__item--added">added</span>
          <span className="diff-legend__item diff-legend__item--removed">removed</span>
          <span className="diff-legend__item diff-legend__item--changed">changed</span>
          {showPositions && <span className="diff-legend__item diff-legend__item--moved">moved</span>}
        </span>
        <label className="diff-toolbar__toggle">
          <input type="checkbox" checked={showPositions} onChange={onTogglePositions} />
          Show position changes{diff.moved.length > 0 ? ` (${diff.moved.length})` : ''}
        </label>
      </header>
      <div className={`diff-panes diff-panes--${paneArrangement(result.before, result.after)}`}>
        <DiffPane heading={`Before: ${versions.before.label}`} view={sideView(result.before, diff, 'before', showPositions)} />
        <DiffPane heading={`After: ${versions.after.label}`} view={sideView(result.after, diff, 'after', showPositions)} />
      </div>
      <ChangeList rows={changeSentences(diff, showPositions)} />
    </div>
  );
}
