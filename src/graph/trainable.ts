// What an unfinished graph needs before it can train. While a graph is drawn, a missing input or loss node, an
// unwired port and a node that leads nowhere are warnings: the graph reads as unfinished, not as broken. Training
// (Train, `nngraph train`, export, explain) and `nngraph check` see it as training does: a warning about the path
// from the input's features to the loss is an error there, and a node off that path is left out of the program.
import type { GraphStructure } from './structure';
import type { Diagnostic } from './types';
import { reachedFrom } from './wiring';

/** Warnings about the graph as a whole: without exactly one input and one loss nothing can train. */
const GRAPH_BLOCKERS: ReadonlySet<string> = new Set(['NG022', 'NG023']);
/** Warnings about one node: they stop training when the node is on the way to the loss (or is the loss). */
const NODE_BLOCKERS: ReadonlySet<string> = new Set(['NG021', 'NG024']);

/** The warnings training may see as errors (NG051, no dataset yet, is the compiler's own: it needs rows). */
export const TRAINING_BLOCKER_CODES: ReadonlySet<string> = new Set([...GRAPH_BLOCKERS, ...NODE_BLOCKERS, 'NG051']);

/** Marks (1) the nodes, by number, whose output reaches the loss: its ancestors and the loss itself. */
function towardsLoss(structure: GraphStructure): Uint8Array | undefined {
  const { lossNode, wiring } = structure;
  const loss = lossNode ? wiring.numberOf.get(lossNode.id) : undefined;
  return loss === undefined ? undefined : reachedFrom(wiring, [loss], 'upstream');
}

/**
 * The diagnostics as training sees them: the warnings that keep the graph from training become errors (a missing
 * or extra input or loss node; an unwired port or unfed node on the way to the loss); the rest stay as they were.
 */
export function asTrainingSees(diagnostics: readonly Diagnostic[], structure: GraphStructure): Diagnostic[] {
  if (!diagnostics.some((d) => d.severity === 'warning' && (GRAPH_BLOCKERS.has(d.code) || NODE_BLOCKERS.has(d.code)))) return [...diagnostics];
  const reaching = towardsLoss(structure);
  const blocks = (d: Diagnostic): boolean => {
    if (GRAPH_BLOCKERS.has(d.code)) return true;
    if (!NODE_BLOCKERS.has(d.code) || d.nodeId === undefined || !reaching) return false;
    const n = structure.wiring.numberOf.get(d.nodeId);
    return n !== undefined && reaching[n] === 1;
  };
  return diagnostics.map((d) => (d.severity === 'warning' && blocks(d) ? { ...d, severity: 'error' as const } : d));
}

/**
 * The node ids a program computes: those on a path from the input's features to the value the loss reads. Others
 * (a branch that feeds nothing, a node wired to nothing) are left out, so they never block or change a run.
 */
export function nodesOnPath(structure: GraphStructure): ReadonlySet<string> {
  // The memory check, the summary and the compiler all ask for one structure: the walk is done once.
  let onPath = pathCache.get(structure);
  if (onPath === undefined) {
    onPath = walkPath(structure);
    pathCache.set(structure, onPath);
  }
  return onPath;
}

const pathCache = new WeakMap<GraphStructure, ReadonlySet<string>>();

function walkPath(structure: GraphStructure): Set<string> {
  const { inputNode, lossNode, wiring } = structure;
  const onPath = new Set<string>();
  const predictions = lossNode ? structure.incoming.get(lossNode.id)?.get('predictions') : undefined;
  const input = inputNode ? wiring.numberOf.get(inputNode.id) : undefined;
  const source = predictions ? wiring.numberOf.get(predictions.from.nodeId) : undefined;
  if (!inputNode || input === undefined || source === undefined) return onPath;
  const forward = reachedFrom(wiring, [input], 'downstream', (w) => w.from.nodeId === inputNode.id && w.from.port === 'labels');
  const backward = reachedFrom(wiring, [source], 'upstream');
  wiring.nodes.forEach((node, n) => {
    if (forward[n] === 1 && backward[n] === 1) onPath.add(node.id);
  });
  return onPath;
}
