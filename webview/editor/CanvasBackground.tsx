// The canvas's dot grid, kept on whole screen pixels. React Flow scales the dots with the zoom: at a zoom that makes
// the spacing fractional and the dots smaller than a pixel, antialiasing turns the grid into faint blotches (moiré)
// that read as ghost shapes on an empty canvas. So the spacing is rounded to whole pixels, never denser than 12 px,
// and a dot never shrinks below one pixel across.
import { Background, useStore } from '@xyflow/react';

const GAP = 20;
const MIN_SCREEN_GAP = 12;

export function CanvasBackground() {
  const zoom = useStore((state) => state.transform[2]);
  const screenGap = Math.max(MIN_SCREEN_GAP, Math.round(GAP * zoom));
  return <Background gap={screenGap / zoom} size={Math.max(1, 1 / zoom)} />;
}
