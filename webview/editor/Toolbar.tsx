// The editor's toolbar: training (run by the host's commands for this document), layout and view, text.
import type { EditorCommand } from '../../src/protocol/messages';
import { runCommand, setStartChoice } from './hostConnection';

interface ToolbarProps {
  running: boolean;
  showStats: boolean;
  onToggleStats: () => void;
  onFitView: () => void;
  explaining: boolean;
  onToggleExplain: () => void;
  /** Train and Step continue from `<name>.safetensors` (on) or start from the seed's fresh weights (off). */
  continueFromSaved: boolean;
}

function ToolButton({ label, icon, command, onClick, disabled }: { label: string; icon?: string; command?: EditorCommand; onClick?: () => void; disabled?: boolean }) {
  return (
    <vscode-button secondary disabled={disabled} aria-label={label} title={label}
      onClick={() => (onClick ? onClick() : command && runCommand(command))}>
      {label}
    </vscode-button>
  );
}

export function Toolbar({ running, showStats, onToggleStats, onFitView, explaining, onToggleExplain, continueFromSaved }: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph editor toolbar">
      <ToolButton label="Train" icon="play" command="train" disabled={running} />
      <ToolButton label="Step" icon="debug-step-over" command="step" disabled={running} />
      <ToolButton label="Stop" icon="debug-stop" command="stop" disabled={!running} />
      <ToolButton label="Reset Weights" icon="discard" command="resetWeights" disabled={running} />
      <vscode-checkbox checked={continueFromSaved} label="Continue from saved weights"
        title="On: Train and Step continue from the saved weights file. Off: they start from the seed's fresh initial weights."
        onchange={(event: Event) => setStartChoice((event.target as HTMLInputElement).checked)} />
      <span className="toolbar__separator" />
      <ToolButton label="Auto Layout" icon="layout" command="autoLayout" />
      <ToolButton label="Fit View" icon="screen-full" onClick={onFitView} />
      <vscode-checkbox checked={showStats} label="Show statistics" onchange={onToggleStats} />
      <vscode-button secondary={!explaining} aria-pressed={explaining ? 'true' : 'false'} aria-label="Explain one sample" title="Explain one sample: its numbers on every wire, forward and backward"
        onClick={onToggleExplain}>
        {explaining ? 'Explaining' : 'Explain'}
      </vscode-button>
      <span className="toolbar__separator" />
      <ToolButton label="Model Summary" icon="list-flat" command="showModelSummary" />
      <ToolButton label="Open as Text" icon="go-to-file" command="openAsText" />
    </div>
  );
}
