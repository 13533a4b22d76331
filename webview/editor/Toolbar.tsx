// The editor's toolbar: training (run by the host's commands for this document: Train or Resume, Pause, Step,
// Stop, Reset Weights, and the speed), layout and view, text.
import type { EditorCommand } from '../../src/protocol/messages';
import { PACE_CHOICES, paceLabel, paceShortLabel, type PaceChoice } from '../../src/protocol/pace';
import { runCommand, setPace } from './hostConnection';

interface ToolbarProps {
  running: boolean;
  /** The document's run is paused: the first button resumes it. */
  paused: boolean;
  pace: PaceChoice;
  showStats: boolean;
  onToggleStats: () => void;
  onFitView: () => void;
  explaining: boolean;
  onToggleExplain: () => void;
}

function ToolButton({ label, text, icon, command, onClick, disabled }: { label: string; text?: string; icon?: string; command?: EditorCommand; onClick?: () => void; disabled?: boolean }) {
  return (
    <vscode-button secondary disabled={disabled} aria-label={label} title={label}
      onClick={() => (onClick ? onClick() : command && runCommand(command))}>
      {text ?? label}
    </vscode-button>
  );
}

export function Toolbar({ running, paused, pace, showStats, onToggleStats, onFitView, explaining, onToggleExplain }: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph editor toolbar">
      {/* One play/pause button, as in TensorFlow Playground: Train when idle, Pause while training, Resume when paused. */}
      {paused
        ? <ToolButton label="Resume" icon="debug-continue" command="resume" />
        : running
          ? <ToolButton label="Pause" icon="debug-pause" command="pause" />
          : <ToolButton label="Train" icon="play" command="train" />}
      <ToolButton label="Step" icon="debug-step-over" command="step" disabled={running} />
      <ToolButton label="Stop" icon="debug-stop" command="stop" disabled={!running && !paused} />
      {/* "Reset" on the button keeps the toolbar on one line beside the speed; its name says what it resets. */}
      <ToolButton label="Reset Weights" text="Reset" icon="discard" command="resetWeights" />
      {/* No visible label beside it (the toolbar keeps to one line at 1400 px): the list reads "Auto speed", and the
          other speeds are picked from it knowingly; its name and tooltip say what it sets. */}
      <select className="toolbar__speed" aria-label="Training speed" value={pace} onChange={(event) => setPace(event.target.value as PaceChoice)}
        title={`Training speed: ${paceLabel(pace)} (for this graph in this window; not saved in the file)`}>
        {PACE_CHOICES.map((choice) => <option key={choice} value={choice} title={paceLabel(choice)}>{paceShortLabel(choice)}</option>)}
      </select>
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
