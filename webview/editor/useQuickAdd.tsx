// Opens the quick-add box: from a wire dropped on empty canvas (at the pointer), or with the A key on one selected
// node (beside it, for its first output, starting on the suggested next node). Choosing sends one addConnected intent, so the host makes one undo step.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { type FinalConnectionState, useReactFlow } from '@xyflow/react';
import {
  type GraphDocument, NODE_HEIGHT, NODE_TYPES, NODE_WIDTH, type NodeType, type Position, quickAddCandidates, type QuickAddCandidate, type Shape,
  suggestedCandidateIndex, suggestedNext,
} from '../../src/graph/index';
import { sendIntent } from './hostConnection';
import { QuickAddBox } from './QuickAddBox';
import { inEditableField } from './useEditorShortcuts';

/** The key that opens the box for the selected node (A for "add", as Blender's Shift+A; unused by the editor). */
export const QUICK_ADD_KEY = 'a';
/** How far right of its source a node added from the keyboard lands, in flow units. */
const BESIDE_GAP = 80;

interface QuickAddRequest {
  from: string;
  /** Where the box shows, in window pixels. */
  at: { x: number; y: number };
  /** Where the new node goes, in flow coordinates. */
  position: Position;
  /** The node type the list starts on: the suggested next node (nodeTypes.ts's `next`). */
  preselect?: NodeType;
}

export function useQuickAdd(graph: GraphDocument, shapes: Readonly<Record<string, Shape>>, selection: ReadonlySet<string>): {
  openFromWire: (event: MouseEvent | TouchEvent, state: FinalConnectionState) => boolean;
  /** Opens the box beside a node, for its first output, on the suggested next node. */
  openBeside: (nodeId: string) => boolean;
  box: ReactNode;
} {
  const flow = useReactFlow();
  const [request, setRequest] = useState<QuickAddRequest | undefined>(undefined);
  const latest = useRef({ graph, selection });
  latest.current = { graph, selection };

  const openFromWire = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState): boolean => {
    // Only a wire pulled out of an output and let go over nothing: a drop on a node or port is a connection attempt.
    if (state.toNode || state.toHandle || state.fromHandle?.type !== 'source' || !state.fromHandle.id) return false;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return false;
    const at = { x: point.clientX, y: point.clientY };
    // Let go over the palette or the inspector: no place on the canvas to put a node.
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!canvas || at.x < canvas.left || at.x > canvas.right || at.y < canvas.top || at.y > canvas.bottom) return false;
    const dropped = flow.screenToFlowPosition(at);
    setRequest({ from: `${state.fromHandle.nodeId}.${state.fromHandle.id}`, at, position: { x: dropped.x, y: dropped.y - NODE_HEIGHT / 2 } });
    return true;
  }, [flow]);

  const openBeside = useCallback((nodeId: string): boolean => {
    const current = latest.current.graph;
    const node = current.nodes.find((n) => n.id === nodeId);
    const port = node ? NODE_TYPES[node.type].outputs[0] : undefined;
    const shown = node ? flow.getNode(node.id) : undefined;
    if (!node || !port || !shown) return false;
    const width = shown.measured?.width ?? NODE_WIDTH;
    const position = { x: shown.position.x + width + BESIDE_GAP, y: shown.position.y };
    const at = flow.flowToScreenPosition({ x: shown.position.x + width + BESIDE_GAP / 4, y: shown.position.y });
    const preselect = suggestedNext(current, node.id);
    setRequest({ from: `${node.id}.${port.name}`, at, position, ...(preselect ? { preselect } : {}) });
    return true;
  }, [flow]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== QUICK_ADD_KEY || event.ctrlKey || event.metaKey || event.altKey || inEditableField(event)) return;
      const selected = latest.current.selection;
      if (selected.size !== 1) return;
      if (openBeside([...selected][0])) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openBeside]);

  const candidates = useMemo(() => (request ? quickAddCandidates(graph, shapes, request.from) : []), [request, graph, shapes]);
  const close = useCallback(() => setRequest(undefined), []);
  const choose = useCallback((candidate: QuickAddCandidate) => {
    if (!request) return;
    setRequest(undefined);
    sendIntent({
      kind: 'addConnected', nodeType: candidate.nodeType, params: candidate.params, position: request.position,
      from: request.from, toPort: candidate.toPort,
    });
  }, [request]);

  const box = request
    ? <QuickAddBox key={`${request.from}@${request.at.x},${request.at.y}`} from={request.from} candidates={candidates} at={request.at} onChoose={choose} onClose={close}
      initialActive={suggestedCandidateIndex(candidates, request.preselect)} />
    : null;
  return { openFromWire, openBeside, box };
}
