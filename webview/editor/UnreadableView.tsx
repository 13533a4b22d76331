// Shown instead of the graph when the file cannot be shown (not JSON, or a newer format version). It never writes.
import { runCommand } from './hostConnection';

export function UnreadableView({ reason }: { reason: string }) {
  return (
    <main className="unreadable" role="alert" aria-label="This file cannot be shown as a graph">
      <h1>This file cannot be shown as a graph</h1>
      <p>{reason}</p>
      <p>The file has not been changed. Open it as text to see or fix it; the graph appears again once it is valid.</p>
      <vscode-button onClick={() => runCommand('openAsText')} aria-label="Open as Text">Open as Text</vscode-button>
    </main>
  );
}
