// Stepping through one sample's passes. The order is the explanation's own (the input, the ops in topological order,
// the folded activation, the loss node); the backward pass walks it reversed. What each wire and node shows at a
// cursor position is derived here, free of React, so it can be tested on its own.
import type { ExplanationView } from '../../../src/protocol/explainMessages';

/**
 * `overview`: every value at once, no gradients. `forward`: the first `done` nodes have computed their outputs.
 * `backward`: every output is known and the last `done` nodes (from the loss back) have sent their gradients back.
 */
export interface ExplainCursor { phase: 'overview' | 'forward' | 'backward'; done: number }

export const OVERVIEW: ExplainCursor = { phase: 'overview', done: 0 };

/** The next op of the forward pass (from the overview, the first); past the last it stays there. */
export function stepForward(cursor: ExplainCursor, nodeCount: number): ExplainCursor {
  if (cursor.phase !== 'forward') return { phase: 'forward', done: 1 };
  return { phase: 'forward', done: Math.min(nodeCount, cursor.done + 1) };
}

/** The next op of the backward pass, from the loss back to the input. */
export function stepBackward(cursor: ExplainCursor, nodeCount: number): ExplainCursor {
  if (cursor.phase !== 'backward') return { phase: 'backward', done: 1 };
  return { phase: 'backward', done: Math.min(nodeCount, cursor.done + 1) };
}

export function canStepForward(cursor: ExplainCursor, nodeCount: number): boolean {
  return cursor.phase !== 'forward' || cursor.done < nodeCount;
}

export function canStepBackward(cursor: ExplainCursor, nodeCount: number): boolean {
  return cursor.phase !== 'backward' || cursor.done < nodeCount;
}

/** The op the cursor is on: the one that just ran (forward) or just sent its gradient back (backward). */
export function currentNodeId(cursor: ExplainCursor, order: readonly string[]): string | undefined {
  if (cursor.phase === 'forward') return order[cursor.done - 1];
  if (cursor.phase === 'backward') return order[order.length - cursor.done];
  return undefined;
}

/** Whether a node's output is known at the cursor, and whether its gradient has arrived (all its readers ran back). */
export function visibility(cursor: ExplainCursor, order: readonly string[], nodeId: string): { output: boolean; gradient: boolean } {
  const position = order.indexOf(nodeId);
  if (position < 0) return { output: false, gradient: false };
  if (cursor.phase === 'overview') return { output: true, gradient: false };
  if (cursor.phase === 'forward') return { output: position < cursor.done, gradient: false };
  // A node's output gradient is complete once every node that reads it has run backward; in topological order they
  // all come after it, so once the walk has passed every later node.
  return { output: true, gradient: position >= order.length - cursor.done - 1 };
}

/** In words, for the bar and for screen readers: "Forward pass: 3 of 8, hidden2". */
export function describeCursor(cursor: ExplainCursor, order: readonly string[]): string {
  const current = currentNodeId(cursor, order);
  if (cursor.phase === 'overview' || current === undefined) return 'All values (step to walk the passes)';
  const pass = cursor.phase === 'forward' ? 'Forward pass' : 'Backward pass';
  return `${pass}: ${cursor.done} of ${order.length}, ${current}`;
}

export function orderOf(explanation: ExplanationView): string[] {
  return explanation.nodes.map((node) => node.nodeId);
}
