// What the toolbar offers, grouped by purpose: a plain list, so a new action is one entry in its group (or a new group)
// and the toolbar draws it, with its icon, name, tooltip and narrow-editor behaviour, like the others.
import type { EditorCommand } from '../../src/protocol/messages';
import { PACE_CHOICES, paceLabel, paceShortLabel, type PaceChoice } from '../../src/protocol/pace';
import { runCommand, setPace, setStartChoice } from './hostConnection';

export interface ToolbarAction {
  /** Stable key (also `data-action` on the button). */
  id: string;
  /** The text shown while the toolbar has room for it, and the accessible name unless `name` is given. */
  label: string;
  /** The accessible name, when it says more than the short label. */
  name?: string;
  /** A codicon name (https://microsoft.github.io/vscode-codicons/). */
  icon: string;
  /** The tooltip; the label when absent. */
  tooltip?: string;
  run: () => void;
  disabled?: boolean;
  /** A toggle: pressed or not (aria-pressed). Undefined for a plain button. */
  pressed?: boolean;
  /** The text while pressed ("Explaining"); the label when absent. */
  pressedLabel?: string;
  /**
   * How long its text stays as the toolbar narrows (useToolbarDensity): 2 for a group's main action, kept until only
   * icons fit; 1 for one whose icon says little on its own; none for an icon everyone reads (undo, redo).
   */
  labelRank?: 1 | 2;
  /** Drawn as the editor's main button (Train). */
  primary?: boolean;
}

/** A list in a group (the training speed): its accessible name and tooltip, the options and what picking one does. */
export interface ToolbarChoice {
  id: string;
  name: string;
  tooltip: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string; title: string }>;
  onChange: (value: string) => void;
}

export interface ToolbarGroup {
  /** The group's accessible name: Edit, Run, View, Model. */
  name: string;
  actions: ToolbarAction[];
  /** A list drawn after the group's buttons. */
  choice?: ToolbarChoice;
}

export interface ToolbarState {
  /** A run is training: Train, Step and Reset Weights wait, Stop stops it. */
  running: boolean;
  /** The run is paused (between Steps, or by Pause): the first button resumes it, Stop ends it. */
  paused: boolean;
  /** This document's training speed (pace.ts). */
  pace: PaceChoice;
  showStats: boolean;
  onToggleStats: () => void;
  explaining: boolean;
  onToggleExplain: () => void;
  onAutoLayout: () => void;
  onFitView: () => void;
  /** Train and Step continue from `<name>.safetensors` (pressed) or start from the seed's fresh weights. */
  continueFromSaved: boolean;
}

function hostCommand(id: string, label: string, icon: string, command: EditorCommand, extra: Partial<ToolbarAction> = {}): ToolbarAction {
  return { id, label, icon, run: () => runCommand(command), ...extra };
}

export function toolbarGroups(state: ToolbarState): ToolbarGroup[] {
  const { running, paused } = state;
  return [
    {
      name: 'Edit',
      actions: [
        // VS Code's own undo and redo of the text document: the document is the only model, so these are the same
        // steps as Ctrl+Z in the text editor beside.
        hostCommand('undo', 'Undo', 'discard', 'undo', { tooltip: 'Undo (Ctrl+Z)' }),
        hostCommand('redo', 'Redo', 'redo', 'redo', { tooltip: 'Redo (Ctrl+Y)' }),
        { id: 'autoLayout', label: 'Auto Layout', icon: 'type-hierarchy-sub', tooltip: 'Auto Layout: arrange the nodes from input to loss', run: state.onAutoLayout, labelRank: 2 },
        { id: 'fitView', label: 'Fit View', icon: 'screen-full', tooltip: 'Fit View: show the whole graph', run: state.onFitView, labelRank: 2 },
      ],
    },
    {
      name: 'Run',
      actions: [
        // One play/pause button, as in TensorFlow Playground: Train when idle, Pause while training, Resume when paused.
        paused
          ? hostCommand('train', 'Resume', 'debug-continue', 'resume', { labelRank: 2, primary: true, tooltip: 'Resume: train on from where the run paused' })
          : running
            ? hostCommand('train', 'Pause', 'debug-pause', 'pause', { labelRank: 2, primary: true, tooltip: 'Pause: keep the run, stop training for now' })
            : hostCommand('train', 'Train', 'play', 'train', { labelRank: 2, primary: true, tooltip: 'Train: run every epoch' }),
        hostCommand('step', 'Step', 'debug-step-over', 'step', { disabled: running, labelRank: 2, tooltip: 'Step: train one batch, then pause' }),
        hostCommand('stop', 'Stop', 'stop-circle', 'stop', { disabled: !running && !paused, labelRank: 2, tooltip: paused ? 'Stop: end the paused Step run' : 'Stop training' }),
        hostCommand('resetWeights', 'Reset Weights', 'clear-all', 'resetWeights', { disabled: running, tooltip: 'Reset Weights: delete the trained weights' }),
        {
          id: 'continueFromSaved', label: 'Continue', name: 'Continue from saved weights', icon: 'history',
          tooltip: 'Pressed: Train and Step continue from the saved weights file. Not pressed: they start from the seed\'s fresh initial weights.',
          run: () => setStartChoice(!state.continueFromSaved), pressed: state.continueFromSaved,
        },
      ],
      choice: {
        id: 'pace', name: 'Training speed', value: state.pace,
        tooltip: `Training speed: ${paceLabel(state.pace)} (for this graph in this window; not saved in the file)`,
        options: PACE_CHOICES.map((choice) => ({ value: choice, label: paceShortLabel(choice), title: paceLabel(choice) })),
        onChange: (value) => setPace(value as PaceChoice),
      },
    },
    {
      name: 'View',
      actions: [
        { id: 'stats', label: 'Statistics', name: 'Show statistics', icon: 'graph', tooltip: 'Show statistics of each node while training', run: state.onToggleStats, pressed: state.showStats },
        {
          id: 'explain', label: 'Explain', name: 'Explain one sample', icon: 'lightbulb', tooltip: 'Explain one sample: its numbers on every wire, forward and backward',
          run: state.onToggleExplain, pressed: state.explaining, pressedLabel: 'Explaining', labelRank: 2,
        },
      ],
    },
    {
      name: 'Model',
      actions: [
        hostCommand('summary', 'Model Summary', 'list-flat', 'showModelSummary', { labelRank: 1, tooltip: 'Model Summary: layers, shapes and parameter counts' }),
        hostCommand('export', 'Export', 'export', 'export', { labelRank: 1, tooltip: 'Export to Keras, PyTorch, TensorFlow.js or ONNX' }),
        hostCommand('openAsText', 'Open as Text', 'go-to-file', 'openAsText', { labelRank: 1, tooltip: 'Open as Text: the file in the text editor' }),
      ],
    },
  ];
}
