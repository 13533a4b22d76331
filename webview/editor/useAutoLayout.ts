// Auto Layout from the editor: the nodes are laid out at the size they are drawn (a node with error text is taller
// than the default), and the view is fitted to where they are going at once, not after the document comes back.
import { useCallback } from 'react';
import { useReactFlow, type Edge } from '@xyflow/react';
import { applyEdit, type EditIntent, type JsonObject, type NodeSizeOf, type Position } from '../../src/graph/index';
import { sendIntent } from './hostConnection';
import type { EditorNode } from './nodeData';
import type { NodeRect, ViewportFit } from './useViewportFit';

function positionsIn(doc: JsonObject): Map<string, Position> {
  const positions = new Map<string, Position>();
  for (const node of Array.isArray(doc.nodes) ? doc.nodes : []) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || typeof node.id !== 'string') continue;
    const position = node.position;
    if (position !== null && typeof position === 'object' && !Array.isArray(position)
      && typeof position.x === 'number' && typeof position.y === 'number') positions.set(node.id, { x: position.x, y: position.y });
  }
  return positions;
}

/** Lays out `raw` (the document as the host has it) with the drawn sizes, and fits the view to the result. */
export function useAutoLayout(raw: JsonObject | undefined, viewFit: ViewportFit): () => void {
  const flow = useReactFlow<EditorNode, Edge>();
  return useCallback(() => {
    if (!raw) return;
    const drawn = flow.getNodes();
    const nodeSizes: NodeSizeOf[] = drawn.flatMap((node) => (node.measured?.width && node.measured.height
      ? [{ nodeId: node.id, width: Math.ceil(node.measured.width), height: Math.ceil(node.measured.height) }] : []));
    const intent: EditIntent = { kind: 'autoLayout', nodeSizes };
    sendIntent(intent);
    // The same pure edit the host applies to the same document: where the nodes will be once its edit comes back.
    const laidOut = applyEdit(raw, intent);
    if (!laidOut.ok) return;
    const positions = positionsIn(laidOut.value);
    const rects: NodeRect[] = drawn.flatMap((node) => {
      const position = positions.get(node.id);
      return position ? [{ ...position, width: node.measured?.width ?? 0, height: node.measured?.height ?? 0, nodeType: node.data.nodeType }] : [];
    });
    viewFit.fit('whole', 200, rects);
  }, [raw, flow, viewFit]);
}
