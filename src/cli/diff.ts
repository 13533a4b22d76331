// `nngraph diff A B [--json] [--positions]`: the semantic changes between two graphs, for CI and code review.
// Exit codes: 0 the same network, 1 different, 2 a file that cannot be read (as a usage error is).
import {
  diffGraphTexts, formatDiffValue, formatValueChange,
  type DiffNode, type GraphDiff, type NodePair, type ValueChange,
} from '../graph/index';
import { CliError } from './errors';
import { readGraphText } from './graphFile';
import { formatDiagnostic, type Output } from './output';

export interface DiffOptions { json: boolean; positions: boolean }

export const exitCodeUnreadable = 2;
const shownErrors = 5;

export function runDiff(beforeFile: string, afterFile: string, options: DiffOptions, output: Output): number {
  const read = (file: string): string => {
    try {
      return readGraphText(file);
    } catch (error) {
      if (error instanceof CliError) throw new CliError(error.message, exitCodeUnreadable);
      throw error;
    }
  };
  const result = diffGraphTexts(read(beforeFile), read(afterFile));
  if (!result.ok) {
    const file = result.side === 'before' ? beforeFile : afterFile;
    // The first few errors locate the problem; a file that is not JSON at all would otherwise print hundreds.
    for (const diagnostic of result.diagnostics.slice(0, shownErrors)) output.err(formatDiagnostic(file, diagnostic));
    if (result.diagnostics.length > shownErrors) output.err(`… and ${result.diagnostics.length - shownErrors} more errors ('nngraph check ${file}' lists them all).`);
    output.err(`nngraph: cannot compare: '${file}' is not a readable .nngraph file.`);
    return exitCodeUnreadable;
  }
  const { diff } = result;
  const differs = diff.networkDiffers || (options.positions && diff.positionsDiffer);
  if (options.json) output.out(JSON.stringify(jsonReport(diff, differs, options.positions)));
  else for (const line of textReport(diff, options.positions)) output.out(line);
  return differs ? 1 : 0;
}

function jsonReport(diff: GraphDiff, differs: boolean, positions: boolean): Record<string, unknown> {
  return {
    differs,
    renamed: diff.renamed, added: diff.added, removed: diff.removed, changed: diff.changed,
    addedEdges: diff.addedEdges, removedEdges: diff.removedEdges, training: diff.training, document: diff.document,
    ...(positions ? { moved: diff.moved } : {}),
  };
}

function nodeName(pair: NodePair): string {
  return pair.beforeId === pair.afterId ? pair.afterId : `${pair.beforeId} → ${pair.afterId}`;
}

function describeParams(node: DiffNode): string {
  const fields = Object.keys(node.params).map((key) => `${key}: ${formatDiffValue(node.params[key] as Parameters<typeof formatDiffValue>[0])}`);
  return fields.length > 0 ? ` ${fields.join(', ')}` : '';
}

function changeLines(prefix: string, changes: readonly ValueChange[]): string[] {
  return changes.map((change) => `${prefix}${formatValueChange(change)}`);
}

/** One line per change, grouped: nodes, edges, training, file; then renames (and moves) as notes. */
export function textReport(diff: GraphDiff, positions: boolean): string[] {
  const lines: string[] = [];
  for (const node of diff.changed) {
    lines.push(`~ node ${nodeName(node)} (${node.type})`, ...changeLines('    ', node.changes));
  }
  for (const node of diff.added) lines.push(`+ node ${node.id} (${node.type})${describeParams(node)}`);
  for (const node of diff.removed) lines.push(`- node ${node.id} (${node.type})${describeParams(node)}`);
  for (const edge of diff.addedEdges) lines.push(`+ edge ${edge.from} → ${edge.to}`);
  for (const edge of diff.removedEdges) lines.push(`- edge ${edge.from} → ${edge.to}`);
  if (diff.training.length > 0) lines.push('~ training', ...changeLines('    ', diff.training));
  lines.push(...changeLines('~ ', diff.document));
  if (positions) {
    for (const move of diff.moved) {
      lines.push(`~ moved ${nodeName(move)}: (${move.before.x}, ${move.before.y}) → (${move.after.x}, ${move.after.y})`);
    }
  }
  const renamed = diff.renamed.filter((pair) => !diff.changed.some((node) => node.beforeId === pair.beforeId));
  for (const pair of renamed) lines.push(`= renamed ${pair.beforeId} → ${pair.afterId} (same node)`);
  lines.push(summaryLine(diff, positions));
  return lines;
}

function count(value: number, singular: string, plural = `${singular}s`): string | undefined {
  return value > 0 ? `${value} ${value === 1 ? singular : plural}` : undefined;
}

function summaryLine(diff: GraphDiff, positions: boolean): string {
  const parts = [
    count(diff.changed.length, 'node changed', 'nodes changed'),
    count(diff.added.length, 'node added', 'nodes added'),
    count(diff.removed.length, 'node removed', 'nodes removed'),
    count(diff.addedEdges.length, 'edge added', 'edges added'),
    count(diff.removedEdges.length, 'edge removed', 'edges removed'),
    count(diff.training.length, 'training setting changed', 'training settings changed'),
    count(diff.document.length, 'file field changed', 'file fields changed'),
    positions ? count(diff.moved.length, 'node moved', 'nodes moved') : undefined,
  ].filter((part): part is string => part !== undefined);
  const notes = [
    count(diff.renamed.length, 'id renamed', 'ids renamed'),
    positions ? undefined : count(diff.moved.length, 'move ignored (--positions shows moves)', 'moves ignored (--positions shows them)'),
  ].filter((part): part is string => part !== undefined);
  const head = parts.length > 0 ? `Changes: ${parts.join(', ')}.` : 'No changes to the network.';
  return notes.length > 0 ? `${head} (${notes.join('; ')})` : head;
}
