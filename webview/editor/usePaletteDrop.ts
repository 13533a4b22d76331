// Dropping a palette entry on the canvas adds that node where it was dropped.
import { useCallback, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { isNodeType } from '../../src/graph/index';
import { sendIntent } from './hostConnection';
import { PALETTE_DRAG_TYPE } from './Palette';

export function usePaletteDrop(): { onDragOver: (event: DragEvent) => void; onDrop: (event: DragEvent) => void } {
  const flow = useReactFlow();
  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback((event: DragEvent) => {
    const nodeType = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
    if (!isNodeType(nodeType)) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    sendIntent({ kind: 'addNode', nodeType, position });
  }, [flow]);
  return { onDragOver, onDrop };
}
