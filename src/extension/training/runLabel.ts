// A run's label: what tells it apart from the same file's run before it ("lr 0.01, batch 64"), then where its weights
// came from ("continued from run 2"), so runs compared side by side can be told apart without opening their
// configurations. Derived from the two runs' settings only. No vscode: tested in plain Node.
import type { EarlyStoppingConfig, OptimizerSpec, TrainingConfig } from '../../core/index';
import type { RunStartView } from '../../protocol/messages';
import { describeStart, type StartOutcome } from './runStart';

/** What a run was started with, as far as a person would tell two runs apart by it. */
export interface RunSettings {
  runId: number;
  /** The data set as the panel names it ("moons (noise 0.2)", "data.csv (label 'y')"). */
  dataset: string;
  training: TrainingConfig;
  /** Changes whenever the network itself (nodes, parameters, wires) changes: see graphFingerprint. */
  graphFingerprint: string;
  engine: 'builtin' | 'pytorch';
  mode: 'train' | 'step';
}

const optimizerNames: Record<OptimizerSpec['type'], string> = { sgd: 'SGD', adam: 'Adam', rmsprop: 'RMSprop', adamw: 'AdamW' };

function describeEarlyStopping(config: EarlyStoppingConfig | undefined): string {
  if (config === undefined) return 'no early stopping';
  const delta = config.minDelta > 0 ? `, min delta ${config.minDelta}` : '';
  return `early stopping (patience ${config.patience}${delta}${config.restoreBestWeights ? '' : ', last weights'})`;
}

/** The optimizer's differences: its type (with its learning rate), else the learning rate, else its other settings. */
function optimizerDifferences(before: OptimizerSpec, now: OptimizerSpec): string[] {
  if (before.type !== now.type) return [`${optimizerNames[now.type]} lr ${now.learningRate}`];
  const parts: string[] = [];
  if (before.learningRate !== now.learningRate) parts.push(`lr ${now.learningRate}`);
  const beforeFields = before as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(now)) {
    if (name === 'type' || name === 'learningRate' || beforeFields[name] === value) continue;
    parts.push(`${name} ${String(value)}`);
  }
  return parts;
}

/** Every setting that differs from `before`, in the order a person reads a configuration: network, data, training. */
export function settingDifferences(before: RunSettings, now: RunSettings): string[] {
  const parts: string[] = [];
  const a = before.training;
  const b = now.training;
  if (before.graphFingerprint !== now.graphFingerprint) parts.push('graph changed');
  if (before.dataset !== now.dataset) parts.push(`data ${now.dataset}`);
  parts.push(...optimizerDifferences(a.optimizer, b.optimizer));
  if (a.batchSize !== b.batchSize) parts.push(`batch ${b.batchSize}`);
  if (a.epochs !== b.epochs) parts.push(`${b.epochs} epochs`);
  if (a.seed !== b.seed) parts.push(`seed ${b.seed}`);
  if (a.validationSplit !== b.validationSplit) parts.push(`validation ${b.validationSplit}`);
  if (a.shuffle !== b.shuffle) parts.push(b.shuffle ? 'shuffled' : 'file order');
  if (describeEarlyStopping(a.earlyStopping) !== describeEarlyStopping(b.earlyStopping)) parts.push(describeEarlyStopping(b.earlyStopping));
  if (before.engine !== now.engine) parts.push(now.engine === 'pytorch' ? 'PyTorch' : 'built-in engine');
  if (before.mode !== now.mode) parts.push(now.mode === 'step' ? 'step by step' : 'full run');
  return parts;
}

/**
 * "lr 0.01, continued from run 2": the settings that differ from `previous` (the same file's run before this one), or
 * "first run" / "same settings as run 3", then where the weights came from. `outcome` is what the worker found when
 * it loaded the run (absent until then).
 */
export function labelRun(previous: RunSettings | undefined, current: RunSettings, start: RunStartView | undefined, outcome?: StartOutcome): string {
  let what: string;
  if (previous === undefined) what = 'first run';
  else {
    const differences = settingDifferences(previous, current);
    what = differences.length > 0 ? differences.join(', ') : `same settings as run ${previous.runId}`;
  }
  return `${what}, ${describeStart(start, outcome)}`;
}

/**
 * A fingerprint of the network the run trains (FNV-1a over its JSON), so "graph changed" shows only when the network
 * did, not when a node moved or the training settings changed.
 */
export function graphFingerprint(specJson: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < specJson.length; i++) {
    hash ^= specJson.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
