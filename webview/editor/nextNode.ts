// What a node on the canvas needs to offer the next node ("Next: Activation"): the suggestion for it, and a way to
// open quick-add beside it on that suggestion. Given by the canvas through context, so the memoized node views need
// no new props (and React Flow's node data stays the document's).
import { createContext } from 'react';
import type { NodeType } from '../../src/graph/index';

export interface NextNodeActions {
  /** The node type to suggest after a node (src/graph/quickAdd.ts's suggestedNext), if any. */
  suggestionFor: (nodeId: string) => NodeType | undefined;
  /** Opens quick-add beside the node, its list starting on the suggestion. */
  openNext: (nodeId: string) => void;
}

export const NextNodeContext = createContext<NextNodeActions | undefined>(undefined);
