// A training run as the host keeps it for one file, whether Train started it or Step (trainingService.ts runs them).
import type * as vscode from 'vscode';
import type { RunController } from './runController';
import type { RunFeedback } from './runFeedback';

export type RunMode = 'train' | 'step';

/** A file's run, whether Train started it or Step. */
export interface HostRun {
  mode: RunMode;
  controller: RunController;
  uri: vscode.Uri;
  /** The document version the run was compiled from: a Step on any other version starts a new run. */
  version: number;
  feedback: RunFeedback;
  /** Training now: a Train run unless paused, a Step run while a Step trains (or it was resumed). */
  busy: boolean;
  /** A Step is training or its weights are being saved; that Step reports how the run ended, if it did. */
  stepInProgress: boolean;
  /** The graph's input features, which the `auto` pace depends on. */
  featureCount: number;
  /** Settles once the run ended and its last weights were saved (Reset deletes them only after). */
  closed: Promise<void>;
  markClosed(): void;
  /** The save of the weights sent with the last pause, if one is under way. */
  pendingSave: Promise<void>;
}
