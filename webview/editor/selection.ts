// The selection is the person's choice of node ids, but only ids the document still holds count: a deleted node (by
// Delete, Cut, an undo of a paste, or an edit in the text) leaves it, so the inspector never stays on nodes that are gone.
import type { GraphDocument } from '../../src/graph/index';

/** The selected ids the graph still has; the same set when none is gone, so callers can tell nothing changed. */
export function existingSelection(selection: ReadonlySet<string>, graph: GraphDocument | undefined): ReadonlySet<string> {
  // A graph that could not be read keeps the selection: the nodes come back when the text is fixed.
  if (!graph || selection.size === 0) return selection;
  const ids = new Set(graph.nodes.map((node) => node.id));
  for (const id of selection) {
    if (!ids.has(id)) return new Set([...selection].filter((kept) => ids.has(kept)));
  }
  return selection;
}
